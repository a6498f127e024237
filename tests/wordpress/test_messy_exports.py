"""What real WordPress sites export: Thai slugs, duplicate slugs, trash, WooCommerce's pages."""

from urllib.parse import quote

import pytest

from freedomstory.pages.models import Page
from news.models import Category, Post
from shop.models import Product
from tests.wordpress.builder import SITE, item, run_import

pytestmark = pytest.mark.django_db

# "ข่าว" (news) and "หน้า" (page), as WordPress writes them in slugs and links.
NEWS_THAI = "%e0%b8%82%e0%b9%88%e0%b8%b2%e0%b8%a7"
PAGE_THAI = "%e0%b8%ab%e0%b8%99%e0%b9%89%e0%b8%b2"


def test_percent_encoded_thai_slugs_become_readable_slugs_and_their_old_addresses_answer(
    tmp_path, client
):
    run_import(
        tmp_path,
        item(
            3,
            title="ข่าวดี",
            slug=NEWS_THAI,
            link=f"{SITE}/2021/03/{NEWS_THAI}/",
            terms=[("category", NEWS_THAI, "ข่าว")],
        ),
        item(4, "page", title="หน้า", slug=PAGE_THAI, link=f"{SITE}/{PAGE_THAI}/"),
        item(
            5,
            "product",
            title="ถุงผ้า",
            slug=PAGE_THAI,
            link=f"{SITE}/product/{PAGE_THAI}/",
            meta={"_price": "5"},
        ),
        item(6, title="Café news", slug="caf%c3%a9-news"),
    )
    post = Post.objects.get(title="ข่าวดี")
    assert post.slug == "post-3"  # not the hex of its bytes, "e0b882e0b988…"
    assert Post.objects.get(title="Café news").slug == "cafe-news"
    assert Page.objects.get(title="หน้า").slug == "page-4"
    assert Product.objects.get().slug == "product-5"
    category = Category.objects.get()
    assert not category.slug.startswith("e0b8")
    for old, new in [
        (f"/2021/03/{NEWS_THAI}/", post.get_absolute_url()),
        (f"/2021/03/{NEWS_THAI.upper()}/", post.get_absolute_url()),
        (f"/{PAGE_THAI}/", "/page-4/"),
        (f"/product/{PAGE_THAI}/", "/shop/product-5/"),
        (f"/category/{NEWS_THAI}/", category.get_absolute_url()),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_a_trashed_post_or_page_is_named_in_the_report(tmp_path):
    output = run_import(
        tmp_path,
        item(7, title="Old appeal", slug="old-appeal__trashed", status="trash"),
        item(8, "page", title="Old team", slug="old-team__trashed", status="trash"),
    )
    assert "  posts: 0 imported, 0 updated, 1 skipped" in output
    assert "post 7 “Old appeal”: in WordPress's trash; not taken" in output
    assert "page 8 “Old team”: in WordPress's trash; not taken" in output
    assert not Post.objects.exists()


def test_woocommerce_pages_are_left_with_a_line_and_the_sites_own_stay(tmp_path, client):
    output = run_import(
        tmp_path,
        item(20, "page", title="Shop", slug="shop"),
        item(21, "page", title="Cart", slug="cart", content="[woocommerce_cart]"),
        item(
            22,
            "page",
            title="Checkout",
            slug="checkout",
            content=(
                '<!-- wp:woocommerce/checkout --><div class="wp-block-woocommerce-checkout">'
                "<p>Place order</p></div><!-- /wp:woocommerce/checkout -->"
            ),
        ),
        item(23, "page", title="My account", slug="my-account", content="[woocommerce_my_account]"),
        item(24, "page", title="About us", slug="about-us", content="<p>Who we are</p>"),
    )
    assert list(Page.objects.filter(title__in=["My account", "About us"])) == [
        Page.objects.get(slug="about-us")
    ]
    assert "page 23 “My account”: WooCommerce's own page" in output
    assert "page 22 “Checkout”: WooCommerce's own page" in output
    assert "page 20 “Shop”: slug: The site already uses the addresses that start with /shop/" in (
        output
    )
    assert client.get("/my-account/").status_code == 404
    assert "<h1>Your cart</h1>" in client.get("/cart/").content.decode()  # still the site's own


def test_a_title_keeps_its_words_not_its_markup_or_entities(tmp_path):
    run_import(
        tmp_path,
        item(1, title="<em>Ban Yang</em> school &amp; library &#8211; &lt;b&gt;", slug="ban-yang"),
    )
    assert Post.objects.get().title == "Ban Yang school & library – <b>"


def test_tags_in_thai_get_slugs_of_their_own_in_a_few_queries_each(
    tmp_path, django_assert_max_num_queries
):
    """Every Thai tag fell back to the slug "category", and the first one's category was taken
    for all the others: sixty tags became one category."""
    thai_digits = "๐๑๒๓๔๕๖๗๘๙"
    names = ["ข่าว" + "".join(thai_digits[int(d)] for d in str(n)) for n in range(60)]
    tags = [("post_tag", quote(name), name) for name in names]
    with django_assert_max_num_queries(60 * 6 + 40):
        run_import(tmp_path, item(1, title="Water", slug="water", terms=tags))
    assert Category.objects.count() == 60
    assert all(
        slug.startswith("category-") for slug in Category.objects.values_list("slug", flat=True)
    )
