"""The one purchase rule: can this product be bought now, how many, and at what price.

Product pages, the cart and checkout all ask `check`; none of them decides for itself.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings


@dataclass(frozen=True)
class PurchaseCheck:
    product: object
    quantity: int  # how many may be bought now; 0 when none
    unit_price: Decimal | None
    problem: str | None = None  # what to tell the visitor, when the answer is not simply "yes"

    @property
    def ok(self):
        return self.problem is None


def most_allowed(product):
    """The largest quantity of `product` one cart may hold right now."""
    if product.stock is None:
        return settings.CART_MAX_QUANTITY
    return min(product.stock, settings.CART_MAX_QUANTITY)


def check(product, requested_quantity):
    if product is None or not product.is_active:
        name = f"“{product.name}”" if product is not None else "This product"
        return PurchaseCheck(product, 0, None, f"{name} is no longer available.")
    if product.stock == 0:
        return PurchaseCheck(product, 0, product.price, f"“{product.name}” is sold out.")
    allowed = most_allowed(product)
    if requested_quantity > allowed:
        if product.stock is not None and product.stock <= settings.CART_MAX_QUANTITY:
            problem = f"Only {allowed} of “{product.name}” left."
        else:
            problem = f"You can buy up to {allowed} of “{product.name}” at a time."
        return PurchaseCheck(product, allowed, product.price, problem)
    return PurchaseCheck(product, requested_quantity, product.price)
