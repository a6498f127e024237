"""import_wordpress on the fixture exports: what maps to what."""

import shutil
from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from freedomstory.pages.models import Page
from news.models import Category, Post, Quote
from shop.models import Product, Variant
from tests.news.factories import make_staff
from tests.wordpress.exports import BLOCK_EDITOR, BOTH, CLASSIC_EDITOR, FIXTURES
from tests.wordpress.uploads import GPS_TAGGED

pytestmark = pytest.mark.django_db


def run_import(export, uploads=None, *args):
    out = StringIO()
    options = ["--uploads", str(uploads)] if uploads else []
    call_command("import_wordpress", str(export), *options, *args, stdout=out)
    return out.getvalue()


def imported(name):
    return FIXTURES / name


@pytest.mark.parametrize("name", BOTH)
def test_a_published_post_keeps_its_words_structure_date_author_and_categories(uploads, name):
    run_import(imported(name), uploads)
    post = Post.objects.get(slug="back-to-school-in-mae-chan")
    assert post.title == "Back to school in Mae Chan"
    assert post.status == Post.Status.PUBLISHED and post.is_public
    assert post.published_at == datetime(2021, 3, 15, 2, 30, tzinfo=UTC)
    for kept in ("<h2>", "<h3>", "<ul>", "<li>", "<strong>", "<em>", "<a href="):
        assert kept in post.body, kept
    assert "wp:" not in post.body and "<!--" not in post.body and "[caption" not in post.body
    assert sorted(post.categories.values_list("name", flat=True)) == [
        "Chiang Rai",
        "Education",
        "Mentoring",
        "Scholarship stories",
    ]
    assert post.author.username == "kanya"
    assert post.excerpt.startswith("Forty-two scholarship students")


@pytest.mark.parametrize("name", BOTH)
def test_the_pull_quote_becomes_a_quote_placed_where_it_was(uploads, name):
    run_import(imported(name), uploads)
    post = Post.objects.get(slug="back-to-school-in-mae-chan")
    quote = Quote.objects.get(post=post)
    assert (quote.speaker_name, quote.speaker_role) == ("Veerawit Tianchainan", "Director")
    assert quote.text == "When one girl finishes school, her younger sisters expect to finish too."
    assert "younger sisters" not in post.body  # not twice
    from news.structure import body_with_pull_quotes

    segments = body_with_pull_quotes(post.body, [quote])
    placed = next(segment for segment in segments if segment.quotes)
    assert "<ul>" in placed.html  # after the list it followed in WordPress


@pytest.mark.parametrize("name", BOTH)
def test_images_come_from_uploads_without_their_location_and_are_never_hot_linked(
    uploads, name, settings
):
    run_import(imported(name), uploads)
    post = Post.objects.get(slug="back-to-school-in-mae-chan")
    assert 'src="/media/' in post.body and "oldsite.example.org/wp-content" not in post.body
    assert post.image and post.image_alt
    from freedomstory.core.models import RichTextImage

    stored = RichTextImage.objects.get()
    with Image.open(stored.image.path) as image:
        assert not image.getexif().get_ifd(0x8825)  # no GPS position left


@pytest.mark.parametrize("name", BOTH)
def test_featured_images_and_product_photos_are_processed_like_any_upload(uploads, name):
    """Stored before the model saw them, they had no renditions (so no page showed them) and
    kept the camera's EXIF, a GPS position included."""
    shutil.copy(uploads / GPS_TAGGED, uploads / "2021/03/reading-circle.jpg")  # the featured one
    run_import(imported(name), uploads)
    post = Post.objects.get(slug="back-to-school-in-mae-chan")
    assert post.picture is not None
    with Image.open(post.image.path) as image:
        assert not image.getexif()  # nothing of the camera's, no GPS position
    photos = list(Product.objects.get(slug="freedom-story-t-shirt").images.all())
    assert photos and all(photo.picture is not None for photo in photos)


def test_an_attachment_that_is_not_an_image_is_reported_and_left_out(uploads):
    (uploads / "2021/03/reading-circle.jpg").write_bytes(b"<?php echo 'not a photo'; ?>")
    output = run_import(BLOCK_EDITOR, uploads)
    assert "image 2021/03/reading-circle.jpg (attachment 11) is not an image we can take" in output
    post = Post.objects.get(slug="back-to-school-in-mae-chan")  # the post itself comes in
    assert not post.image and post.picture is None


def test_statuses_map_and_nothing_private_or_protected_is_public(uploads):
    run_import(BLOCK_EDITOR, uploads)
    by_title = {post.title: post for post in Post.objects.all()}
    assert by_title["Notes from the mentors' meeting"].status == Post.Status.DRAFT
    scheduled = by_title["Ten years of the resource centre"]
    assert scheduled.status == Post.Status.PUBLISHED and scheduled.published_at > timezone.now()
    assert not scheduled.is_public  # appears at its time, by itself
    assert by_title["Board minutes, March 2021"].status == Post.Status.DRAFT  # private
    assert by_title["For our volunteers' families"].status == Post.Status.DRAFT  # password
    assert set(Post.objects.published().values_list("slug", flat=True)) == {
        "back-to-school-in-mae-chan",
        "open-day-photos",
    }


@pytest.mark.parametrize("name", BOTH)
def test_hostile_markup_in_an_export_never_reaches_a_page(uploads, name, client):
    run_import(imported(name), uploads)
    post = Post.objects.get(slug="open-day-photos")
    for bad in ("<script", "onerror", "javascript:", "<iframe", "<style", "alert("):
        assert bad not in post.body, bad
    html = client.get(post.get_absolute_url()).content.decode()
    assert "alert(" not in html


def test_pages_keep_their_hierarchy_as_their_address(uploads, client):
    run_import(BLOCK_EDITOR, uploads)
    team = Page.objects.get(slug="our-team")
    assert team.parent.slug == "about-us" and team.get_absolute_url() == "/about-us/our-team/"
    html = client.get("/about-us/our-team/").content.decode()
    assert "<h1>Our team</h1>" in html


def test_a_simple_product_takes_its_sale_price_sku_stock_and_photos(uploads):
    run_import(BLOCK_EDITOR, uploads)
    tote = Product.objects.get(slug="freedom-story-tote-bag")
    plain = tote.variants.get()
    assert tote.price == Decimal("300.00") and tote.is_active and tote.is_physical
    assert (plain.sku, plain.stock) == ("TFS-TOTE", 12)
    assert tote.images.count() == 2
    assert "four sizes" not in tote.description  # another product's words


def test_a_variable_product_becomes_options_and_a_variant_per_variation(uploads):
    run_import(BLOCK_EDITOR, uploads)
    shirt = Product.objects.get(slug="freedom-story-t-shirt")
    assert [option.name for option in shirt.options.all()] == ["Size", "Colour"]
    offered = {variant.name: variant for variant in shirt.offered_variants}
    assert len(offered) == 4
    assert all(variant.sku for variant in offered.values())
    sold_out = [name for name, variant in offered.items() if variant.stock == 0]
    assert len(sold_out) == 1 and sold_out[0].startswith("XL")
    draft = Product.objects.get(name="Bamboo pencil case")  # a draft: kept, off sale
    assert not draft.is_active


def test_the_summary_counts_each_kind_and_names_what_it_could_not_take(uploads):
    output = run_import(BLOCK_EDITOR, uploads)
    assert "  posts: 6 imported, 0 updated, 0 skipped" in output
    assert "  pages: 2 imported, 0 updated, 0 skipped" in output
    assert "  products: 3 imported, 0 updated, 0 skipped" in output
    assert "2008/06/canola2.jpg not found under --uploads" in output
    assert "nav_menu_item" in output and "revision" in output and "tribe_events" in output
    assert "comments" in output


def test_a_second_run_creates_nothing_and_changes_nothing(uploads):
    run_import(BLOCK_EDITOR, uploads)
    before = snapshot()
    output = run_import(BLOCK_EDITOR, uploads)
    assert snapshot() == before
    assert "  posts: 0 imported, 0 updated, 6 skipped" in output
    assert "  products: 0 imported, 0 updated, 3 skipped" in output


def snapshot():
    return {
        "posts": list(Post.objects.order_by("pk").values_list("pk", "title", "body", "updated_at")),
        "quotes": list(Quote.objects.order_by("pk").values_list("pk", "text", "position")),
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "updated_at")),
        "products": list(Product.objects.order_by("pk").values_list("pk", "updated_at")),
        "variants": list(Variant.objects.order_by("pk").values_list("pk", "stock", "sku")),
        "categories": Category.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_an_object_edited_here_is_left_alone_when_wordpress_changed_it_too(uploads, tmp_path):
    run_import(BLOCK_EDITOR, uploads)
    post = Post.objects.get(slug="back-to-school-in-mae-chan")
    post.title = "Back to school (edited here)"
    post.save()
    changed = tmp_path / "changed.xml"
    text = BLOCK_EDITOR.read_text()
    text = text.replace("forty-two</strong>", "forty-three</strong>")
    text = text.replace("Hand-woven", "Hand woven") if "Hand-woven" in text else text
    changed.write_text(text)
    output = run_import(changed, uploads)
    post.refresh_from_db()
    assert post.title == "Back to school (edited here)" and "forty-two" in post.body
    assert "post 101 “Back to school in Mae Chan”: edited here since it was imported" in output


def test_a_changed_post_not_edited_here_is_updated(uploads, tmp_path):
    run_import(BLOCK_EDITOR, uploads)
    changed = tmp_path / "changed.xml"
    changed.write_text(BLOCK_EDITOR.read_text().replace("forty-two</strong>", "43</strong>"))
    output = run_import(changed, uploads)
    assert "<strong>43</strong>" in Post.objects.get(slug="back-to-school-in-mae-chan").body
    assert "  posts: 0 imported, 1 updated, 5 skipped" in output


def test_an_export_that_gained_posts_adds_just_those(uploads, tmp_path):
    from tests.wordpress.generate import big_export

    run_import(BLOCK_EDITOR, uploads)
    extra = tmp_path / "more.xml"
    extra.write_text(big_export(3))
    posts_before = Post.objects.count()
    output = run_import(extra, uploads)
    assert Post.objects.count() == posts_before + 3
    assert "  posts: 3 imported" in output


def test_a_dry_run_reports_and_writes_nothing(uploads, settings):
    output = run_import(BLOCK_EDITOR, uploads, "--dry-run")
    assert "Dry run: nothing was written." in output
    assert "  posts: 6 imported" in output
    assert not Post.objects.exists() and not Product.objects.exists()
    assert not Page.objects.filter(slug="about-us").exists()
    media = settings.MEDIA_ROOT
    assert not any(path.is_file() for path in media.rglob("*")) if media.exists() else True


def test_a_run_that_fails_half_way_writes_nothing_and_leaves_no_files(
    uploads, settings, monkeypatch
):
    from freedomstory.wordpress import products

    def broken(self, item):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(products.ProductImporter, "run", broken)
    with pytest.raises(RuntimeError):
        run_import(BLOCK_EDITOR, uploads)
    assert not Post.objects.exists() and not Quote.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(path.is_file() for path in media.rglob("*")) if media.exists() else True


def test_a_run_stopped_by_a_database_error_leaves_no_files_and_says_that_error(
    uploads, settings, monkeypatch
):
    """After a failed statement PostgreSQL answers nothing more in the transaction: removing
    the run's files must not need the database (it raised TransactionManagementError instead,
    hiding the error and leaving every image behind)."""
    from django.db import IntegrityError, transaction

    from freedomstory.wordpress import products

    def broken(self, item):
        transaction.set_rollback(True)  # what a failed statement does to the transaction
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(products.ProductImporter, "run", broken)
    with pytest.raises(IntegrityError):
        run_import(BLOCK_EDITOR, uploads)
    media = settings.MEDIA_ROOT
    assert not any(path.is_file() for path in media.rglob("*")) if media.exists() else True


def test_authors_are_matched_to_staff_or_made_as_bylines_that_cannot_sign_in(uploads):
    kanya = make_staff("kanya")
    run_import(BLOCK_EDITOR, uploads)
    assert Post.objects.get(slug="back-to-school-in-mae-chan").author == kanya
    others = get_user_model().objects.exclude(pk=kanya.pk).filter(posts__isnull=False).distinct()
    for user in others:
        assert user.is_staff and not user.is_active and not user.has_usable_password()


def test_the_author_option_signs_posts_of_authors_unknown_here(uploads):
    editor = make_staff("editor")
    run_import(BLOCK_EDITOR, uploads, "--author", "editor")
    assert set(Post.objects.values_list("author", flat=True)) == {editor.pk}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not xml at all", "not valid XML"),
        (b"<?xml version='1.0'?><rss><channel><item>", "truncated"),
        (b"<html><body>hello</body></html>", "not a WordPress export"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_status_1_and_nothing_written(tmp_path, content, message):
    bad = tmp_path / "export.xml"
    bad.write_bytes(content)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        run_import(bad)
    assert "\n" not in str(refused.value) and message in str(refused.value)
    assert not Post.objects.exists() and not Category.objects.exists()


def test_the_command_exits_with_status_1_on_a_bad_file(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "export.xml"
    bad.write_text("not xml")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1


def test_old_addresses_of_imported_items_answer_301(uploads, client):
    run_import(BLOCK_EDITOR, uploads)
    old_post = client.get("/2021/03/15/back-to-school-in-mae-chan/")
    assert old_post.status_code == 301
    assert old_post["Location"] == "/news/back-to-school-in-mae-chan/"
    assert client.get("/?p=101")["Location"] == "/news/back-to-school-in-mae-chan/"
    assert client.get("/product/freedom-story-t-shirt/")["Location"] == (
        "/shop/freedom-story-t-shirt/"
    )
    assert client.get("/?page_id=202")["Location"] == "/about-us/our-team/"
    assert client.get("/tag/mentoring/")["Location"].startswith("/news/category/")
    # A child category's address names its parent.
    assert client.get("/category/education/scholarship-stories/")["Location"] == (
        "/news/category/scholarship-stories/"
    )


def test_the_classic_export_makes_paragraphs_and_captioned_figures(uploads):
    run_import(CLASSIC_EDITOR, uploads)
    post = Post.objects.get(slug="back-to-school-in-mae-chan")
    assert post.body.count("<p>") >= 3 and "<figure>" in post.body
    assert "[caption" not in post.body and "[/caption]" not in post.body
