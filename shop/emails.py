"""E-mails: the donor hears of every step of an order; staff hear of each new one.

Each e-mail is a background task (freedomstory/core/tasks.py) taking ids and names, which reads
the order and renders the e-mail when it runs. Callers queue them with
enqueue_with_transaction, so a rolled-back order or transition sends nothing. Every e-mail is
text and HTML and carries the charity's name, postal address, registration number and contact
address (the site's one sender, freedomstory.core.emails.send, and
templates/emails/includes/footer.*). A failure to send raises, so the task is tried again and
finally logged for staff; it never undoes the order or its change of state.

A donor's e-mail speaks the language the donor ordered (or began a monthly gift) in,
`order.language`: the task may run in a worker, or in an admin's English request, so each one
renders its subject, text, HTML, dates, amounts and links under `translation.override`. What
goes to staff (the new-order notice, shop/holds.py's alert) stays in English.
"""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from freedomstory.core.emails import send
from freedomstory.core.siteurl import absolute
from freedomstory.core.tasks import background_task, enqueue_with_transaction
from shop import holds
from shop.models import MonthlyGiftPayment, Order
from shop.payments import get_backend

logger = logging.getLogger(__name__)


def queue_order_emails(order_pk):
    """A new order: the receipt (with how to pay) to the donor, a notice to staff. Two tasks, so
    a retry of one never sends the other twice."""
    enqueue_with_transaction(send_order_receipt, order_pk)
    enqueue_with_transaction(send_order_staff_notice, order_pk)


@background_task()
def send_order_receipt(order_pk):
    order = _order(order_pk)
    with translation.override(order.language):
        send(
            _("Your order %(number)s – %(site)s")
            % {"number": order.number, "site": settings.SITE_NAME},
            "emails/order_receipt",
            _new_order_context(order),
            [order.email],
        )


@background_task()
def send_order_staff_notice(order_pk):
    order = _order(order_pk)
    with translation.override(settings.LANGUAGE_CODE):  # for staff, whatever the donor read
        send(
            f"New order {order.number} from {order.name}",
            "emails/order_staff_notice",
            _new_order_context(order),
            settings.STAFF_NOTIFICATION_EMAILS,
        )


def _new_order_context(order):
    backend = get_backend(order.payment_backend)
    return _order_context(order) | {
        "instructions": backend.instructions(order),
        "bank": backend.bank_details(order),
    }


@background_task()
def send_order_update(order_pk, transition):
    """Tell the donor what `transition` (a name in shop.order_states.TRANSITIONS) just did."""
    order = _order(order_pk)
    with translation.override(order.language):
        subject, template, context = _update(order, transition)
        send(
            _("%(subject)s – %(site)s") % {"subject": subject, "site": settings.SITE_NAME},
            template,
            context,
            [order.email],
        )


def _update(order, transition):
    """The subject, template and context of the e-mail for `transition`, in the active language."""
    context = _order_context(order)
    number = {"number": order.number}
    match transition:
        case "mark_paid":
            context["next_step"] = _after_payment(order)
            return _("Payment received for order %(number)s") % number, "emails/order_paid", context
        case "fulfil" if order.needs_shipping:
            return (
                _("Your order %(number)s is on its way") % number,
                "emails/order_fulfilled",
                context,
            )
        case "fulfil":  # nothing to post: a gift, or items handed over
            return (
                _("Your order %(number)s is complete") % number,
                "emails/order_fulfilled",
                context,
            )
        case "cancel" | "expire":
            context |= {
                "expired": transition == "expire",
                "expiry_window": holds.expiry_words(order),
            }
            return (
                _("Your order %(number)s is cancelled") % number,
                "emails/order_cancelled",
                context,
            )
    raise ValueError(f"no e-mail for the transition {transition!r}")


def _after_payment(order):
    if order.needs_shipping:
        return _(
            "We will post your order to the address you gave us, and e-mail you when it is on "
            "its way."
        )
    if order.lines.all():
        return _("We will e-mail you when your order is complete.")
    return _("Your gift goes to work straight away: thank you for standing with us.")


def _order(order_pk):
    return Order.objects.prefetch_related("lines").get(pk=order_pk)


def _order_context(order):
    # Reversed under the order's language: /th/orders/<token>/ for a Thai donor.
    return {"order": order, "order_url": absolute(order.get_absolute_url())}


@background_task()
def send_monthly_receipt(payment_pk):
    """The receipt for one month of a monthly gift, with the link to manage or cancel it."""
    payment = MonthlyGiftPayment.objects.select_related("gift").get(pk=payment_pk)
    gift = payment.gift
    if not gift.email:
        logger.warning("monthly gift %s has no e-mail address: no receipt sent", gift.pk)
        return
    with translation.override(gift.language):
        send(
            _("Your monthly gift receipt – %(site)s") % {"site": settings.SITE_NAME},
            "emails/monthly_receipt",
            {"gift": gift, "payment": payment, "gift_url": absolute(gift.get_absolute_url())},
            [gift.email],
        )
