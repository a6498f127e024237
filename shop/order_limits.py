"""How much one client may order: the rule that keeps one script from emptying the shop.

In any span of ORDER_RATE_WINDOW_SECONDS (counted in the shared cache over the current window
and the one before: freedomstory/core/ratelimit.py, which fails open), one client address may place
ORDER_RATE_LIMIT_PER_ADDRESS orders holding at most ORDER_UNITS_PER_ADDRESS units of items with
counted stock, and one e-mail address (as typed, whatever its case and spaces) may receive
ORDER_RATE_LIMIT_PER_EMAIL orders; one client address may begin MONTHLY_GIFT_RATE_LIMIT monthly
gifts. Units are what count: a script that changes the e-mail on every order still takes no
more than its address's units.

What is asked for is reserved before the order is placed and given back if it is not placed
(a refused cart, an error): two requests at once cannot both slip under the limit, and a donor
whose order did not go through keeps their allowance. Only valid forms get this far, so a form
sent back with errors costs nothing.
"""

import enum
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings

from freedomstory.core import ratelimit


class Limit(enum.Enum):
    ORDERS_FROM_ADDRESS = "orders from one address"
    ORDERS_TO_EMAIL = "orders for one e-mail address"
    UNITS_FROM_ADDRESS = "items from one address"
    MONTHLY_FROM_ADDRESS = "monthly gifts from one address"


class TooMany(Exception):
    """The client reached a limit; nothing was placed. `limit` says which, `wait` for how long
    (seconds until the count starts again), None when waiting would not help: the order alone
    is over the limit."""

    def __init__(self, limit, wait):
        super().__init__(limit.value)
        self.limit = limit
        self.wait = wait


@dataclass(frozen=True)
class _Count:
    limit: Limit
    subject: str
    amount: int

    @property
    def most(self):
        return {
            Limit.ORDERS_FROM_ADDRESS: settings.ORDER_RATE_LIMIT_PER_ADDRESS,
            Limit.ORDERS_TO_EMAIL: settings.ORDER_RATE_LIMIT_PER_EMAIL,
            Limit.UNITS_FROM_ADDRESS: settings.ORDER_UNITS_PER_ADDRESS,
            Limit.MONTHLY_FROM_ADDRESS: settings.MONTHLY_GIFT_RATE_LIMIT,
        }[self.limit]


def normalised_email(email):
    """One mailbox, one count: "  Malee@Example.ORG " and "malee@example.org" are the same."""
    return "".join(email.split()).casefold()


def held_units(reviewed_lines):
    """The units an order would take off counted stock (items with no stock limit take none)."""
    return sum(item.quantity for item in reviewed_lines if item.variant.stock is not None)


@contextmanager
def order_allowance(client_address, email, reviewed_lines):
    """Reserve one order and the units of `reviewed_lines` for this client, around placing it
    (raises TooMany first, placing nothing); the reservation is given back if the block raises.
    place_order calls it with the lines it reviewed under the cart's lock: the units counted are
    those placed, whatever a second tab added to the cart meanwhile."""
    units = held_units(reviewed_lines)
    counts = [_Count(Limit.ORDERS_FROM_ADDRESS, client_address, 1)]
    if units:
        counts.append(_Count(Limit.UNITS_FROM_ADDRESS, client_address, units))
    counts.append(_Count(Limit.ORDERS_TO_EMAIL, normalised_email(email), 1))
    with _reserved(counts):
        yield


@contextmanager
def monthly_allowance(client_address):
    """Reserve one monthly gift sign-up for this client, like order_allowance."""
    with _reserved([_Count(Limit.MONTHLY_FROM_ADDRESS, client_address, 1)]):
        yield


@contextmanager
def _reserved(counts):
    window = settings.ORDER_RATE_WINDOW_SECONDS
    for item in counts:
        if item.amount > item.most:  # refused whatever was ordered before: nothing counted
            raise TooMany(item.limit, None)
    taken = []
    try:
        for item in counts:
            reservation = ratelimit.reserve(item.limit.name, item.subject, window, item.amount)
            taken.append(reservation)
            if reservation.total is not None and reservation.total > item.most:
                raise TooMany(item.limit, _wait(reservation, item.most, window))
        yield
    except BaseException:
        for reservation in taken:  # given back: what was refused or not placed costs nothing
            reservation.give_back()
        raise


def _wait(reservation, most, window):
    """Seconds until this request would fit: when the current window ends, what it holds becomes
    "the window before"; if that alone leaves no room, one window more."""
    wait = ratelimit.seconds_left(window)
    if reservation.current > most:  # this window's count, this request's amount included
        wait += window
    return wait
