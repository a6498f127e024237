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


def most_allowed(variant, others=0):
    """The largest quantity of `variant` one cart may hold right now, when the cart's other lines
    already hold `others` units of the same product."""
    most = settings.CART_MAX_QUANTITY if variant.stock is None else variant.stock
    return max(0, min(most, settings.CART_MAX_QUANTITY, settings.ORDER_MAX_PER_PRODUCT - others))


def check(variant, requested_quantity, name="", others=0):
    """May `requested_quantity` of `variant` be bought? `name` stands in for a deleted one.
    `others`: units of the same product in the cart's other lines (one order holds at most
    ORDER_MAX_PER_PRODUCT of a product, all its variants together: for anyone, since every
    donor checks out as a guest).

    A variant is on sale only while its product is: taking a product off sale takes all its
    variants with it.
    """
    if variant is None or not (variant.is_active and variant.product.is_active):
        name = variant.full_name if variant is not None else name
        return Verdict(variant, 0, None, Problem(Kind.UNAVAILABLE, name))
    name, price = variant.full_name, variant.unit_price
    if variant.stock == 0:
        return Verdict(variant, 0, price, Problem(Kind.SOLD_OUT, name))
    allowed = most_allowed(variant, others)
    if requested_quantity > allowed:
        return Verdict(variant, allowed, price, _why_fewer(variant, allowed))
    return Verdict(variant, requested_quantity, price)


def _why_fewer(variant, allowed):
    name = variant.full_name
    if variant.stock is not None and variant.stock <= allowed:
        return Problem(Kind.LOW_STOCK, name, allowed)
    if allowed < settings.CART_MAX_QUANTITY:  # the product's share of one order binds
        return Problem(Kind.PRODUCT_LIMIT, variant.product.name, allowed, line=name)
    return Problem(Kind.OVER_LIMIT, name, allowed)


def check_gift(amount):
    """May `amount` be given, once or each month? None if so, else the Problem."""
    if amount is None or not settings.DONATION_MIN <= amount <= settings.DONATION_MAX:
        return Problem(Kind.DONATION_OUT_OF_BOUNDS)
    return None
