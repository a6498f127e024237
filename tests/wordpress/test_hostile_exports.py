"""What an export handed over by someone hostile (or a broken plugin) writes: never a crash
halfway through, each odd value named in the report."""

from io import StringIO

import pytest
from django.core.management import call_command

from news.models import Category, Post
from shop.models import Product
from tests.wordpress.builder import UPLOADS, attachment, item, run_import

pytestmark = pytest.mark.django_db


def test_ids_that_are_digits_but_not_numbers_are_no_image(tmp_path, uploads):
    output = run_import(
        tmp_path,
        attachment(10, "2021/03/classroom.jpg"),
        item(1, title="Water", slug="water", meta={"_thumbnail_id": "²"}),
        item(2, "product", title="Tote", slug="tote", meta={"_price": "5", "_thumbnail_id": "¹⁰"}),
        uploads=uploads,
    )
    assert "Import finished." in output
    assert not Post.objects.get(slug="water").image
    assert not Product.objects.get(slug="tote").images.exists()


def test_an_image_address_holding_a_nul_is_left_out(tmp_path, uploads):
    body = f'<p>Words</p><p><img src="{UPLOADS}2021/03/class%00room.jpg" alt=""></p>'
    output = run_import(
        tmp_path, item(1, title="Water", slug="water", content=body), uploads=uploads
    )
    assert "post 1: file 2021/03/class\x00room.jpg not found under --uploads" in output
    assert Post.objects.get(slug="water").body == "<p>Words</p>"


@pytest.mark.parametrize("price", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_a_price_that_is_not_a_number_is_no_price(tmp_path, price):
    output = run_import(tmp_path, item(3, "product", title="Tote", meta={"_regular_price": price}))
    assert "product 3 “Tote”: no price in the export; not taken" in output
    assert not Product.objects.exists()


@pytest.mark.parametrize("stock", ["1e99", "9" * 20, "Infinity"])
def test_a_stock_beyond_what_the_database_holds_is_reported(tmp_path, stock):
    meta = {"_price": "5", "_manage_stock": "yes", "_stock": stock}
    output = run_import(tmp_path, item(3, "product", title="Tote", slug="tote", meta=meta))
    if stock == "Infinity":
        assert Product.objects.get().variants.get().stock == 0  # not a count: none counted
    else:
        assert "product 3 “Tote”: stock: Ensure this value is less than or equal to" in output
        assert not Product.objects.exists()


def test_a_variation_beyond_what_the_database_holds_is_reported_and_the_rest_taken(tmp_path):
    def variation(wp_id, size, **meta):
        meta = {"attribute_pa_size": size, "_price": "5", **meta}
        return item(wp_id, "product_variation", parent=3, meta=meta)

    output = run_import(
        tmp_path,
        item(3, "product", title="Shirt", slug="shirt"),
        variation(4, "m"),
        variation(5, "l", _price="123456789"),
        variation(6, "xl", _manage_stock="yes", _stock="9" * 20),
    )
    assert "variation 5 of product 3 not taken: price: Ensure that there are no more than" in output
    assert (
        "variation 6 of product 3 not taken: stock: Ensure this value is less than or equal to"
        in output
    )
    assert [variant.name for variant in Product.objects.get().offered_variants] == ["m"]


def test_a_category_without_a_name_and_a_long_slug_fits(tmp_path):
    slug = "s" * 150
    run_import(tmp_path, item(1, title="Water", slug="water", terms=[("category", slug, "")]))
    assert Category.objects.get().name == "s" * 80


def test_a_tag_slug_longer_than_wordpress_allows_is_taken_once(tmp_path):
    """Its record's key (taxonomy and slug) was longer than the column: a DataError on
    PostgreSQL."""
    tag = [("post_tag", "t" * 400, "Long")]
    run_import(tmp_path, item(1, title="Water", slug="water", terms=tag))
    run_import(tmp_path, item(1, title="Water", slug="water", content="Changed", terms=tag))
    assert Category.objects.get().name == "Long"


def test_an_excerpt_keeps_its_words_not_the_insides_of_a_script_or_style(tmp_path):
    excerpt = (
        "<style>p{background:url(//evil.example/t.gif)}</style><script>alert(1)</script>"
        "Forty-two students &amp; mentors"
    )
    run_import(tmp_path, item(1, title="Water", slug="water", excerpt=excerpt))
    assert Post.objects.get().excerpt == "Forty-two students & mentors"


def test_pages_nested_deeper_than_pythons_stack_are_ordered_parents_first():
    from types import SimpleNamespace

    from freedomstory.wordpress.importer import pages_parents_first

    def page(wp_id, parent_id):
        return SimpleNamespace(wp_id=wp_id, parent_id=parent_id, menu_order=0, post_type="page")

    chain = [page(number, number + 1) for number in range(1, 5001)]  # 1 under 2 … under 5001
    loop = [page(9001, 9002), page(9002, 9001)]
    ordered = [page.wp_id for page in pages_parents_first([*chain, *loop])]
    assert ordered[:5000] == list(range(5000, 0, -1)) and sorted(ordered[5000:]) == [9001, 9002]


def test_a_site_address_and_an_author_email_longer_than_their_columns_fit(tmp_path):
    """PostgreSQL refused them (DataError) and the import stopped with a traceback."""
    from django.contrib.auth import get_user_model

    from freedomstory.wordpress.models import ImportedItem
    from tests.wordpress import builder

    long_address = "https://old.example.org/" + "a" * 300
    author = (
        "<wp:author><wp:author_login>kanya</wp:author_login>"
        f"<wp:author_email>{'k' * 300}@example.org</wp:author_email></wp:author>"
    )
    export = builder.export(author, item(1, title="Water", slug="water"))
    export = export.replace(f"<link>{builder.SITE}</link>", f"<link>{long_address}</link>")
    export = export.replace(f"_url>{builder.SITE}<", f"_url>{long_address}<")
    path = tmp_path / "long.xml"
    path.write_text(export)
    call_command("import_wordpress", str(path), stdout=StringIO())
    assert len(ImportedItem.objects.get().site) == 200
    assert len(get_user_model().objects.get(username="kanya").email) == 254


def test_a_data_image_in_a_body_is_named_as_not_from_the_uploads(tmp_path, uploads):
    body = '<p>Words</p><p><img src="data:image/png;base64,iVBORw0KGgo=" alt=""></p>'
    output = run_import(
        tmp_path, item(1, title="Water", slug="water", content=body), uploads=uploads
    )
    assert (
        "post 1: image data:image/png;base64,iVBORw0KGgo= is not from this site's uploads" in output
    )
