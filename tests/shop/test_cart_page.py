"""The cart page, the header's mini-cart and what visitors without a cart are served."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command

from shop.models import Cart
from tests.shop.factories import give_cart, lines_of, make_cart, make_product, set_stock, variant_of

pytestmark = pytest.mark.django_db


def test_an_empty_cart_says_so_and_leads_back_to_the_shop(client):
    html = client.get("/cart/").content.decode()
    assert "Your cart is empty" in html
    assert re.search(r'<a class="button" href="/shop/">Return to Shop</a>', html)


def test_a_cart_whose_lines_are_all_gone_is_empty_too(client):
    product = make_product("Shirt")
    give_cart(client, make_cart([(product, 1)]))
    product.delete()
    html = client.get("/cart/").content.decode()
    assert "Your cart is empty" in html and "Return to Shop" in html


def test_the_cart_page_lists_lines_with_price_quantity_and_the_total(client):
    shirt = make_product("Shirt", price=Decimal("20.00"))
    book = make_product("Book", price=Decimal("15.00"))
    give_cart(client, make_cart([(shirt, 2), (book, 1)]))
    html = client.get("/cart/").content.decode()
    assert "Shirt" in html and "Book" in html
    assert "$40.00" in html and "$15.00" in html
    assert "<dt>Total</dt><dd>$55.00</dd>" in html
    assert 'name="quantity" value="2"' in html
    assert "Remove<span" in html


def test_a_deactivated_product_is_removed_with_a_message_naming_it(client):
    shirt, bag = make_product("Shirt"), make_product("Tote bag")
    cart = give_cart(client, make_cart([(shirt, 1), (bag, 1)]))
    bag.is_active = False
    bag.save()
    html = client.get("/cart/").content.decode()
    assert "“Tote bag” is no longer available. We removed it from your cart." in html
    assert lines_of(cart) == {"Shirt": 1}


def test_a_deleted_product_is_removed_with_a_message_naming_it(client):
    shirt, bag = make_product("Shirt"), make_product("Tote bag")
    cart = give_cart(client, make_cart([(shirt, 1), (bag, 1)]))
    bag.delete()
    response = client.get("/cart/")
    assert response.status_code == 200
    assert "“Tote bag” is no longer available." in response.content.decode()
    assert lines_of(cart) == {"Shirt": 1}


def test_a_changed_price_is_shown_at_its_new_value_with_a_note_once(client):
    shirt = make_product("Shirt", price=Decimal("20.00"))
    give_cart(client, make_cart([(shirt, 1)]))
    shirt.price = Decimal("24.00")
    shirt.save()
    html = client.get("/cart/").content.decode()
    assert "The price of “Shirt” changed from $20.00 to $24.00." in html
    assert "<dt>Total</dt><dd>$24.00</dd>" in html
    assert "changed from" not in client.get("/cart/").content.decode()


def test_stock_that_ran_low_lowers_the_line_and_says_so(client):
    shirt = make_product("Shirt", stock=10)
    cart = give_cart(client, make_cart([(shirt, 5)]))
    set_stock(shirt, 2)
    html = client.get("/cart/").content.decode()
    assert "Only 2 of “Shirt” left. We changed your cart to 2." in html
    assert lines_of(cart) == {"Shirt": 2}


@pytest.mark.parametrize("lines", [1, 10])
def test_the_cart_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, lines):
    """Prevents an n+1 over lines, products and their images."""
    products = [make_product() for _ in range(lines)]
    give_cart(client, make_cart([(product, 1) for product in products]))
    with django_assert_max_num_queries(4) as queries:
        html = client.get("/cart/").content.decode()
    assert html.count('class="cart-line"') == lines
    print(f"\n/cart/ with {lines} line(s): {len(queries)} queries")


def test_the_cart_page_and_summary_are_never_cached(client):
    for url in ("/cart/", "/cart/summary.json"):
        assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.parametrize(
    "quantities, text",
    [((), "0 items in cart"), ((1,), "1 item in cart"), ((2, 1), "3 items in cart")],
)
def test_the_header_counts_items_in_singular_and_plural(client, quantities, text):
    for quantity in quantities:
        client.post("/cart/add/", {"product": make_product().pk, "quantity": quantity})
    html = client.get("/news/").content.decode()
    assert f"<span data-cart-count-text>{text}</span>" in html


def test_a_gift_counts_as_an_item_in_the_header(client):
    client.post("/cart/donation/", {"amount": "25"})
    assert "1 item in cart" in client.get("/").content.decode()


def test_the_header_follows_the_cart_once_a_cart_page_has_been_seen(client):
    """The header reads the count cookie; the cart page and the mini-cart put it right."""
    shirt = make_product("Shirt")
    client.post("/cart/add/", {"product": shirt.pk, "quantity": 2})
    shirt.is_active = False
    shirt.save()
    assert "2 items in cart" in client.get("/news/").content.decode()  # known trade-off
    client.get("/cart/summary.json")
    assert "0 items in cart" in client.get("/news/").content.decode()


def test_the_header_links_to_the_cart_and_holds_the_your_cart_panel(client):
    html = client.get("/").content.decode()
    assert 'href="/cart/" data-cart-link' in html
    assert 'id="mini-cart-title" class="mini-cart__title">Your Cart</h2>' in html


def test_summary_json_gives_the_lines_subtotal_and_the_empty_state(client):
    assert client.get("/cart/summary.json").json()["is_empty"] is True
    shirt = make_product("Shirt", price=Decimal("20.00"))
    give_cart(client, make_cart([(shirt, 2)], donation_amount=Decimal("10")))
    data = client.get("/cart/summary.json").json()
    assert data["count_text"] == "3 items in cart"
    assert data["lines"] == [
        {
            "product": shirt.pk,
            "variant": variant_of(shirt).pk,
            "name": "Shirt",
            "url": f"/shop/{shirt.slug}/",
            "image": None,
            "quantity": 2,
            "unit_price": "$20.00",
            "line_total": "$40.00",
        }
    ]
    assert (data["subtotal"], data["donation"], data["total"]) == ("$40.00", "$10.00", "$50.00")


def test_the_final_figure_is_called_total_on_the_cart_page_and_in_the_mini_cart(client):
    """A "subtotal" is a figure something is added to; the last figure, gift included, is the
    total the donor will pay (as checkout calls it)."""
    shirt = make_product("Shirt", price=Decimal("20.00"))
    give_cart(client, make_cart([(shirt, 2)], donation_amount=Decimal("10")))
    page = client.get("/cart/").content.decode()
    panel = client.get("/cart/summary.json").json()["panel_html"]
    assert '<div class="cart-totals__total"><dt>Total</dt><dd>$50.00</dd></div>' in page
    assert '<p class="mini-cart__total"><span>Total</span><strong>$50.00</strong></p>' in panel
    assert "Subtotal" not in page and "Subtotal" not in panel


@pytest.mark.parametrize("url", ["/", "/news/", "/shop/"])
def test_pages_for_a_visitor_without_cart_or_login_set_no_cookie_and_do_not_vary(client, url):
    make_product("Shirt", is_featured=True)
    for _ in range(2):  # rendered, then from the cache
        response = client.get(url)
        assert response.status_code == 200
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
    assert response["X-Page-Cache"] == "hit"


def test_two_visitors_with_different_carts_never_see_each_others_lines(client):
    from django.test import Client

    shirt, book = make_product("Blue shirt"), make_product("Green book")
    alice, bob, anonymous = Client(), Client(), Client()
    alice.post("/cart/add/", {"product": shirt.pk, "quantity": 1})
    bob.post("/cart/add/", {"product": book.pk, "quantity": 3})
    anonymous.get("/")  # fills the shared cache
    assert "0 items in cart" in anonymous.get("/").content.decode()
    assert "1 item in cart" in alice.get("/").content.decode()
    assert "3 items in cart" in bob.get("/").content.decode()
    alice_cart = alice.get("/cart/").content.decode()
    bob_summary = bob.get("/cart/summary.json").json()
    assert "Blue shirt" in alice_cart and "Green book" not in alice_cart
    assert [line["name"] for line in bob_summary["lines"]] == ["Green book"]
    assert "private" in alice.get("/")["Cache-Control"]


def test_the_count_cookie_follows_every_change(client):
    shirt = make_product()
    response = client.post("/cart/add/", {"product": shirt.pk, "quantity": 2})
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "2"
    assert not response.cookies[settings.CART_COUNT_COOKIE_NAME]["httponly"]
    response = client.post("/cart/remove/", {"product": shirt.pk})
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "0"


def test_clear_stale_carts_deletes_old_empty_and_abandoned_carts_and_says_how_many(capsys):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    shirt = make_product()
    fresh_empty = make_cart()
    old_empty = make_cart()
    old_full = make_cart([(shirt, 1)])
    recent_full = make_cart([(shirt, 1)])
    submitted = make_cart([(shirt, 1)], status=Cart.Status.SUBMITTED)
    Cart.objects.filter(pk=old_empty.pk).update(updated_at=now - timedelta(hours=7))
    Cart.objects.filter(pk__in=[old_full.pk, submitted.pk]).update(
        updated_at=now - timedelta(days=31)
    )
    Cart.objects.filter(pk=recent_full.pk).update(updated_at=now - timedelta(days=29))

    call_command("clear_stale_carts")

    assert set(Cart.objects.values_list("pk", flat=True)) == {
        fresh_empty.pk,
        recent_full.pk,
        submitted.pk,
    }
    out = capsys.readouterr().out
    assert "Deleted 1 empty cart(s) older than 6 hours and 1 open cart(s) untouched for 30" in out


def test_the_home_page_gift_form_stays_cacheable_and_leads_to_a_confirmation_not_a_cart(client):
    html = client.get("/").content.decode()
    assert '<form class="home-donation__form" method="get" action="/donate/confirm/"' in html
    assert "csrfmiddlewaretoken" not in html
    confirm = client.get("/donate/confirm/?frequency=once&amount=25").content.decode()
    assert "Confirm your gift of $25" in confirm
    assert not Cart.objects.exists()  # looking at the gift form makes no cart


def test_a_cart_link_with_a_suggested_donation_prefills_the_gift_form(client):
    cart_page = client.get("/cart/?donation=25").content.decode()
    assert 'name="amount" id="id_amount" value="25"' in cart_page


def test_an_old_gift_link_still_prefills_the_donation(client):
    """Newsletters sent before the rename link to /cart/?gift=25."""
    cart_page = client.get("/cart/?gift=25").content.decode()
    assert 'name="amount" id="id_amount" value="25"' in cart_page


def test_the_cart_page_header_shows_the_count_it_just_worked_out_not_the_stale_cookie(client):
    shirt = make_product("Shirt", stock=10)
    give_cart(client, make_cart([(shirt, 4)]))
    client.cookies[settings.CART_COUNT_COOKIE_NAME] = "4"
    set_stock(shirt, 1)
    response = client.get("/cart/")
    assert "<span data-cart-count-text>1 item in cart</span>" in response.content.decode()
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "1"
