"""Running the import again after WordPress (or staff here) changed things."""

import pytest

from shop.models import Product
from tests.wordpress.builder import category, item, run_import

pytestmark = pytest.mark.django_db


def shirt(*sizes, **variation_meta):
    """A variable product with a variation per size, as WooCommerce exports it."""
    variations = [
        item(
            40 + number,
            "product_variation",
            parent=3,
            meta={"attribute_pa_size": size, "_price": "10", **variation_meta.get(size, {})},
        )
        for number, size in enumerate(sizes)
    ]
    return [item(3, "product", title="Shirt", slug="shirt"), *variations]


def test_a_variation_gone_from_woocommerce_takes_its_variant_off_sale(tmp_path):
    """Its size was deleted while a variant still named it: RestrictedError, the whole import
    undone."""
    run_import(tmp_path, *shirt("s", "m", "xl"))
    output = run_import(tmp_path, *shirt("s", "m")[:3])
    assert "  products: 0 imported, 1 updated, 0 skipped" in output
    product = Product.objects.get()
    assert [variant.name for variant in product.offered_variants] == ["s", "m"]
    assert not product.variants.get(value1__name="xl").is_active


def test_two_variations_with_the_same_choices_make_one_variant_and_a_line(tmp_path):
    output = run_import(tmp_path, *shirt("m", "m", "l"))
    assert "variation 41 of product 3: the same choices as variation 40; not taken" in output
    assert [variant.name for variant in Product.objects.get().offered_variants] == ["m", "l"]


def test_values_named_alike_are_one_choice(tmp_path):
    """Two slugs shown as one name ("M"): a second value "M" broke the option's unique name."""
    items = [
        item(
            3,
            "product",
            title="Shirt",
            slug="shirt",
            terms=[("pa_size", "m", "M"), ("pa_size", "medium", "M")],
        ),
        item(40, "product_variation", parent=3, meta={"attribute_pa_size": "m", "_price": "10"}),
        item(
            41, "product_variation", parent=3, meta={"attribute_pa_size": "medium", "_price": "10"}
        ),
    ]
    output = run_import(tmp_path, *items)
    assert "variation 41 of product 3: the same choices as variation 40" in output
    assert [variant.name for variant in Product.objects.get().offered_variants] == ["M"]


def test_a_category_deleted_here_is_not_brought_back(tmp_path):
    """Staff merged "Mentors" into another category: every later run made it again, empty."""
    from news.models import Category

    export = [
        category("mentors", "Mentors"),
        category("education", "Education"),
        item(1, title="Visits", slug="visits", terms=[("category", "mentors", "Mentors")]),
    ]
    run_import(tmp_path, *export)
    Category.objects.get(slug="mentors").delete()
    output = run_import(tmp_path, *export)
    assert list(Category.objects.values_list("slug", flat=True)) == ["education"]
    assert "  categories: 0 imported, 0 updated, 2 skipped" in output
    assert "category mentors “Mentors”: deleted here since it was imported; not brought back" in (
        output
    )
