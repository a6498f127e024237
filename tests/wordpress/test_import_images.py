"""Featured images and product photos go through the same image code as every upload."""

import pytest
from PIL import Image

from news.models import Post
from shop.models import Product
from tests.wordpress.builder import attachment, item, run_import
from tests.wordpress.uploads import GPS_TAGGED

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(uploads):
    """The fixture uploads and a file named like a photo that is not one."""
    (uploads / "2021/03/notes.jpg").write_text("<script>alert(document.cookie)</script>")
    return uploads


def media_files(settings):
    media = settings.MEDIA_ROOT
    return sorted(p.name for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_a_featured_image_is_stored_upright_without_its_location_and_with_renditions(
    tmp_path, uploads
):
    run_import(
        tmp_path,
        attachment(10, GPS_TAGGED, alt="Students at a table"),
        item(1, title="Back to school", slug="back", meta={"_thumbnail_id": "10"}),
        uploads=uploads,
    )
    post = Post.objects.get(slug="back")
    assert post.picture is not None and post.image_alt == "Students at a table"
    with Image.open(post.image.path) as image:
        assert not image.getexif().get_ifd(0x8825)  # no GPS position left


def test_a_product_photo_gets_its_renditions(tmp_path, uploads):
    run_import(
        tmp_path,
        attachment(12, "2022/05/tote-black.jpg"),
        item(3, "product", title="Tote", slug="tote", meta={"_price": "5", "_thumbnail_id": "12"}),
        uploads=uploads,
    )
    assert Product.objects.get(slug="tote").images.get().picture is not None


def test_a_featured_image_that_is_not_an_image_is_reported_and_never_stored(
    tmp_path, uploads, settings
):
    output = run_import(
        tmp_path,
        attachment(11, "2021/03/notes.jpg"),
        item(2, title="Notes", slug="notes", meta={"_thumbnail_id": "11"}),
        item(3, "product", title="Tote", slug="tote", meta={"_price": "5", "_thumbnail_id": "11"}),
        uploads=uploads,
    )
    assert not Post.objects.get(slug="notes").image
    assert not Product.objects.get(slug="tote").images.exists()
    assert "post 2: image 2021/03/notes.jpg (attachment 11) is not an image we can take" in output
    assert "product 3: image 2021/03/notes.jpg (attachment 11)" in output
    assert media_files(settings) == []


def test_importing_a_changed_post_again_leaves_no_old_copy_of_its_image(
    tmp_path, uploads, settings, django_capture_on_commit_callbacks
):
    thumbnail = attachment(10, GPS_TAGGED, alt="Students at a table")
    with django_capture_on_commit_callbacks(execute=True):
        run_import(
            tmp_path,
            thumbnail,
            item(1, title="Back", slug="back", meta={"_thumbnail_id": "10"}),
            uploads=uploads,
        )
    first = media_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(
            tmp_path,
            thumbnail,
            item(1, title="Back again", slug="back", meta={"_thumbnail_id": "10"}),
            uploads=uploads,
        )
    post = Post.objects.get(slug="back")
    assert post.title == "Back again"
    assert len(media_files(settings)) == len(first)  # one original and its renditions
    originals = [p for p in (settings.MEDIA_ROOT / "news").rglob("*") if p.is_file()]
    assert originals == [settings.MEDIA_ROOT / post.image.name]
