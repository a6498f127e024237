"""Small factories for shop tests."""

import itertools
from decimal import Decimal

from django.conf import settings
from django.core.signing import get_cookie_signer

from shop import cart as cart_service
from shop.middleware import COOKIE_SALT
from shop.models import Cart, CartLine, Product

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
    """Make `client` the visitor who owns `cart`: the signed id and the count, as the site's
    own responses would have left them in the browser."""
    client.cookies[settings.CART_COOKIE_NAME] = cart_cookie_value(cart)
    client.cookies[settings.CART_COUNT_COOKIE_NAME] = str(cart_service.count(cart))
    return cart


def lines_of(cart):
    return {line.product_name: line.quantity for line in cart.lines.all()}
