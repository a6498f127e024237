"""Media in an S3-compatible bucket (moto's server, tests/s3.py): public plain URLs, files that
follow their objects, the orphans command; and the settings that switch it on."""

import urllib.request
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from freedomstory.core.image_files import make_renditions, render_image
from freedomstory.core.richtext_images import store_body_image
from news.models import Post
from tests.news.factories import admin_post_data, jpeg_upload, make_post
from tests.s3 import object_names, s3_environment, settings_from

pytestmark = pytest.mark.django_db


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_a_bucket_name_puts_media_in_s3_with_plain_public_urls(monkeypatch):
    loaded = settings_from(s3_environment("http://127.0.0.1:9000", "media"), monkeypatch)
    storage = loaded["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["querystring_auth"] is False and options["file_overwrite"] is False
    assert options["default_acl"] == "public-read" and options["addressing_style"] == "path"
    assert loaded["MEDIA_URL"] == "http://127.0.0.1:9000/media/"
    assert loaded["SERVE_MEDIA"] is False


def test_a_cdn_domain_is_where_media_are_linked(monkeypatch):
    environment = s3_environment("", "media") | {"AWS_S3_CUSTOM_DOMAIN": "cdn.example.org"}
    loaded = settings_from(environment, monkeypatch)
    assert loaded["MEDIA_URL"] == "https://cdn.example.org/"
    assert loaded["STORAGES"]["default"]["OPTIONS"]["addressing_style"] is None


def test_a_cdn_domain_given_with_its_scheme_is_refused_at_start(monkeypatch):
    environment = s3_environment("", "media") | {"AWS_S3_CUSTOM_DOMAIN": "https://cdn.example.org"}
    with pytest.raises(ImproperlyConfigured, match="the domain alone"):
        settings_from(environment, monkeypatch)


def test_without_a_bucket_media_stay_on_disk(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    loaded = settings_from({}, monkeypatch)
    assert loaded["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert loaded["MEDIA_URL"] == "/media/"


def test_pages_may_load_images_from_the_bucket(s3_media, client):
    policy = client.get("/").headers["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    origin = default_storage.url("x.jpg").split("/")[2]
    assert f"http://{origin}" in img_src.split()


def test_an_uploaded_post_image_is_in_the_bucket_at_a_plain_public_url(s3_media, admin_client):
    response = admin_client.post(
        reverse("admin:news_post_add"),
        admin_post_data(image=jpeg_upload(), image_alt="Pupils", status="published"),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    url = post.image.url
    assert "?" not in url and url.startswith(s3_media.meta.client.meta.endpoint_url)
    stored = s3_media.Object(post.image.name).get()["Body"].read()
    assert fetch(url) == stored  # no credentials: the object is public
    # The renditions (made by the task) are in the bucket too, at plain URLs the page shows.
    names = [n for entries in post.image_renditions["sources"].values() for n, _w in entries]
    assert len(names) == 9 and set(names) <= set(object_names(s3_media))
    html = admin_client.get(post.get_absolute_url()).content.decode()
    assert default_storage.url(names[0]) in html
    assert fetch(default_storage.url(names[0]))[:4] != b""


def test_uploads_with_one_name_never_overwrite_each_other(s3_media):
    first = default_storage.save("news/same.jpg", ContentFile(b"one"))
    second = default_storage.save("news/same.jpg", ContentFile(b"two"))
    assert first != second
    assert default_storage.open(first).read() == b"one"


def test_deleting_a_post_removes_every_object_of_its_image(
    s3_media, django_capture_on_commit_callbacks
):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    assert len(object_names(s3_media)) == 10  # the original and nine renditions
    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert object_names(s3_media) == []


def test_replacing_an_image_removes_the_old_objects(s3_media, django_capture_on_commit_callbacks):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    before = set(object_names(s3_media))
    post.image = jpeg_upload(size=(1000, 700), name="other.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        post.save()
    after = set(object_names(s3_media))
    assert not before & after and len(after) == 10
    assert post.image.name in after


def test_a_rolled_back_delete_keeps_the_files(s3_media, django_capture_on_commit_callbacks):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    before, pk = object_names(s3_media), post.pk
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        post.delete()
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert object_names(s3_media) == before and Post.objects.filter(pk=pk).exists()


def test_the_orphans_command_lists_then_removes_only_orphans(s3_media):
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    kept = object_names(s3_media)
    orphans = [
        default_storage.save("news/2020/01/left.jpg", ContentFile(b"x")),
        default_storage.save("renditions/abc/left-480.webp", ContentFile(b"y")),
    ]

    listing = StringIO()
    call_command("media_orphans", "--grace-minutes=0", stdout=listing)
    assert listing.getvalue().splitlines() == [
        *sorted(orphans),
        "2 orphan file(s) found (dry run: run again with --delete to remove them)",
    ]
    assert object_names(s3_media) == sorted([*kept, *orphans])  # a dry run removes nothing

    young = StringIO()
    call_command("media_orphans", "--delete", stdout=young)  # the default hour of grace
    assert young.getvalue().splitlines() == ["0 orphan file(s) removed"]

    call_command("media_orphans", "--delete", "--grace-minutes=0", stdout=StringIO())
    assert object_names(s3_media) == kept
    assert post.image.name in kept


def test_a_body_image_in_the_bucket_is_kept_by_the_sanitiser(s3_media):
    markup = store_body_image(jpeg_upload(name="room.jpg"), alt="A room")
    post = make_post(body=f"<p>Our room</p><figure>{markup}</figure>")
    assert default_storage.url("renditions/") in post.body and "?" not in post.body
    assert len(object_names(s3_media)) == 10


def test_deleting_a_copy_read_before_its_renditions_existed_removes_them_too(
    s3_media, settings, django_capture_on_commit_callbacks
):
    """The renditions are found by their original's folder, not only by the record in hand."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    post = make_post(image=jpeg_upload(), image_alt="Pupils")
    [queued] = make_renditions.get_backend().results
    render_image(*queued.args)
    assert len(object_names(s3_media)) == 10 and "pending" in post.image_renditions
    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert object_names(s3_media) == []
