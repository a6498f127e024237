"""The one purchase rule: can this product be bought now, how many, and at what price; and the
one gift rule: which amounts may be given, once (in the cart) or monthly.

Product pages, the cart and checkout all ask `check`, and every gift asks `check_gift`; none of
them decides for itself. The
answer is data (a Problem, never a sentence): shop/wording.py says it to the donor.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from shop.problems import Kind, Problem


@dataclass(frozen=True)
class Verdict:
    product: object
    quantity: int  # how many may be bought now; 0 when none
    unit_price: Decimal | None
    problem: Problem | None = None  # why the answer is not simply "yes"


def most_allowed(product):
    """The largest quantity of `product` one cart may hold right now."""
    if product.stock is None:
        return settings.CART_MAX_QUANTITY
    return min(product.stock, settings.CART_MAX_QUANTITY)


def check(product, requested_quantity, name=""):
    """May `requested_quantity` of `product` be bought? `name` stands in for a deleted product."""
    if product is None or not product.is_active:
        name = product.name if product is not None else name
        return Verdict(product, 0, None, Problem(Kind.UNAVAILABLE, name))
    if product.stock == 0:
        return Verdict(product, 0, product.price, Problem(Kind.SOLD_OUT, product.name))
    allowed = most_allowed(product)
    if requested_quantity > allowed:
        scarce = product.stock is not None and product.stock <= settings.CART_MAX_QUANTITY
        kind = Kind.LOW_STOCK if scarce else Kind.OVER_LIMIT
        return Verdict(product, allowed, product.price, Problem(kind, product.name, allowed))
    return Verdict(product, requested_quantity, product.price)


def check_gift(amount):
    """May `amount` be given, once or each month? None if so, else the Problem."""
    if amount is None or not settings.DONATION_MIN <= amount <= settings.DONATION_MAX:
        return Problem(Kind.DONATION_OUT_OF_BOUNDS)
    return None
