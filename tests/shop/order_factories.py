"""Helpers to reach checkout and build orders in tests."""

from decimal import Decimal

from shop.checkout import Donor, place_order
from tests.shop.factories import give_cart, make_cart, make_product

DONOR = {
    "name": "Somchai Donor",
    "email": "somchai@example.org",
    "address_line1": "12 Moo 3",
    "city": "Chiang Rai",
    "postcode": "57000",
    "country": "Thailand",
    "note": "Size M please",
    "consent": "on",
}


def make_order(lines=None, donation=None, backend="offline"):
    if lines is None:
        lines = [(make_product("Shirt", price=Decimal("20.00"), stock=10), 2)]
    cart = make_cart(lines, donation_amount=donation)
    details = {k: v for k, v in DONOR.items() if k != "consent"}
    return place_order(cart, Donor(**details), backend)


def client_with_cart(client, lines, donation=None):
    return give_cart(client, make_cart(lines, donation_amount=donation))
