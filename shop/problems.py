"""Why the shop could not do exactly what a donor asked, as data.

The purchase rule, the cart and checkout return these; `shop/wording.py` alone turns them into
the sentences donors read. Keeping words out of the rules lets the wording change (or be
translated) without touching what decides.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    UNAVAILABLE = "unavailable"  # taken off sale, or deleted
    SOLD_OUT = "sold_out"
    LOW_STOCK = "low_stock"  # fewer left than asked for: `allowed` says how many
    OVER_LIMIT = "over_limit"  # more than one cart may hold: `allowed` says how many
    # More of one product, all its variants together, than one order may hold (`name` is the
    # product's, `line` the variant's): `allowed` says how many this line may keep, maybe 0.
    PRODUCT_LIMIT = "product_limit"
    PRICE_CHANGED = "price_changed"  # `was` and `now`
    NOT_IN_CART = "not_in_cart"
    NO_DONATION = "no_donation"
    DONATION_OUT_OF_BOUNDS = "donation_out_of_bounds"
    TAKEN_MEANWHILE = "taken_meanwhile"  # someone else's checkout took the last ones
    ALREADY_CHECKED_OUT = "already_checked_out"
    EMPTY_CART = "empty_cart"


# Problems that take a line out of the cart; the others lower it or only inform.
REMOVES_LINE = {Kind.UNAVAILABLE, Kind.SOLD_OUT}


def removes_line(problem):
    """Whether putting the cart right for `problem` takes its line out."""
    return problem.kind in REMOVES_LINE or problem.allowed == 0


@dataclass(frozen=True)
class Problem:
    kind: Kind
    name: str = ""  # the product as the donor knew it
    allowed: int | None = None
    was: Decimal | None = None
    now: Decimal | None = None
    line: str = ""  # the line it was found on, when `name` is the whole product's
