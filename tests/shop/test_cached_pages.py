"""Donors are served from the shared page cache too, with their own count and token filled in."""

import re
import zlib
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from freedomstory.core import pagecache
from shop import order_states
from shop.models import Cart, CartLine, OptionValue, Order, ProductOption, Variant
from tests.news.factories import make_post
from tests.shop.factories import make_options, make_product
from tests.shop.order_factories import DONOR

pytestmark = pytest.mark.django_db

COUNT = re.compile(r"<span data-cart-count-text>([^<]*)</span>")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def stored_html(path, query=""):
    request = type("Request", (), {"path": path})()
    entry = cache.get(pagecache._page_key(request, query))
    return zlib.decompress(entry.split(b"\n", 1)[1]).decode() if entry else None


def donor_with(product, quantity):
    """A donor who added to the cart and read the message on the cart page, as browsers do."""
    donor = Client()
    donor.post("/cart/add/", {"product": product.pk, "quantity": quantity}, follow=True)
    return donor


def test_a_donors_news_and_product_pages_come_from_the_cache_with_their_own_count():
    shirt = make_product("Shirt", price=Decimal("20.00"))
    make_post("News for everyone")
    Client().get("/news/")
    Client().get(shirt.get_absolute_url())  # anonymous visitors fill the shared copies
    donor = donor_with(shirt, 3)
    for url in ("/news/", shirt.get_absolute_url()):
        response = donor.get(url)
        assert response["X-Page-Cache"] == "hit"
        assert COUNT.search(response.content.decode()).group(1) == "3 items in cart"
        assert "private" in response["Cache-Control"]


def test_two_donors_never_see_each_others_count_or_token():
    shirt = make_product("Shirt")
    alice, bob = donor_with(shirt, 1), donor_with(shirt, 4)
    pages = [visitor.get(shirt.get_absolute_url()).content.decode() for visitor in (alice, bob)]
    assert [COUNT.search(page).group(1) for page in pages] == ["1 item in cart", "4 items in cart"]
    alice_tokens = TOKEN.findall(pages[0])
    assert alice_tokens and not set(alice_tokens) & set(TOKEN.findall(pages[1]))
    assert settings.CSRF_COOKIE_NAME in alice.cookies


def test_the_add_to_cart_form_on_a_cached_product_page_works_without_javascript():
    shirt = make_product("Shirt")
    Client().get(shirt.get_absolute_url())  # the shared copy exists before this donor comes
    donor = Client(enforce_csrf_checks=True)
    page = donor.get(shirt.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    response = donor.post(
        "/cart/add/", {"csrfmiddlewaretoken": token, "product": shirt.pk, "quantity": 2}
    )
    assert response.status_code == 302
    assert CartLine.objects.get().quantity == 2
    assert COUNT.search(donor.get("/news/").content.decode()).group(1) == "2 items in cart"


def test_the_add_to_cart_form_on_a_cached_product_page_works_with_javascript():
    """cart.js posts with the token summary.json gives it, in the X-CSRFToken header."""
    shirt = make_product("Shirt")
    Client().get(shirt.get_absolute_url())
    donor = Client(enforce_csrf_checks=True)
    donor.get(shirt.get_absolute_url())
    token = donor.get("/cart/summary.json").json()["csrf_token"]
    response = donor.post(
        "/cart/add/",
        {"product": shirt.pk, "quantity": 1},
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200 and response.json()["cart"]["count_text"] == "1 item in cart"


def test_nothing_personal_is_ever_stored():
    """Counts, tokens, messages, names and staff banners stay out of every stored page."""
    shirt = make_product("Shirt")
    post = make_post("A story")
    donor = Client()
    donor.post("/cart/add/", {"product": shirt.pk, "quantity": 3})  # a message waits
    donor.get("/news/")  # the message makes this one a page of their own
    donor.get("/news/")
    donor.get(shirt.get_absolute_url())
    donor.post("/checkout/", DONOR)
    order = Order.objects.get()
    donor.get(order.get_absolute_url())
    staff = get_user_model().objects.create_user(
        "editor", password="pw-long-enough-1", is_staff=True, first_name="Secret Editor"
    )
    editor = Client()
    editor.force_login(staff)
    editor.get(post.get_absolute_url())
    editor.get("/news/")
    stored = [stored_html("/news/"), stored_html(shirt.get_absolute_url())]
    assert all(stored)
    for html in stored:
        assert "3 items in cart" not in html and "Added 3" not in html
        assert order.number not in html and "Somchai" not in html and "Secret Editor" not in html
        assert not TOKEN.search(html) or TOKEN.search(html).group(1) == pagecache.csrf_marker()
    assert stored_html(order.get_absolute_url()) is None
    assert stored_html("/cart/") is None


def test_selling_the_last_item_or_cancelling_shows_on_the_shop_at_once(
    django_capture_on_commit_callbacks,
):
    shirt = make_product("Last shirt", stock=1)
    anonymous = Client()
    assert "Sold out" not in anonymous.get("/shop/").content.decode()
    donor = donor_with(shirt, 1)
    with django_capture_on_commit_callbacks(execute=True):
        donor.post("/checkout/", DONOR)
    assert "Sold out" in anonymous.get("/shop/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        order_states.transition(Order.objects.get(), "cancel")
    assert "Sold out" not in anonymous.get("/shop/").content.decode()
    assert Cart.objects.filter(status=Cart.Status.SUBMITTED).count() == 1


def test_a_variant_option_or_choice_saved_without_its_product_shows_at_once():
    """Only a product's own save retired the cached pages: a variant's price or stock, an option
    or a choice saved alone (the shell, an import, a future screen) left them as they were."""
    shirt = make_product("Shirt", price=Decimal("20.00"))
    sizes = make_options(shirt, ("Size", "S, M"), stock=5)
    visitor = Client()

    def page():
        return visitor.get(shirt.get_absolute_url()).content.decode()

    assert "Sold out" not in page() and "$27.00" not in page()
    medium = Variant.objects.get(pk=sizes["M"].pk)
    medium.price, medium.stock = Decimal("27.00"), 0
    medium.save()
    assert "$27.00" in page() and "Sold out" in page()
    small = OptionValue.objects.get(option__product=shirt, name="S")
    small.name = "Small"
    small.save()
    assert "Small" in page()
    option = ProductOption.objects.get(product=shirt)
    option.name = "Fit"
    option.save()
    assert "<legend>Fit</legend>" in page()
    Variant.objects.get(pk=sizes["S"].pk).delete()
    assert "Small" not in page()


def test_a_forwarded_scheme_or_another_host_never_changes_a_shared_page(settings):
    settings.SITE_URL = "https://freedomstory.example"
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    post = make_post("A story")
    poisoner = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="other.example")
    poisoner.get(post.get_absolute_url(), secure=False)
    html = Client().get(post.get_absolute_url()).content.decode()
    assert (
        f'<link rel="canonical" href="https://freedomstory.example{post.get_absolute_url()}">'
        in html
    )
    assert "other.example" not in html and "http://testserver" not in html
