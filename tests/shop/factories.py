"""Small factories for shop tests."""

import itertools
from decimal import Decimal

from django.conf import settings
from django.core.signing import get_cookie_signer

from shop import variants
from shop.middleware import COOKIE_SALT
from shop.models import Cart, CartLine, MonthlyGift, Product, ProductOption, Variant

_numbers = itertools.count(1)


def make_product(name=None, stock=None, **fields):
    """A product without options; `stock` goes to its one (plain) variant."""
    number = next(_numbers)
    name = name or f"Product {number}"
    defaults = {"name": name, "slug": f"product-{number}", "price": Decimal("20.00")}
    product = Product.objects.create(**(defaults | fields))
    if stock is not None:
        product.variants.update(stock=stock)
    return product


def variant_of(product):
    """The one variant of a product without options."""
    return Variant.objects.select_related("product").get(product=product, value1__isnull=True)


def stock_of(item):
    """The stock now in the database, of a variant or of a product without options."""
    if isinstance(item, Product):
        item = variant_of(item)
    return Variant.objects.values_list("stock", flat=True).get(pk=item.pk)


def set_stock(item, stock):
    if isinstance(item, Product):
        item = variant_of(item)
    Variant.objects.filter(pk=item.pk).update(stock=stock)


def make_options(product, *options, stock=None):
    """Give `product` options, e.g. ("Size", "S, M, L"), ("Colour", "Black, Natural"), and all
    their combinations; return its variants by name ("M, Black"), each with `stock`."""
    for position, (name, values) in enumerate(options, start=1):
        option = ProductOption.objects.create(product=product, name=name, position=position)
        variants.set_values(option, variants.parse_values(values))
    variants.create_all_combinations(product)
    made = Variant.objects.filter(product=product, value1__isnull=False).select_related(
        "product", "value1", "value2"
    )
    if stock is not None:
        made.update(stock=stock)
    return {variant.name: variant for variant in made.all()}


def make_cart(lines=(), **fields):
    """A stored cart holding `lines`: (product without options, or variant, quantity) pairs."""
    cart = Cart.objects.create(**fields)
    for item, quantity in lines:
        variant = item if isinstance(item, Variant) else variant_of(item)
        CartLine.objects.create(
            cart=cart,
            variant=variant,
            name=variant.full_name,
            quantity=quantity,
            unit_price_seen=variant.unit_price,
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
    return {line.name: line.quantity for line in cart.lines.all()}


def make_gift(**fields):
    fields = {"amount": Decimal("50"), "currency": "USD", **fields}
    return MonthlyGift.objects.create(**fields)
