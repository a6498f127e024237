"""Bursts of adds from one visitor: every add counts, and nothing fails."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from shop.models import CartLine
from tests.shop.factories import give_cart, make_cart, make_product

ADDS = 20


def burst_of_adds(cart, product, number):
    start = threading.Barrier(number)
    statuses = []

    def one_add():
        client = Client()
        give_cart(client, cart)
        start.wait()
        try:
            statuses.append(
                client.post("/cart/add/", {"product": product.pk, "quantity": 1}).status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_add) for _ in range(number)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_adds_on_postgresql_give_quantity_twenty(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run in CI with DATABASE_URL)")
    settings.ORDER_MAX_PER_PRODUCT = settings.CART_MAX_QUANTITY  # the adds, not the order cap
    product = make_product("Shirt")
    cart = make_cart()
    statuses = burst_of_adds(cart, product, ADDS)
    quantity = CartLine.objects.get(cart=cart).quantity
    print(
        f"\nPostgreSQL: {ADDS} concurrent adds sent, statuses {sorted(set(statuses))}, "
        f"quantity {quantity}"
    )
    assert statuses == [302] * ADDS
    assert quantity == ADDS


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_adds_on_sqlite_fails_none_and_loses_none(settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite burst")
    settings.ORDER_MAX_PER_PRODUCT = settings.CART_MAX_QUANTITY  # the adds, not the order cap
    product = make_product("Shirt")
    cart = make_cart()
    statuses = burst_of_adds(cart, product, ADDS)
    assert statuses == [302] * ADDS
    assert CartLine.objects.get(cart=cart).quantity == ADDS
