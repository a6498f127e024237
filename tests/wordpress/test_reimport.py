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


@pytest.mark.parametrize(
    "edit",
    ["feature the quote", "hide the quote", "change a category", "reword the quote"],
)
def test_a_post_whose_quote_or_categories_staff_changed_is_left_alone(tmp_path, edit):
    """Featuring a pull quote on the home page (or hiding it) was not an edit: the next run
    deleted the post's quotes and made them again, and the home page lost its quote."""
    from news.models import Category, Post

    body = (
        '<p>One</p><figure class="wp-block-pullquote"><blockquote><p>Keep going.</p>'
        "<cite>Kanya, Mentor</cite></blockquote></figure>"
    )
    terms = [("category", "news", "News")]
    run_import(tmp_path, item(1, title="Visits", slug="visits", content=body, terms=terms))
    post = Post.objects.get()
    quote = post.quotes.get()
    if edit == "feature the quote":
        quote.is_featured = True
    elif edit == "hide the quote":
        quote.is_public = False
    elif edit == "reword the quote":
        quote.text = "Keep going, always."
    quote.save()
    if edit == "change a category":
        post.categories.set([Category.objects.create(name="Visits", slug="visits")])
    changed = body.replace("<p>One</p>", "<p>One, fixed</p>")
    output = run_import(
        tmp_path, item(1, title="Visits", slug="visits", content=changed, terms=terms)
    )
    assert "post 1 “Visits”: edited here since it was imported; left as it is" in output
    assert Post.objects.get().quotes.get() == quote and "fixed" not in Post.objects.get().body


def test_a_product_whose_photos_staff_changed_is_left_alone(tmp_path, uploads):
    """Deleting a product's photo here was not an edit: the next change in WooCommerce brought
    the photo back."""
    from tests.wordpress.builder import attachment

    def export(price):
        meta = {"_price": price, "_thumbnail_id": "12"}
        return [
            attachment(12, "2022/05/tote-black.jpg"),
            item(3, "product", title="Tote", slug="tote", meta=meta),
        ]

    run_import(tmp_path, *export("5"), uploads=uploads)
    Product.objects.get().images.get().delete()
    output = run_import(tmp_path, *export("6"), uploads=uploads)
    assert "product 3 “Tote”: edited here since it was imported; left as it is" in output
    product = Product.objects.get()
    assert not product.images.exists() and str(product.price) == "5.00"
