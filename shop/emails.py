"""E-mails: the donor hears of every step of an order; staff hear of each new one.

Each e-mail is a background task (freedomstory/core/tasks.py) taking ids and names, which reads
the order and renders the e-mail when it runs. Callers queue them with
enqueue_with_transaction, so a rolled-back order or transition sends nothing. Every e-mail is
text and HTML and carries the charity's name, postal address, registration number and contact
address (the site's one sender, freedomstory.core.emails.send, and
templates/emails/includes/footer.*). A failure to send raises, so the task is tried again and
finally logged for staff; it never undoes the order or its change of state.
"""

import logging

from django.conf import settings

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
    send(
        f"Your order {order.number} – {settings.SITE_NAME}",
        "emails/order_receipt",
        _new_order_context(order),
        [order.email],
    )


@background_task()
def send_order_staff_notice(order_pk):
    order = _order(order_pk)
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
    context = _order_context(order)
    number = order.number
    match transition:
        case "mark_paid":
            subject, template = f"Payment received for order {number}", "emails/order_paid"
            context["next_step"] = _after_payment(order)
        case "fulfil" if order.needs_shipping:
            subject, template = f"Your order {number} is on its way", "emails/order_fulfilled"
        case "fulfil":  # nothing to post: a gift, or items handed over
            subject, template = f"Your order {number} is complete", "emails/order_fulfilled"
        case "cancel" | "expire":
            subject, template = f"Your order {number} is cancelled", "emails/order_cancelled"
            context |= {
                "expired": transition == "expire",
                "expiry_window": holds.expiry_words(order),
            }
        case _:
            raise ValueError(f"no e-mail for the transition {transition!r}")
    send(f"{subject} – {settings.SITE_NAME}", template, context, [order.email])


def _after_payment(order):
    if order.needs_shipping:
        return (
            "We will post your order to the address you gave us, and e-mail you when it is on "
            "its way."
        )
    if order.lines.all():
        return "We will e-mail you when your order is complete."
    return "Your gift goes to work straight away: thank you for standing with us."


def _order(order_pk):
    return Order.objects.prefetch_related("lines").get(pk=order_pk)


def _order_context(order):
    return {"order": order, "order_url": absolute(order.get_absolute_url())}


@background_task()
def send_monthly_receipt(payment_pk):
    """The receipt for one month of a monthly gift, with the link to manage or cancel it."""
    payment = MonthlyGiftPayment.objects.select_related("gift").get(pk=payment_pk)
    gift = payment.gift
    if not gift.email:
        logger.warning("monthly gift %s has no e-mail address: no receipt sent", gift.pk)
        return
    send(
        f"Your monthly gift receipt – {settings.SITE_NAME}",
        "emails/monthly_receipt",
        {"gift": gift, "payment": payment, "gift_url": absolute(gift.get_absolute_url())},
        [gift.email],
    )
