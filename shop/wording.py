"""The words donors read about their cart: the one place that turns results and problems into
sentences (and message levels). The rules in purchase.py, cart.py and checkout.py return data.

Every sentence goes through gettext when it is asked for, so it comes out in the language the
request (or the e-mail's `translation.override`) has active.
"""

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from freedomstory.core.ratelimit import wait_words
from shop.cart import Action
from shop.money import format_money
from shop.order_limits import Limit
from shop.problems import Kind


def count_text(count):
    return ngettext("%(count)s item in cart", "%(count)s items in cart", count) % {"count": count}


def _quoted(name):
    # Translators: a product's name quoted inside a sentence.
    return _("“%(name)s”") % {"name": name}


def problem_text(problem):
    """What went wrong, as one sentence."""
    name = _quoted(problem.name)
    words = {"name": name, "allowed": problem.allowed}
    match problem.kind:
        case Kind.UNAVAILABLE if problem.name:
            return _("%(name)s is no longer available.") % words
        case Kind.UNAVAILABLE:
            return _("This product is no longer available.")
        case Kind.SOLD_OUT:
            return _("%(name)s is sold out.") % words
        case Kind.LOW_STOCK:
            return _("Only %(allowed)s of %(name)s left.") % words
        case Kind.OVER_LIMIT:
            return _("You can buy up to %(allowed)s of %(name)s at a time.") % words
        case Kind.PRODUCT_LIMIT:
            words["most"] = settings.ORDER_MAX_PER_PRODUCT
            if problem.line != problem.name:
                return (
                    _("One order can hold up to %(most)s of %(name)s, all its choices together.")
                    % words
                )
            return _("One order can hold up to %(most)s of %(name)s.") % words
        case Kind.PRICE_CHANGED:
            return _("The price of %(name)s changed from %(was)s to %(now)s.") % {
                "name": name,
                "was": format_money(problem.was),
                "now": format_money(problem.now),
            }
        case Kind.NOT_IN_CART:
            return _("%(name)s is not in your cart.") % words
        case Kind.NO_DONATION:
            return _("There is no gift in your cart.")
        case Kind.DONATION_OUT_OF_BOUNDS:
            return _("A gift can be from %(least)s to %(most)s.") % {
                "least": format_money(settings.DONATION_MIN),
                "most": format_money(settings.DONATION_MAX),
            }
        case Kind.TAKEN_MEANWHILE:
            return _("Someone bought the last of %(name)s moments ago. Please check your cart.") % (
                words
            )
        case Kind.ALREADY_CHECKED_OUT:
            return _("This cart was already checked out.")
        case Kind.EMPTY_CART:
            return _("Your cart is empty.")
    raise ValueError(f"no words for {problem.kind!r}")


def _then(text, done):
    """A problem's sentence followed by what we did about it."""
    # Translators: what went wrong, then what we did about it (two sentences).
    return _("%(problem)s %(done)s") % {"problem": text, "done": done}


def fixed_text(problem):
    """A problem the cart has been put right for (cart.reconcile), and what was done."""
    text = problem_text(problem)
    allowed = {"allowed": problem.allowed, "line": _quoted(problem.line)}
    if problem.kind in (Kind.UNAVAILABLE, Kind.SOLD_OUT):
        return _then(text, _("We removed it from your cart."))
    if problem.kind in (Kind.LOW_STOCK, Kind.OVER_LIMIT):
        return _then(text, _("We changed your cart to %(allowed)s.") % allowed)
    if problem.kind == Kind.PRODUCT_LIMIT and not problem.allowed:
        return _then(text, _("We removed %(line)s from your cart.") % allowed)
    if problem.kind == Kind.PRODUCT_LIMIT:
        return _then(text, _("We changed %(line)s to %(allowed)s.") % allowed)
    return text


def result_text(result):
    """What a cart change did (shop.cart.Result), as the donor is told."""
    name = _quoted(result.name)
    words = {
        "name": name,
        "requested": getattr(result, "requested", None),
        "added": getattr(result, "added", None),
        "holds": getattr(result, "holds", None),
    }
    if result.action == Action.ADD:
        if not result.ok:
            return problem_text(result.problem)
        if result.problem is None:
            return _("Added %(requested)s × %(name)s to your cart.") % words
        if result.added <= 0:
            return _then(
                problem_text(result.problem), _("Your cart already holds %(holds)s.") % words
            )
        return _then(
            problem_text(result.problem),
            _("We added %(added)s; your cart now holds %(holds)s.") % words,
        )
    if result.action == Action.UPDATE:
        if not result.ok and result.problem.kind == Kind.NOT_IN_CART:
            return problem_text(result.problem)
        if not result.ok:
            return _then(problem_text(result.problem), _("We removed it from your cart."))
        if result.problem is not None:
            return _then(problem_text(result.problem), _("Your cart holds %(holds)s.") % words)
        return _("Your cart now holds %(holds)s of %(name)s.") % words
    if result.action == Action.REMOVE:
        if result.ok:
            return _("Removed %(name)s from your cart.") % words
        return problem_text(result.problem)
    if result.action == Action.SET_DONATION:
        if not result.ok:
            return problem_text(result.problem)
        amount = {"amount": format_money(result.amount)}
        if result.replaced:
            return _("Your gift is now %(amount)s.") % amount
        return _("Thank you! We added a gift of %(amount)s.") % amount
    if result.action == Action.REMOVE_DONATION:
        if result.ok:
            return _("We removed the gift from your cart.")
        return problem_text(result.problem)
    raise ValueError(f"no words for {result.action!r}")


def result_level(result):
    """The message level: refused is an error, done-but-limited a warning, done a success."""
    if not result.ok:
        return messages.ERROR
    return messages.WARNING if result.problem is not None else messages.SUCCESS


def gift_line_name():
    """A gift, as a line of an order: on the order page, receipts and Stripe's payment page."""
    return _("Gift to %(site)s") % {"site": settings.SITE_NAME}


def monthly_gift_name():
    """A monthly gift, as Stripe's payment page and the donor's bank statement name it."""
    return _("Monthly gift to %(site)s") % {"site": settings.SITE_NAME}


def too_many_text(refusal, keeps=None):
    """An order or a monthly gift refused by shop/order_limits.py: what happened, when to try
    again, and how to reach us. `keeps` says what the donor has not lost."""
    keeps = keeps or _("Your cart is kept.")
    words = {"email": settings.CONTACT_EMAIL, "keeps": keeps}
    if refusal.wait is None:
        return _(
            "One order can hold up to %(units)s items, so that everyone can order. Nothing was "
            "placed and nothing was charged. Please take some out of your cart, or e-mail us at "
            "%(email)s and we will help. %(keeps)s"
        ) % (words | {"units": settings.ORDER_UNITS_PER_ADDRESS})
    match refusal.limit:
        case Limit.ORDERS_FROM_ADDRESS:
            count = settings.ORDER_RATE_LIMIT_PER_ADDRESS
            what = ngettext(
                "%(count)s order has been placed from your connection in a short time, the most "
                "we accept.",
                "%(count)s orders have been placed from your connection in a short time, the "
                "most we accept.",
                count,
            ) % {"count": count}
        case Limit.ORDERS_TO_EMAIL:
            count = settings.ORDER_RATE_LIMIT_PER_EMAIL
            what = ngettext(
                "%(count)s order has been placed for this e-mail address in a short time, the "
                "most we accept.",
                "%(count)s orders have been placed for this e-mail address in a short time, the "
                "most we accept.",
                count,
            ) % {"count": count}
        case Limit.UNITS_FROM_ADDRESS:
            what = _(
                "This order would take the items ordered from your connection past %(units)s in "
                "a short time, the most we hold for one connection, so that everyone can order."
            ) % {"units": settings.ORDER_UNITS_PER_ADDRESS}
        case Limit.MONTHLY_FROM_ADDRESS:
            count = settings.MONTHLY_GIFT_RATE_LIMIT
            what = ngettext(
                "%(count)s monthly gift has been begun from your connection in a short time, the "
                "most we accept.",
                "%(count)s monthly gifts have been begun from your connection in a short time, "
                "the most we accept.",
                count,
            ) % {"count": count}
        case _:
            raise ValueError(f"no words for {refusal.limit!r}")
    return _(
        "%(what)s Nothing was placed and nothing was charged. Please try again in %(wait)s, or "
        "e-mail us at %(email)s and we will help. %(keeps)s"
    ) % (words | {"what": what, "wait": wait_words(refusal.wait)})


def not_payable_text(order, expired):
    """ "Pay now" on an order that no longer waits for payment; `expired`: its time ran out."""
    if order.status in (order.Status.PAID, order.Status.FULFILLED):
        return _("This order is already paid: thank you. Nothing more was charged.")
    if expired:
        return _(
            "The time to pay for this order ran out, so we cancelled it and its items are back "
            "on sale. Nothing was charged. You are welcome to order again from the shop, or "
            "write to us at %(email)s."
        ) % {"email": settings.CONTACT_EMAIL}
    return _(
        "This order was cancelled, so it can no longer be paid, and nothing was charged for it. "
        "If you did not expect this, please write to us at %(email)s."
    ) % {"email": settings.CONTACT_EMAIL}
