"""Stripe Checkout: a hosted payment page built from the order, and a verified webhook (which
also carries the monthly gifts' events: shop/payments/stripe_monthly.py).

Amounts always come from the order (the server's prices), in the currency's smallest unit.
A payment page closes after STRIPE_CHECKOUT_EXPIRY_MINUTES, and the order's hold on its stock
ends with it (shop/holds.py): its `checkout.session.expired` event cancels the order, and no
new page opens for it, so nobody pays for items already back on sale.
"""

import logging
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from freedomstory.core.dates import date_format
from shop import holds, order_states
from shop.models import MonthlyGift, Order, PaymentEvent
from shop.money import minor_units
from shop.payments import PaymentBackend, stripe_monthly

logger = logging.getLogger(__name__)


class PaymentWindowClosed(Exception):
    """The order's time to pay is over (or it is no longer waiting for payment): its stock is
    back on sale and no payment page opens for it."""


class StripeBackend(PaymentBackend):
    name = "stripe"
    label = gettext_lazy("Card (Stripe)")
    checkout_note = gettext_lazy("You'll pay by card on Stripe's secure page.")

    def line_items(self, order):
        from shop.wording import gift_line_name

        currency = order.currency.lower()
        items = [
            {
                "price_data": {
                    "currency": currency,
                    "unit_amount": minor_units(line.unit_price),
                    "product_data": {"name": line.name},
                },
                "quantity": line.quantity,
            }
            for line in order.lines.all()
        ]
        if order.donation_amount:
            items.append(
                {
                    "price_data": {
                        "currency": currency,
                        "unit_amount": minor_units(order.donation_amount),
                        "product_data": {"name": gift_line_name()},
                    },
                    "quantity": 1,
                }
            )
        return items

    def start(self, order, request):
        """Send the donor to a payment page for `order`: the open one if it has one.

        Reusing an open session, and an idempotency key tied to the previous session, mean a
        double click or a second tab never opens two payment pages that could both be paid.
        """
        if order.status != Order.Status.PENDING_PAYMENT:
            raise PaymentWindowClosed(order.number)
        # Stripe sends the donor back to the order's page in the language they ordered in.
        with translation.override(order.language):
            order_url = request.build_absolute_uri(order.get_absolute_url())
        previous = previous_page(order.payment_reference, f"{order_url}?paid=1")
        if previous:
            return previous
        if not holds.may_open_payment_page(order):
            # Its page expired (its event may be late or lost): the hold is over now.
            order_states.transition(order, "expire", by="Stripe")
            raise PaymentWindowClosed(order.number)
        closes = holds.payment_page_closes()
        with translation.override(order.language):  # the gift's line, as the donor reads it
            line_items = self.line_items(order)
        session = stripe.checkout.Session.create(
            api_key=settings.STRIPE_SECRET_KEY,
            mode="payment",
            locale=order.language,
            line_items=line_items,
            customer_email=order.email,
            client_reference_id=order.token,
            metadata={"order_number": order.number},
            success_url=f"{order_url}?paid=1",
            cancel_url=f"{order_url}?cancelled=1",
            expires_at=int(closes.timestamp()),
            idempotency_key=f"order-{order.token}-after-{order.payment_reference or 'none'}",
        )
        opened = Order.objects.filter(pk=order.pk, status=Order.Status.PENDING_PAYMENT).update(
            payment_reference=session["id"], payment_expires_at=closes
        )
        if not opened:  # cancelled meanwhile (staff, the expiry job): close the page unpaid
            stripe.checkout.Session.expire(session["id"], api_key=settings.STRIPE_SECRET_KEY)
            raise PaymentWindowClosed(order.number)
        return session["url"]

    def may_expire(self, order):
        """Only once Stripe says its page closed unpaid. A page paid in its last minutes has an
        event that may come late (Stripe resends for days when our site did not answer): the
        order waits for it rather than being cancelled with the money taken. When Stripe cannot
        be asked, the next run asks again."""
        if not order.payment_reference:
            return True  # no page ever opened: nothing could be paid
        try:
            page = stripe.checkout.Session.retrieve(
                order.payment_reference, api_key=settings.STRIPE_SECRET_KEY
            )
        except stripe.StripeError:
            logger.warning("stripe: could not ask about order %s's page; kept", order.number)
            return False
        if page["status"] == "complete":
            logger.warning(
                "stripe: order %s's page %s was paid, but its event has not arrived; kept",
                order.number,
                order.payment_reference,
            )
        return page["status"] == "expired"

    def instructions(self, order):
        if order.status != Order.Status.PENDING_PAYMENT:
            return ""
        if not order.payment_expires_at:
            return _("Your order is waiting for payment by card.")
        closes = date_format(timezone.localtime(order.payment_expires_at), "TIME_FORMAT")
        return _(
            "Your order is waiting for payment by card. We hold its items for you until "
            "%(closes)s; after that they go back on sale and the order is cancelled."
        ) % {"closes": closes}


def previous_page(session_id, paid_url):
    """Where the donor goes instead of a new payment page, if anywhere: the previous page while
    it is open, `paid_url` once it was paid (its event may not be here yet); "" when it expired
    (or there was none) and a new one may open. A page that cannot be looked up raises
    stripe.StripeError: a new page beside one that may be paid could take the money twice."""
    if not session_id:
        return ""
    previous = stripe.checkout.Session.retrieve(session_id, api_key=settings.STRIPE_SECRET_KEY)
    if previous["status"] == "open":
        return previous["url"]
    if previous["status"] == "complete":
        return paid_url
    return ""


# --- Webhook ------------------------------------------------------------------------------------


class WebhookRejected(Exception):
    """The payload is not a genuine, fresh event from Stripe."""


class MalformedEvent(Exception):
    """Signed with our secret, but not an event we can read (a field missing or of the wrong
    type): answered 400 and logged, never acted on in part."""


def verify(payload, signature):
    if not settings.STRIPE_WEBHOOK_SECRET:  # an empty key would let anyone sign an event
        raise WebhookRejected("STRIPE_WEBHOOK_SECRET is not set")
    try:
        return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookRejected(str(error)) from error
    except (AttributeError, TypeError) as error:  # signed JSON that is no object at all
        raise MalformedEvent(f"not a JSON object: {error}") from error


def _readable(event):
    """The event as a dict, if it has the shape every event has; else MalformedEvent."""
    event = event.to_dict() if hasattr(event, "to_dict") else event
    data = event.get("data") if isinstance(event, dict) else None
    if not (
        isinstance(event.get("id"), str)
        and event["id"]
        and isinstance(event.get("type"), str)
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
        and isinstance(event.get("created", 0), int | type(None))
    ):
        raise MalformedEvent(f"not shaped as an event: {str(event)[:200]}")
    return event


def _checkout_completed(session, sent_at=None):
    order = Order.objects.filter(token=session.get("client_reference_id") or "").first()
    if order is None:
        logger.warning("stripe: completed session %s names no order we know", session.get("id"))
        return None
    if order.payment_backend != StripeBackend.name:
        logger.warning(
            "stripe: session %s: order %s is not paid by stripe; ignored",
            session.get("id"),
            order.number,
        )
        return order
    if session.get("payment_status") != "paid":
        return order
    if session.get("amount_total") != minor_units(order.total):
        logger.error(
            "stripe: session %s paid %s for order %s of %s; not marking it paid",
            session.get("id"),
            session.get("amount_total"),
            order.number,
            minor_units(order.total),
        )
        return order
    if order_states.transition(order, "mark_paid", by="Stripe"):
        return order
    if order.status == Order.Status.CANCELLED:
        # Money arrived for an order cancelled (or expired) meanwhile: staff must act on it.
        logger.error(
            "stripe: session %s paid order %s, which is cancelled: refund it or reinstate it",
            session.get("id"),
            order.number,
        )
    elif session.get("id") != order.payment_reference:
        # A second payment page for an order already paid was paid too: a double charge.
        logger.error(
            "stripe: session %s paid order %s a second time: refund this payment",
            session.get("id"),
            order.number,
        )
    return order


def _checkout_expired(session, sent_at=None):
    """A payment page closed unpaid: if it is the order's current one, the hold is over."""
    if session.get("mode") == "subscription":
        return None  # a monthly gift begun and left: the housekeeping job clears it
    order = Order.objects.filter(token=session.get("client_reference_id") or "").first()
    if order is None or order.payment_backend != StripeBackend.name:
        logger.warning("stripe: expired session %s names no card order of ours", session.get("id"))
        return order
    if session.get("id") != order.payment_reference:
        return order  # an older page: the order's newer one may still be paid
    order_states.transition(order, "expire", by="Stripe")
    return order


def _session_completed(session, sent_at=None):
    if session.get("mode") == "subscription":
        return stripe_monthly.checkout_completed(session, sent_at)
    return _checkout_completed(session)


HANDLERS = {
    "checkout.session.completed": _session_completed,
    "checkout.session.async_payment_succeeded": _session_completed,
    "checkout.session.expired": _checkout_expired,
    **stripe_monthly.HANDLERS,
}


def handle_event(event):
    """Record the event and act on it in one transaction; a redelivered event changes nothing.

    If acting fails, the record is rolled back too, so Stripe's retry gets a second chance.
    A concurrent duplicate waits on the unique event id and then finds it taken. Handlers get
    the object and when Stripe sent the event: Stripe does not deliver events in order.
    """
    event = _readable(event)
    handler = HANDLERS.get(event["type"])
    try:
        with transaction.atomic():
            record = PaymentEvent.objects.create(
                provider="stripe", event_id=event["id"], event_type=event["type"]
            )
            if handler is None:
                return "ignored"
            created = event.get("created")
            sent_at = datetime.fromtimestamp(created, tz=UTC) if created else None
            subject = handler(dict(event["data"]["object"]), sent_at)
            if isinstance(subject, Order):
                PaymentEvent.objects.filter(pk=record.pk).update(order=subject)
            elif isinstance(subject, MonthlyGift):
                PaymentEvent.objects.filter(pk=record.pk).update(monthly_gift=subject)
    except IntegrityError:
        return "duplicate"
    except (AttributeError, LookupError, TypeError, ValueError) as error:
        # An object of a shape the handler cannot read: nothing of it was kept (rolled back).
        raise MalformedEvent(f"{event['type']} {event['id']}: {error!r}") from error
    return "handled"
