"""The cart endpoints with good and bad input: never a 500, never a changed cart on bad input."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages

from shop.models import Cart, CartLine
from tests.shop.factories import give_cart, lines_of, make_cart, make_product

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_first_add_creates_the_cart_sets_the_signed_cookie_and_the_count(client):
    product = make_product("T-shirt")
    response = client.post("/cart/add/", {"product": product.pk, "quantity": 2, "next": "/shop/"})
    assert response.status_code == 302 and response["Location"] == "/shop/"
    assert messages_of(response) == ["Added 2 × “T-shirt” to your cart."]
    cart = Cart.objects.get()
    assert lines_of(cart) == {"T-shirt": 2}
    assert response.cookies[settings.CART_COOKIE_NAME]["httponly"]
    assert str(cart.pk) in response.cookies[settings.CART_COOKIE_NAME].value  # signed, not bare
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "2"


def test_adds_from_the_same_visitor_add_up_in_one_line_and_one_cart(client):
    product = make_product()
    for _ in range(3):
        client.post("/cart/add/", {"product": product.pk, "quantity": 1})
    assert Cart.objects.count() == 1
    assert CartLine.objects.get().quantity == 3


def test_the_json_path_answers_with_the_new_summary(client):
    product = make_product("Bag", price=Decimal("18.00"))
    response = client.post("/cart/add/", {"product": product.pk, "quantity": 2}, **JSON)
    data = response.json()
    assert response.status_code == 200
    assert data["ok"] and data["cart"]["count_text"] == "2 items in cart"
    assert data["cart"]["lines"][0]["line_total"] == "$36.00"
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "2"


def test_the_price_is_never_read_from_the_request(client):
    product = make_product("Book", price=Decimal("15.00"))
    client.post("/cart/add/", {"product": product.pk, "quantity": 1, "price": "0.01"})
    summary = client.get("/cart/summary.json").json()
    assert summary["total"] == "$15.00"


@pytest.mark.parametrize("url", ["/cart/add/", "/cart/update/", "/cart/remove/", "/cart/donation/"])
def test_get_on_a_cart_changing_endpoint_is_405_and_makes_no_cart(client, url):
    assert client.get(url, {"product": 1, "quantity": 1}).status_code == 405
    assert not Cart.objects.exists()


def test_reading_the_cart_never_creates_one(client):
    client.get("/cart/")
    client.get("/cart/summary.json")
    client.get("/shop/")
    assert not Cart.objects.exists()


BAD_ADDS = [
    ({}, "Choose a product."),
    ({"product": "abc", "quantity": 1}, "That is not a product from our shop."),
    ({"product": 999999, "quantity": 1}, "That product is not in our shop."),
    # Past the largest id a database holds: SQLite cannot even be asked (it was a 500).
    ({"product": "9" * 20, "quantity": 1}, "That is not a product from our shop."),
    (
        {"product": "PRODUCT", "variant": "9" * 20, "quantity": 1},
        "That choice is not offered for this product. Please choose again.",
    ),
    ({"product": "PRODUCT"}, "Say how many you would like."),
    ({"product": "PRODUCT", "quantity": "two"}, "The quantity must be a whole number."),
    ({"product": "PRODUCT", "quantity": "1.5"}, "The quantity must be a whole number."),
    ({"product": "PRODUCT", "quantity": 0}, "The quantity must be at least 1."),
    ({"product": "PRODUCT", "quantity": -3}, "The quantity must be at least 1."),
    ({"product": "PRODUCT", "quantity": 21}, "You can buy up to 20 at a time."),
    ({"product": "PRODUCT", "quantity": "9" * 40}, "You can buy up to 20 at a time."),
    ({"product": "INACTIVE", "quantity": 1}, "“Old shirt” is no longer available."),
    ({"product": "SOLD_OUT", "quantity": 1}, "“Backpack” is sold out."),
]


@pytest.mark.parametrize("data, message", BAD_ADDS)
@pytest.mark.parametrize("as_json", [False, True])
def test_bad_adds_are_refused_with_a_clear_message_and_leave_the_cart_unchanged(
    client, data, message, as_json
):
    product = make_product("T-shirt")
    products = {
        "PRODUCT": product.pk,
        "INACTIVE": make_product("Old shirt", is_active=False).pk,
        "SOLD_OUT": make_product("Backpack", stock=0).pk,
    }
    cart = give_cart(client, make_cart([(product, 1)]))
    data = {key: products.get(value, value) for key, value in data.items()}
    response = client.post("/cart/add/", data, **(JSON if as_json else {}))
    if as_json:
        assert response.status_code == 400
        assert response.json()["message"] == message
    else:
        assert response.status_code == 302
        assert messages_of(response) == [message]
    assert lines_of(cart) == {"T-shirt": 1}


def test_a_forged_cart_cookie_is_no_cart_and_never_reaches_another_visitors_cart(client):
    victim = make_cart([(make_product("Victim's shirt"), 1)])
    client.cookies[settings.CART_COOKIE_NAME] = f"{victim.pk}:forged-signature"
    html = client.get("/cart/").content.decode()
    assert "Your cart is empty" in html and "Victim&#x27;s shirt" not in html
    mine = make_product("My shirt")
    client.post("/cart/add/", {"product": mine.pk, "quantity": 1})
    assert lines_of(victim) == {"Victim's shirt": 1}
    assert Cart.objects.count() == 2


def test_adding_more_than_the_stock_adds_what_is_left_and_says_so(client):
    product = make_product("Last shirts", stock=3)
    response = client.post("/cart/add/", {"product": product.pk, "quantity": 5})
    assert lines_of(Cart.objects.get()) == {"Last shirts": 3}
    assert messages_of(response) == [
        "Only 3 of “Last shirts” left. We added 3; your cart now holds 3."
    ]
    response = client.post("/cart/add/", {"product": product.pk, "quantity": 1})
    assert messages_of(response)[-1] == ("Only 3 of “Last shirts” left. Your cart already holds 3.")
    assert lines_of(Cart.objects.get()) == {"Last shirts": 3}


def test_the_quantity_never_passes_the_maximum_however_it_is_added(client, settings):
    settings.ORDER_MAX_PER_PRODUCT = settings.CART_MAX_QUANTITY  # the cart's own maximum
    product = make_product()
    for _ in range(3):
        client.post("/cart/add/", {"product": product.pk, "quantity": 9})
    assert CartLine.objects.get().quantity == settings.CART_MAX_QUANTITY


def test_update_sets_the_quantity_and_zero_removes_the_line(client):
    shirt, bag = make_product("Shirt"), make_product("Bag")
    cart = give_cart(client, make_cart([(shirt, 1), (bag, 2)]))
    client.post("/cart/update/", {"product": shirt.pk, "quantity": 4})
    assert lines_of(cart) == {"Shirt": 4, "Bag": 2}
    response = client.post("/cart/update/", {"product": bag.pk, "quantity": 0})
    assert lines_of(cart) == {"Shirt": 4}
    assert messages_of(response)[-1] == "Removed “Bag” from your cart."
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "4"


@pytest.mark.parametrize("quantity", ["-1", "21", "x", ""])
def test_a_bad_update_leaves_the_cart_unchanged(client, quantity):
    shirt = make_product("Shirt")
    cart = give_cart(client, make_cart([(shirt, 2)]))
    response = client.post("/cart/update/", {"product": shirt.pk, "quantity": quantity}, **JSON)
    assert response.status_code == 400
    assert lines_of(cart) == {"Shirt": 2}


def test_update_or_remove_of_a_product_not_in_the_cart_says_so(client):
    shirt, bag = make_product("Shirt"), make_product("Bag")
    cart = give_cart(client, make_cart([(shirt, 2)]))
    response = client.post("/cart/update/", {"product": bag.pk, "quantity": 3}, **JSON)
    assert response.status_code == 400 and "not in your cart" in response.json()["message"]
    response = client.post("/cart/remove/", {"product": bag.pk}, **JSON)
    assert response.status_code == 400
    assert lines_of(cart) == {"Shirt": 2}


def test_update_without_any_cart_is_refused_and_makes_no_cart(client):
    shirt = make_product("Shirt")
    response = client.post("/cart/update/", {"product": shirt.pk, "quantity": 3}, **JSON)
    assert response.status_code == 400
    assert not Cart.objects.exists()


def test_remove_deletes_the_line(client):
    shirt = make_product("Shirt")
    cart = give_cart(client, make_cart([(shirt, 2)]))
    response = client.post("/cart/remove/", {"product": shirt.pk})
    assert lines_of(cart) == {}
    assert messages_of(response) == ["Removed “Shirt” from your cart."]


def test_cart_changes_need_the_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    product = make_product()
    assert client.post("/cart/add/", {"product": product.pk, "quantity": 1}).status_code == 403
    assert not Cart.objects.exists()


def test_an_unsafe_next_address_is_ignored(client):
    product = make_product()
    response = client.post(
        "/cart/add/", {"product": product.pk, "quantity": 1, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/cart/"


def test_a_gift_joins_the_cart_replaces_an_earlier_one_and_can_be_removed(client):
    response = client.post("/cart/donation/", {"amount": "25"})
    assert messages_of(response) == ["Thank you! We added a gift of $25.00."]
    cart = Cart.objects.get()
    assert cart.donation_amount == Decimal("25.00")
    response = client.post("/cart/donation/", {"amount": "40.50"})
    assert messages_of(response)[-1] == "Your gift is now $40.50."
    cart.refresh_from_db()
    assert cart.donation_amount == Decimal("40.50")
    assert client.get("/cart/summary.json").json()["donation"] == "$40.50"
    client.post("/cart/donation/", {"remove": "1"})
    cart.refresh_from_db()
    assert cart.donation_amount is None


@pytest.mark.parametrize(
    "amount, message",
    [
        ("", "Enter the amount you would like to give."),
        ("abc", "Enter an amount as a number, like 25."),
        ("0", "A gift starts at $1.00."),
        ("-5", "A gift starts at $1.00."),
        ("10000.01", "For a gift above $10,000.00, please contact us."),
        ("1e9", "For a gift above $10,000.00, please contact us."),
        ("12.345", "Enter the amount with at most two decimals."),
        ("NaN", "Enter an amount as a number, like 25."),
    ],
)
def test_a_gift_outside_the_bounds_or_not_a_number_is_refused(client, amount, message):
    response = client.post("/cart/donation/", {"amount": amount}, **JSON)
    assert response.status_code == 400
    assert response.json()["message"] == message
    assert not Cart.objects.exists()
