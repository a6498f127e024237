"""What staff store: sanitised bodies on every path, derived fields, images, the admin."""

import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from news.models import Post
from tests.news.factories import (
    admin_post_data,
    jpeg_upload,
    make_draft,
    make_post,
    make_scheduled,
    make_staff,
)

pytestmark = pytest.mark.django_db

HOSTILE_BODY = (
    '<p onclick="steal()" style="color:red">Hello <a href="javascript:alert(1)">click</a>'
    ' <a href="https://example.org/report" onmouseover="x()">report</a></p>'
    "<script>alert('x')</script><iframe src='https://evil.example'></iframe>"
    '<h2 style="font-size:90px">Heading</h2><img src=x onerror=alert(1)>'
)


def assert_clean(body):
    for needle in (
        "<script",
        "onclick",
        "onmouseover",
        "onerror",
        "javascript:",
        "<iframe",
        "style=",
        "<img",
        "alert(",
    ):
        assert needle not in body, needle
    assert "<h2>Heading</h2>" in body
    assert '<a href="https://example.org/report"' in body


def test_body_saved_from_the_shell_is_sanitised():
    post = make_post(body=HOSTILE_BODY)
    post.refresh_from_db()
    assert_clean(post.body)


def test_body_loaded_from_a_fixture_is_sanitised(tmp_path):
    fixture = tmp_path / "posts.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "news.post",
                    "pk": 900,
                    "fields": {
                        "title": "Imported",
                        "slug": "imported",
                        "body": HOSTILE_BODY,
                        "status": "published",
                        "published_at": "2026-01-01T00:00:00Z",
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z",
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert_clean(Post.objects.get(pk=900).body)


def test_body_posted_through_the_admin_is_sanitised_and_author_defaults_to_the_editor(admin_client):
    response = admin_client.post(reverse("admin:news_post_add"), admin_post_data(body=HOSTILE_BODY))
    assert response.status_code == 302, response.content.decode()[:3000]
    post = Post.objects.get(slug="from-the-admin")
    assert_clean(post.body)
    assert post.author.username == "admin"


def test_the_admin_add_form_offers_the_current_user_as_author(admin_client):
    html = admin_client.get(reverse("admin:news_post_add")).content.decode()
    assert "selected>admin</option>" in html


def test_excerpt_is_derived_from_the_body_without_headings_when_left_empty():
    post = make_post(
        body="<p>Children stay in <strong>school</strong>.</p><h2>Why</h2><ul><li>Books</li></ul>"
    )
    assert post.excerpt == "Children stay in school. Books"


def test_an_image_without_a_description_is_refused_by_the_admin(admin_client):
    data = admin_post_data(image=jpeg_upload())
    response = admin_client.post(reverse("admin:news_post_add"), data)
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not Post.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_by_the_admin_with_a_message(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    data = admin_post_data(image=fake, image_alt="A photo")
    response = admin_client.post(reverse("admin:news_post_add"), data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Post.objects.exists()


def test_a_pixel_bomb_is_refused_by_the_admin_with_a_message(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMAGE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("L", (3000, 3000)).save(buffer, "PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    response = admin_client.post(
        reverse("admin:news_post_add"), admin_post_data(image=bomb, image_alt="Big")
    )
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()


def test_an_uploaded_image_loses_its_gps_location_and_gets_renditions(admin_client):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (13.0, 45.0, 0.0)
    response = admin_client.post(
        reverse("admin:news_post_add"),
        admin_post_data(image=jpeg_upload(exif=exif), image_alt="Students reading"),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    with post.image.open() as stored:
        image = Image.open(stored)
        assert not image.getexif().get_ifd(0x8825)
        assert dict(image.getexif()) == {}
    assert set(post.image_renditions["sources"]) == {"image/avif", "image/webp", "image/jpeg"}
    html = admin_client.get(post.get_absolute_url()).content.decode()
    assert '<source type="image/avif"' in html and 'alt="Students reading"' in html


def changelist_action(admin_client, action, posts):
    return admin_client.post(
        reverse("admin:news_post_changelist"),
        {"action": action, "_selected_action": [post.pk for post in posts]},
        follow=True,
    )


def test_admin_action_publish_now_puts_drafts_and_scheduled_posts_on_the_site(admin_client, client):
    draft, scheduled = make_draft("A draft"), make_scheduled("A scheduled post")
    assert "A draft" not in client.get("/news/").content.decode()  # fills the page cache
    response = changelist_action(admin_client, "publish_now", [draft, scheduled])
    assert "2 posts published now." in response.content.decode()
    html = client.get("/news/").content.decode()
    assert "A draft" in html and "A scheduled post" in html


def test_admin_action_return_to_draft_takes_posts_off_the_site(admin_client, client):
    post = make_post("Going back to draft")
    assert client.get(post.get_absolute_url()).status_code == 200
    response = changelist_action(admin_client, "return_to_draft", [post])
    assert "1 post returned to draft" in response.content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "Going back to draft" not in client.get("/news/").content.decode()


def test_admin_list_shows_status_publish_time_author_and_categories(admin_client):
    from tests.news.factories import make_category

    make_post("Listed", categories=[make_category("Community")], author=make_staff("nok"))
    html = admin_client.get(reverse("admin:news_post_changelist")).content.decode()
    for text in ("Listed", "Published", "nok", "Community", "On the site"):
        assert text.lower() in html.lower(), text


def test_editors_group_can_publish_news_and_site_pages_and_nothing_else():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("content_type__app_label", "codename"))
    assert ("news", "change_post") in codenames
    assert ("news", "add_quote") in codenames
    assert ("pages", "change_page") in codenames  # About, Contact, the privacy notice
    assert {app for app, _ in codenames} == {"news", "pages"}
    shop_permissions = Permission.objects.filter(content_type__app_label="shop")
    assert not editors.permissions.filter(pk__in=shop_permissions).exists()


def test_an_editor_in_the_group_can_open_the_post_admin_but_not_users(client):
    editor = make_staff("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("admin:news_post_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
