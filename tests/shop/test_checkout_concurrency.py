"""Checkout under races, against the real PostgreSQL (skipped on SQLite, run in CI)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from shop import order_states
from shop.models import Order, OrderLine, PaymentEvent, Product
from tests.shop.factories import (
    give_cart,
    make_cart,
    make_options,
    make_product,
    set_stock,
    stock_of,
)
from tests.shop.order_factories import DONOR, make_order
from tests.shop.stripe_events import SECRET, completed_event, signed

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgresql(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run in CI with DATABASE_URL)")
    # Every donor here is one test client: these races are about stock, not about how much one
    # client may order (tests/shop/test_order_limits.py).
    settings.ORDER_RATE_LIMIT_PER_ADDRESS = settings.ORDER_RATE_LIMIT_PER_EMAIL = 1000
    settings.ORDER_UNITS_PER_ADDRESS = 1000


def all_at_once(actions):
    start = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        start.wait()
        try:
            results[index] = action()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def checkout_as(cart):
    def action():
        client = Client()
        give_cart(client, cart)
        return client.post("/checkout/", DONOR).status_code

    return action


def test_ten_checkouts_for_the_last_three_units_make_three_orders_and_leave_stock_zero():
    shirt = make_product("Last shirts", stock=3)
    carts = [make_cart([(shirt, 1)]) for _ in range(10)]
    statuses = all_at_once([checkout_as(cart) for cart in carts])
    print(
        f"\n10 concurrent checkouts for 3 units: {Order.objects.count()} orders, "
        f"stock {stock_of(shirt)}"
    )
    assert statuses == [302] * 10  # 3 to their order, 7 back to the cart with a message
    assert Order.objects.count() == 3
    assert stock_of(shirt) == 0


def test_ten_donors_racing_for_the_last_three_mediums_leave_the_large_untouched():
    shirt = make_product("Freedom Story T-shirt")
    sizes = make_options(shirt, ("Size", "M, L"), ("Colour", "Black"))
    medium, large = sizes["M, Black"], sizes["L, Black"]
    set_stock(medium, 3)
    set_stock(large, 5)
    carts = [make_cart([(medium, 1)]) for _ in range(10)]
    statuses = all_at_once([checkout_as(cart) for cart in carts])
    sold = OrderLine.objects.filter(variant=medium).count()
    print(
        f"\n10 concurrent checkouts for the last 3 M, Black: {Order.objects.count()} orders, "
        f"{sold} lines of M, Black, stock M {stock_of(medium)}, L {stock_of(large)}"
    )
    assert statuses == [302] * 10
    assert Order.objects.count() == sold == 3
    assert (stock_of(medium), stock_of(large)) == (0, 5)


def test_five_concurrent_submits_of_one_cart_make_one_order():
    shirt = make_product("Shirt", stock=10)
    cart = make_cart([(shirt, 2)])
    statuses = all_at_once([checkout_as(cart) for _ in range(5)])
    print(
        f"\n5 concurrent submits of one cart: {Order.objects.count()} order(s), "
        f"stock {stock_of(shirt)}"
    )
    assert statuses == [302] * 5
    assert Order.objects.count() == 1
    assert stock_of(shirt) == 8


def test_a_webhook_delivered_three_times_at_once_records_one_payment(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    order = make_order(backend="stripe")
    body, header = signed(completed_event(order))

    def deliver():
        return (
            Client()
            .post(
                "/shop/stripe/webhook/",
                body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            )
            .status_code
        )

    statuses = all_at_once([deliver] * 3)
    order.refresh_from_db()
    print(f"\nwebhook x3 at once: statuses {statuses}, {PaymentEvent.objects.count()} event(s)")
    assert statuses == [200] * 3
    assert PaymentEvent.objects.count() == 1
    assert order.status == Order.Status.PAID
    assert stock_of(Product.objects.get()) == 8


def test_checkouts_holding_the_same_products_in_opposite_orders_never_deadlock():
    """Stock is taken in product-id order; in cart order, two checkouts would wait on each other."""
    first, second = make_product("First", stock=50), make_product("Second", stock=50)
    carts = [
        make_cart([(first, 1), (second, 1)] if n % 2 else [(second, 1), (first, 1)])
        for n in range(10)
    ]
    statuses = all_at_once([checkout_as(cart) for cart in carts])
    print(
        f"\n10 concurrent checkouts, lines in opposite orders: statuses {statuses}, "
        f"{Order.objects.count()} orders, stock {stock_of(first)}/{stock_of(second)}"
    )
    assert statuses == [302] * 10
    assert Order.objects.count() == 10
    assert (stock_of(first), stock_of(second)) == (40, 40)


def test_five_concurrent_cancels_give_the_stock_back_once():
    shirt = make_product("Shirt", stock=10)
    order_pk = make_order([(shirt, 3)]).pk

    def cancel():
        return order_states.transition(Order.objects.get(pk=order_pk), "cancel")

    results = all_at_once([cancel] * 5)
    print(f"\n5 concurrent cancels: {results.count(True)} applied, stock {stock_of(shirt)}")
    assert sorted(results) == [False] * 4 + [True]
    assert stock_of(shirt) == 10
