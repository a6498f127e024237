"""The words donors read about their cart: the one place that turns results and problems into
sentences (and message levels). The rules in purchase.py, cart.py and checkout.py return data.
"""

from django.conf import settings
from django.contrib import messages

from freedomstory.core.ratelimit import wait_words
from shop.cart import Action
from shop.money import format_money
from shop.order_limits import Limit
from shop.problems import Kind


def count_text(count):
    return f"{count} item{'' if count == 1 else 's'} in cart"


def _quoted(name):
    return f"“{name}”"


def problem_text(problem):
    """What went wrong, as one sentence."""
    name = _quoted(problem.name)
    match problem.kind:
        case Kind.UNAVAILABLE:
            return f"{name if problem.name else 'This product'} is no longer available."
        case Kind.SOLD_OUT:
            return f"{name} is sold out."
        case Kind.LOW_STOCK:
            return f"Only {problem.allowed} of {name} left."
        case Kind.OVER_LIMIT:
            return f"You can buy up to {problem.allowed} of {name} at a time."
        case Kind.PRODUCT_LIMIT:
            together = ", all its choices together" if problem.line != problem.name else ""
            return f"One order can hold up to {settings.ORDER_MAX_PER_PRODUCT} of {name}{together}."
        case Kind.PRICE_CHANGED:
            return (
                f"The price of {name} changed from {format_money(problem.was)} to "
                f"{format_money(problem.now)}."
            )
        case Kind.NOT_IN_CART:
            return f"{name} is not in your cart."
        case Kind.NO_DONATION:
            return "There is no gift in your cart."
        case Kind.DONATION_OUT_OF_BOUNDS:
            return (
                f"A gift can be from {format_money(settings.DONATION_MIN)} to "
                f"{format_money(settings.DONATION_MAX)}."
            )
        case Kind.TAKEN_MEANWHILE:
            return f"Someone bought the last of {name} moments ago. Please check your cart."
        case Kind.ALREADY_CHECKED_OUT:
            return "This cart was already checked out."
        case Kind.EMPTY_CART:
            return "Your cart is empty."
    raise ValueError(f"no words for {problem.kind!r}")


def fixed_text(problem):
    """A problem the cart has been put right for (cart.reconcile), and what was done."""
    text = problem_text(problem)
    if problem.kind in (Kind.UNAVAILABLE, Kind.SOLD_OUT):
        return f"{text} We removed it from your cart."
    if problem.kind in (Kind.LOW_STOCK, Kind.OVER_LIMIT):
        return f"{text} We changed your cart to {problem.allowed}."
    if problem.kind == Kind.PRODUCT_LIMIT and not problem.allowed:
        return f"{text} We removed {_quoted(problem.line)} from your cart."
    if problem.kind == Kind.PRODUCT_LIMIT:
        return f"{text} We changed {_quoted(problem.line)} to {problem.allowed}."
    return text


def result_text(result):
    """What a cart change did (shop.cart.Result), as the donor is told."""
    name = _quoted(result.name)
    if result.action == Action.ADD:
        if not result.ok:
            return problem_text(result.problem)
        if result.problem is None:
            return f"Added {result.requested} × {name} to your cart."
        if result.added <= 0:
            return f"{problem_text(result.problem)} Your cart already holds {result.holds}."
        return (
            f"{problem_text(result.problem)} We added {result.added}; your cart now holds "
            f"{result.holds}."
        )
    if result.action == Action.UPDATE:
        if not result.ok and result.problem.kind == Kind.NOT_IN_CART:
            return problem_text(result.problem)
        if not result.ok:
            return f"{problem_text(result.problem)} We removed it from your cart."
        if result.problem is not None:
            return f"{problem_text(result.problem)} Your cart holds {result.holds}."
        return f"Your cart now holds {result.holds} of {name}."
    if result.action == Action.REMOVE:
        return f"Removed {name} from your cart." if result.ok else problem_text(result.problem)
    if result.action == Action.SET_DONATION:
        if not result.ok:
            return problem_text(result.problem)
        if result.replaced:
            return f"Your gift is now {format_money(result.amount)}."
        return f"Thank you! We added a gift of {format_money(result.amount)}."
    if result.action == Action.REMOVE_DONATION:
        return "We removed the gift from your cart." if result.ok else problem_text(result.problem)
    raise ValueError(f"no words for {result.action!r}")


def result_level(result):
    """The message level: refused is an error, done-but-limited a warning, done a success."""
    if not result.ok:
        return messages.ERROR
    return messages.WARNING if result.problem is not None else messages.SUCCESS


def gift_line_name():
    """A gift, as a line of an order: on the order page, receipts and Stripe's payment page."""
    return f"Gift to {settings.SITE_NAME}"


def too_many_text(refusal, keeps="Your cart is kept"):
    """An order or a monthly gift refused by shop/order_limits.py: what happened, when to try
    again, and how to reach us. `keeps` says what the donor has not lost."""
    if refusal.wait is None:
        return (
            f"One order can hold up to {settings.ORDER_UNITS_PER_ADDRESS} items, so that "
            "everyone can order. Nothing was placed and nothing was charged. Please take some out "
            f"of your cart, or e-mail us at {settings.CONTACT_EMAIL} and we will help. {keeps}."
        )
    match refusal.limit:
        case Limit.ORDERS_FROM_ADDRESS:
            what = (
                f"{_placed(settings.ORDER_RATE_LIMIT_PER_ADDRESS, 'order')} from your connection "
                "in a short time, the most we accept"
            )
        case Limit.ORDERS_TO_EMAIL:
            what = (
                f"{_placed(settings.ORDER_RATE_LIMIT_PER_EMAIL, 'order')} for this e-mail address "
                "in a short time, the most we accept"
            )
        case Limit.UNITS_FROM_ADDRESS:
            what = (
                f"This order would take the items ordered from your connection past "
                f"{settings.ORDER_UNITS_PER_ADDRESS} in a short time, the most we hold for one "
                "connection, so that everyone can order"
            )
        case Limit.MONTHLY_FROM_ADDRESS:
            what = (
                f"{_placed(settings.MONTHLY_GIFT_RATE_LIMIT, 'monthly gift', 'begun')} from your "
                "connection in a short time, the most we accept"
            )
        case _:
            raise ValueError(f"no words for {refusal.limit!r}")
    return (
        f"{what}. Nothing was placed and nothing was charged. Please try again in "
        f"{wait_words(refusal.wait)}, or e-mail us at {settings.CONTACT_EMAIL} and we will help. "
        f"{keeps}."
    )


def not_payable_text(order, expired):
    """ "Pay now" on an order that no longer waits for payment; `expired`: its time ran out."""
    if order.status in (order.Status.PAID, order.Status.FULFILLED):
        return "This order is already paid: thank you. Nothing more was charged."
    if expired:
        return (
            "The time to pay for this order ran out, so we cancelled it and its items are back "
            "on sale. Nothing was charged. You are welcome to order again from the shop, or "
            f"write to us at {settings.CONTACT_EMAIL}."
        )
    return (
        "This order was cancelled, so it can no longer be paid, and nothing was charged for it. "
        f"If you did not expect this, please write to us at {settings.CONTACT_EMAIL}."
    )


def _placed(number, thing, done="placed"):
    """ "1 order has been placed", "5 orders have been placed"."""
    if number == 1:
        return f"1 {thing} has been {done}"
    return f"{number} {thing}s have been {done}"
