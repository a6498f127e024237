"""One order holds at most ORDER_MAX_PER_PRODUCT units of a product, all its variants together:
the purchase rule says so (a typed problem), the cart, checkout and order placement obey it."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from shop import cart as cart_service
from shop import purchase, wording
from shop.checkout import CheckoutProblem, Donor, place_order
from shop.models import Cart, Order
from shop.problems import Kind, Problem
from tests.shop.factories import lines_of, make_cart, make_options, make_product, stock_of
from tests.shop.order_factories import DONOR, client_with_cart

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cap(settings):
    settings.ORDER_MAX_PER_PRODUCT = 10


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_purchase_rule_caps_a_product_below_the_carts_maximum_as_a_typed_problem():
    shirt = make_product("Shirt", stock=50).variants.get()
    verdict = purchase.check(shirt, 12)
    assert verdict.quantity == 10
    assert verdict.problem == Problem(Kind.PRODUCT_LIMIT, "Shirt", 10, line="Shirt")
    assert wording.problem_text(verdict.problem) == "One order can hold up to 10 of “Shirt”."


def test_few_left_is_still_said_as_few_left_when_the_stock_is_below_the_cap():
    bag = make_product("Bag", stock=4).variants.get()
    assert purchase.check(bag, 12).problem == Problem(Kind.LOW_STOCK, "Bag", 4)


def test_adding_more_than_the_cap_adds_up_to_it_and_says_why(client):
    shirt = make_product("Shirt")  # no stock limit: only the cap holds it back
    response = client.post("/cart/add/", {"product": shirt.pk, "quantity": 12})
    assert messages_of(response) == [
        "One order can hold up to 10 of “Shirt”. We added 10; your cart now holds 10."
    ]


def test_the_cap_counts_every_size_of_a_product_together(client):
    product = make_product("T-shirt", price=Decimal("20"))
    sizes = make_options(product, ("Size", "S, M, L"), stock=30)
    client.post("/cart/add/", {"product": product.pk, "variant": sizes["M"].pk, "quantity": 8})
    response = client.post(
        "/cart/add/", {"product": product.pk, "variant": sizes["L"].pk, "quantity": 5}
    )
    assert messages_of(response)[-1] == (
        "One order can hold up to 10 of “T-shirt”, all its choices together. We added 2; your "
        "cart now holds 2."
    )
    response = client.post(
        "/cart/add/", {"product": product.pk, "variant": sizes["S"].pk, "quantity": 1}
    )
    assert messages_of(response)[-1] == (
        "One order can hold up to 10 of “T-shirt”, all its choices together."
    )
    assert lines_of(Cart.objects.get()) == {"T-shirt – M": 8, "T-shirt – L": 2}


def test_checkout_puts_an_overfull_cart_right_and_places_nothing(client):
    product = make_product("T-shirt")
    sizes = make_options(product, ("Size", "S, M"), stock=30)
    cart = client_with_cart(client, [(sizes["S"], 7), (sizes["M"], 6)])  # from before the cap
    response = client.post("/checkout/", DONOR, follow=True)
    assert response.redirect_chain == [("/cart/", 302)]
    assert (
        "One order can hold up to 10 of “T-shirt”, all its choices together. We changed "
        "“T-shirt – M” to 3." in messages_of(response)
    )
    assert not Order.objects.exists()
    assert lines_of(cart) == {"T-shirt – S": 7, "T-shirt – M": 3}
    assert stock_of(sizes["M"]) == 30


def test_order_placement_refuses_more_than_the_cap_of_one_product():
    shirt = make_product("Shirt", stock=30)
    cart = make_cart([(shirt, 11)])
    with pytest.raises(CheckoutProblem) as refused:
        place_order(cart, Donor(name="A", email="a@example.org"), "offline")
    assert refused.value.problems == [Problem(Kind.PRODUCT_LIMIT, "Shirt", 10, line="Shirt")]
    assert stock_of(shirt) == 30 and not Order.objects.exists()


def test_a_line_left_with_no_room_is_removed_when_the_cart_is_put_right():
    product = make_product("T-shirt")
    sizes = make_options(product, ("Size", "S, M"), stock=30)
    cart = make_cart([(sizes["S"], 10), (sizes["M"], 3)])
    reviewed = cart_service.reconcile(cart)
    assert lines_of(cart) == {"T-shirt – S": 10}
    assert [wording.fixed_text(problem) for problem in reviewed.problems] == [
        "One order can hold up to 10 of “T-shirt”, all its choices together. We removed "
        "“T-shirt – M” from your cart."
    ]


def test_the_cart_pages_quantity_field_offers_no_more_than_the_cap(client):
    client_with_cart(client, [(make_product("Shirt"), 2)])
    html = client.get("/cart/").content.decode()
    assert 'min="0" max="10"' in html
