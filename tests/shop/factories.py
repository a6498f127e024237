"""Small factories for shop tests."""

import itertools
from decimal import Decimal

from django.conf import settings
from django.core.signing import get_cookie_signer

from shop.middleware import COOKIE_SALT
from shop.models import Cart, CartLine, MonthlyGift, Product

_numbers = itertools.count(1)


def make_product(name=None, **fields):
    number = next(_numbers)
    name = name or f"Product {number}"
    defaults = {"name": name, "slug": f"product-{number}", "price": Decimal("20.00"), "stock": None}
    return Product.objects.create(**(defaults | fields))


def make_cart(lines=(), **fields):
    cart = Cart.objects.create(**fields)
    for product, quantity in lines:
        CartLine.objects.create(
            cart=cart,
            product=product,
            product_name=product.name,
            quantity=quantity,
            unit_price_seen=product.price,
        )
    return cart


def cart_cookie_value(cart):
    return get_cookie_signer(salt=settings.CART_COOKIE_NAME + COOKIE_SALT).sign(str(cart.pk))


def give_cart(client, cart):
    """Make `client` the visitor who owns `cart` (as the signed cookie would).

    No count cookie: the site's own responses write it, and tests of the header go through them.
    """
    client.cookies[settings.CART_COOKIE_NAME] = cart_cookie_value(cart)
    return cart


def lines_of(cart):
    return {line.product_name: line.quantity for line in cart.lines.all()}


def make_gift(**fields):
    fields = {"amount": Decimal("50"), "currency": "USD", **fields}
    return MonthlyGift.objects.create(**fields)
