"""The one purchase rule: can this variant of a product be bought now, how many, and at what
price; and the one gift rule: which amounts may be given, once (in the cart) or monthly.

Product pages, the cart and checkout all ask `check`, and every gift asks `check_gift`; none of
them decides for itself. The answer is data (a Problem, never a sentence): shop/wording.py says
it to the donor. What is bought is always a variant (a product without options has one).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from shop.problems import Kind, Problem


@dataclass(frozen=True)
class Verdict:
    variant: object
    quantity: int  # how many may be bought now; 0 when none
    unit_price: Decimal | None
    problem: Problem | None = None  # why the answer is not simply "yes"


def most_allowed(variant):
    """The largest quantity of `variant` one cart may hold right now."""
    if variant.stock is None:
        return settings.CART_MAX_QUANTITY
    return min(variant.stock, settings.CART_MAX_QUANTITY)


def check(variant, requested_quantity, name=""):
    """May `requested_quantity` of `variant` be bought? `name` stands in for a deleted one.

    A variant is on sale only while its product is: taking a product off sale takes all its
    variants with it.
    """
    if variant is None or not (variant.is_active and variant.product.is_active):
        name = variant.full_name if variant is not None else name
        return Verdict(variant, 0, None, Problem(Kind.UNAVAILABLE, name))
    name, price = variant.full_name, variant.unit_price
    if variant.stock == 0:
        return Verdict(variant, 0, price, Problem(Kind.SOLD_OUT, name))
    allowed = most_allowed(variant)
    if requested_quantity > allowed:
        scarce = variant.stock is not None and variant.stock <= settings.CART_MAX_QUANTITY
        kind = Kind.LOW_STOCK if scarce else Kind.OVER_LIMIT
        return Verdict(variant, allowed, price, Problem(kind, name, allowed))
    return Verdict(variant, requested_quantity, price)


def check_gift(amount):
    """May `amount` be given, once or each month? None if so, else the Problem."""
    if amount is None or not settings.DONATION_MIN <= amount <= settings.DONATION_MAX:
        return Problem(Kind.DONATION_OUT_OF_BOUNDS)
    return None
