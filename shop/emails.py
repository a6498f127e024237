"""Order emails, sent after the order is committed. A failure to send never loses the order."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from shop.models import Order
from shop.payments import get_backend

logger = logging.getLogger(__name__)


def send_order_emails(order_pk, base_url=None):
    order = Order.objects.prefetch_related("lines").get(pk=order_pk)
    base_url = base_url or settings.SITE_URL
    context = {
        "order": order,
        "order_url": f"{base_url}{order.get_absolute_url()}",
        "site_name": settings.SITE_NAME,
        "instructions": get_backend(order.payment_backend).instructions(order),
    }
    messages = [
        _message(
            f"Your order {order.number} – {settings.SITE_NAME}",
            "emails/order_receipt",
            context,
            [order.email],
        ),
        _message(
            f"New order {order.number} from {order.name}",
            "emails/order_staff_notice",
            context,
            settings.STAFF_NOTIFICATION_EMAILS,
        ),
    ]
    for message in messages:
        try:
            message.send()
        except Exception:
            logger.exception("could not send %r for order %s", message.subject, order.number)


def _message(subject, template, context, recipients):
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_monthly_receipt(payment_pk):
    """The receipt for one month of a monthly gift, with the link to manage or cancel it."""
    from shop.models import MonthlyGiftPayment

    payment = MonthlyGiftPayment.objects.select_related("gift").get(pk=payment_pk)
    gift = payment.gift
    if not gift.email:
        logger.warning("monthly gift %s has no e-mail address: no receipt sent", gift.pk)
        return
    context = {
        "gift": gift,
        "payment": payment,
        "gift_url": f"{settings.SITE_URL}{gift.get_absolute_url()}",
        "site_name": settings.SITE_NAME,
    }
    message = _message(
        f"Your monthly gift receipt – {settings.SITE_NAME}",
        "emails/monthly_receipt",
        context,
        [gift.email],
    )
    try:
        message.send()
    except Exception:
        logger.exception("could not send the receipt of monthly gift payment %s", payment.pk)
