"""A Thai reader and donor, in a real browser at phone and desktop sizes, on the demo content.

Home, the seed post, the shop, a shirt into the cart, a gift on the Donate page, checkout: every
step under /th/, in Thai, with axe at zero and nothing wider than a 360-pixel phone.
"""

import pytest
from django.core import mail

from news.models import Post
from shop.models import Order, Product
from tests.translation_support import load_thai_demo

pytestmark = pytest.mark.django_db(transaction=True)

SEED_POST = "were-expanding-on-multiple-levels"
SHIRT = "freedom-story-t-shirt"
# Interface words a Thai page must never show (the crawl test, tests/test_thai_pages_*, checks
# every page for the whole list; the journey checks the ones on its way).
ENGLISH = ("Skip to main content", "items in cart", "Your Cart", "Proceed to checkout", "Donate")


@pytest.fixture
def demo(settings):
    load_thai_demo(settings)
    return {"post": Post.objects.get(slug=SEED_POST), "shirt": Product.objects.get(slug=SHIRT)}


def assert_thai_page(visitor, failures, name):
    assert visitor.driver.find_element("css selector", "html").get_attribute("lang") == "th"
    shown = visitor.text("body")
    assert not [word for word in ENGLISH if word in shown], f"{name}: English interface text"
    failures[name] = visitor.axe_violations(f"th {name}")


def test_a_thai_reader_reads_the_seed_post_buys_a_shirt_and_gives_in_thai(visitor, demo):
    failures = {}
    post, shirt = demo["post"], demo["shirt"]
    mail.outbox.clear()

    visitor.go("/th/")
    assert_thai_page(visitor, failures, "home")
    visitor.snap("home")

    # The seed post is from 2021: the reader finds it with the news search, in Thai.
    visitor.click(visitor.find(".site-nav a[href='/th/news/']"))
    visitor.wait_for(lambda: visitor.path == "/th/news/")
    search = visitor.find("#news-search")
    search.send_keys("ขยายงาน")
    search.submit()
    visitor.wait_for(lambda: visitor.path.startswith("/th/news/search/"))
    assert_thai_page(visitor, failures, "search")
    visitor.snap("search")
    visitor.click(visitor.link(post.title_th))
    visitor.wait_for(lambda: visitor.path == f"/th/news/{SEED_POST}/")
    assert visitor.text("h1") == post.title_th
    assert "4 กุมภาพันธ์ 2564" in visitor.text(".post__header")
    assert_thai_page(visitor, failures, "post")
    visitor.snap("post")

    visitor.click(visitor.find(".site-nav a[href='/th/shop/']"))
    visitor.wait_for(lambda: visitor.path == "/th/shop/")
    assert shirt.name_th in visitor.text("main")
    assert_thai_page(visitor, failures, "shop")
    visitor.snap("shop")

    visitor.click(visitor.link(shirt.name_th))
    visitor.wait_for(lambda: visitor.path == f"/th/shop/{SHIRT}/")
    count = visitor.text("[data-cart-count-text]")
    visitor.click(visitor.find("label.variant-choice"))  # the first size and colour in stock
    visitor.snap("product")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for(lambda: visitor.text("[data-cart-count-text]") != count)
    assert "1" in visitor.text("[data-cart-count-text]")
    assert_thai_page(visitor, failures, "product")
    visitor.click(visitor.find("[data-cart-link]"))
    visitor.wait_for_text("[data-cart-panel]", shirt.name_th)
    failures["cart panel"] = visitor.axe_violations("th cart panel")
    visitor.snap("cart-panel")
    visitor.click(visitor.find("[data-cart-close]"))

    visitor.click(visitor.find(".site-header .site-header__donate"))
    visitor.wait_for(lambda: visitor.path == "/th/donate/")
    assert_thai_page(visitor, failures, "donate")
    visitor.snap("donate")
    visitor.click(visitor.find("label.gift-amount"))
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for(lambda: visitor.path == "/th/cart/")  # a gift once: straight to the cart
    assert shirt.name_th in visitor.text("main")
    assert_thai_page(visitor, failures, "cart")
    visitor.snap("cart")

    visitor.go("/th/checkout/")
    visitor.find("#id_name").send_keys("อนงค์ ใจดี")
    visitor.find("#id_email").send_keys("anong@example.org")
    for field, value in {
        "id_address_line1": "99 หมู่ 3 ตำบลแม่ยาว",
        "id_city": "เชียงราย",
        "id_postcode": "57100",
        "id_country": "ประเทศไทย",
    }.items():
        if visitor.find_all(f"#{field}"):
            visitor.find(f"#{field}").send_keys(value)
    visitor.click(visitor.find("#id_consent"))
    assert_thai_page(visitor, failures, "checkout")
    visitor.snap("checkout")
    visitor.click(visitor.find(".checkout__submit"))
    visitor.wait_for(lambda: visitor.path.startswith("/th/orders/"))
    assert_thai_page(visitor, failures, "order")
    visitor.snap("order")
    order = Order.objects.get()
    assert order.language == "th"
    receipts = [message for message in mail.outbox if message.to == ["anong@example.org"]]
    assert receipts and "/th/orders/" in receipts[0].body

    assert {name: found for name, found in failures.items() if found} == {}


def test_no_thai_page_scrolls_sideways_at_360_pixels(visitor, demo):
    paths = [
        "/th/",
        "/th/news/",
        f"/th/news/{SEED_POST}/",
        "/th/shop/",
        f"/th/shop/{SHIRT}/",
        "/th/cart/",
        "/th/donate/",
        "/th/checkout/",
    ]
    assert visitor.pages_scrolling_sideways(paths) == []
