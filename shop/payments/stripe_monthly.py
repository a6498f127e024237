"""Monthly gifts on Stripe: Checkout in subscription mode, the customer portal, and the events.

The monthly price is made from the amount in the Checkout Session itself (`price_data` with
`recurring`), so nothing needs setting up in Stripe's dashboard. Stripe's objects are read here
and only here; what they mean for a gift is decided in shop/monthly.py.
"""

import logging
import time
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from shop import monthly
from shop.money import from_minor_units, minor_units

logger = logging.getLogger(__name__)
Status = monthly.Status
METADATA_KEY = "monthly_gift"
PAYMENT_PAGE_SECONDS = 60 * 60

# What Stripe's subscription statuses mean for a gift (others, like "incomplete", change nothing).
STRIPE_STATUSES = {
    "active": Status.ACTIVE,
    "trialing": Status.ACTIVE,
    "past_due": Status.PAST_DUE,
    "unpaid": Status.PAST_DUE,
    "canceled": Status.CANCELLED,
    "incomplete_expired": Status.CANCELLED,
}


def payment_page(gift, request):
    """The address of Stripe's page where the donor sets up `gift`: the open one if any.

    As with orders (shop.payments.stripe.previous_page), an open page is reused, a paid one
    sends the donor to the gift's page, and the idempotency key names the previous page, so a
    double click never opens two pages that could both start a subscription.
    """
    from shop.payments.stripe import previous_page  # that module imports this one
    from shop.wording import monthly_gift_name

    with translation.override(gift.language):
        gift_url = request.build_absolute_uri(gift.get_absolute_url())
        name = monthly_gift_name()
    previous = previous_page(gift.checkout_session_id, f"{gift_url}?started=1")
    if previous:
        return previous
    session = stripe.checkout.Session.create(
        api_key=settings.STRIPE_SECRET_KEY,
        mode="subscription",
        locale=gift.language,
        line_items=[
            {
                "price_data": {
                    "currency": gift.currency.lower(),
                    "unit_amount": minor_units(gift.amount),
                    "recurring": {"interval": "month"},
                    "product_data": {"name": name},
                },
                "quantity": 1,
            }
        ],
        client_reference_id=gift.token,
        metadata={METADATA_KEY: gift.token},
        subscription_data={"metadata": {METADATA_KEY: gift.token}},
        success_url=f"{gift_url}?started=1",
        cancel_url=f"{gift_url}?cancelled=1",
        # The page closes after an hour (Stripe's default is a day), so a gift never set up can
        # be cleared soon (shop.housekeeping.clear_abandoned_monthly_gifts).
        expires_at=int(time.time()) + PAYMENT_PAGE_SECONDS,
        idempotency_key=f"monthly-{gift.token}-after-{gift.checkout_session_id or 'none'}",
    )
    monthly.remember_payment_page(gift, session["id"])
    return session["url"]


def portal_page(gift, request):
    """Stripe's customer portal for the donor of `gift`: change the card, or cancel."""
    with translation.override(gift.language):
        return_url = request.build_absolute_uri(reverse("shop:monthly_gift", args=[gift.token]))
    session = stripe.billing_portal.Session.create(
        api_key=settings.STRIPE_SECRET_KEY,
        customer=gift.stripe_customer_id,
        return_url=return_url,
        locale=gift.language,
    )
    return session["url"]


# --- Events (called from shop.payments.stripe.handle_event, verified and recorded once) --------


def _gift_for(subscription_id="", metadata=None, token=""):
    token = token or (metadata or {}).get(METADATA_KEY, "")
    gift = monthly.find(token=token, subscription_id=subscription_id or "")
    if gift is None:
        # With our token, it is a subscription we started: Stripe charges a donor we have no
        # record of (no receipt, no way to cancel from our page). Without, it is not ours.
        logger.log(
            logging.ERROR if token else logging.WARNING,
            "stripe: no monthly gift for subscription %r / token %r",
            subscription_id,
            token,
        )
    return gift


def _another_subscription(gift, subscription_id):
    """True when `subscription_id` is a second subscription for `gift` (the same confirmation
    paid twice): its events must not change the status the gift's own subscription gives it."""
    if subscription_id and gift.stripe_subscription_id not in ("", subscription_id):
        logger.error(
            "stripe: subscription %s is not the one of monthly gift %s (%s); its status is ignored",
            subscription_id,
            gift.pk,
            gift.stripe_subscription_id,
        )
        return True
    return False


def _moment(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC) if timestamp else timezone.now()


def checkout_completed(session, sent_at=None):
    gift = _gift_for(
        session.get("subscription"),
        session.get("metadata"),
        session.get("client_reference_id") or "",
    )
    if gift is None:
        return None
    details = session.get("customer_details") or {}
    monthly.link_to_stripe(
        gift,
        subscription_id=session.get("subscription") or "",
        customer_id=session.get("customer") or "",
        email=details.get("email") or session.get("customer_email") or "",
        name=details.get("name") or "",
    )
    if session.get("payment_status") == "paid":
        monthly.become(gift, Status.ACTIVE, as_of=sent_at)
    return gift


def _subscription_of(invoice):
    """The subscription an invoice bills, and its metadata (where Stripe's API versions put it)."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    subscription = details.get("subscription") or invoice.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id", "")
    metadata = details.get("metadata") or (invoice.get("subscription_details") or {}).get(
        "metadata"
    )
    return subscription, metadata or {}


def invoice_paid(invoice, sent_at=None):
    subscription_id, metadata = _subscription_of(invoice)
    if not subscription_id and not metadata:
        return None  # not a subscription's invoice: we make no others
    gift = _gift_for(subscription_id, metadata)
    if gift is None:
        return None
    monthly.link_to_stripe(
        gift,
        subscription_id=subscription_id,
        customer_id=invoice.get("customer") or "",
        email=invoice.get("customer_email") or "",
        name=invoice.get("customer_name") or "",
    )
    if not invoice.get("amount_paid"):
        return gift  # nothing was taken (a trial or a coupon): no receipt for $0
    paid_at = (invoice.get("status_transitions") or {}).get("paid_at") or invoice.get("created")
    monthly.record_payment(
        gift,
        invoice_id=invoice["id"],
        amount=from_minor_units(invoice.get("amount_paid") or 0),
        paid_at=_moment(paid_at),
        as_of=sent_at,
    )
    return gift


def invoice_payment_failed(invoice, sent_at=None):
    subscription_id, metadata = _subscription_of(invoice)
    gift = _gift_for(subscription_id, metadata) if subscription_id or metadata else None
    if gift is None or _another_subscription(gift, subscription_id):
        return gift
    if not gift.payments.filter(invoice_id=invoice["id"]).exists():  # else: paid on a retry
        monthly.become(gift, Status.PAST_DUE, as_of=sent_at)
    return gift


def subscription_changed(subscription, sent_at=None):
    gift = _gift_for(subscription.get("id"), subscription.get("metadata"))
    if gift is None:
        return None
    monthly.link_to_stripe(
        gift,
        subscription_id=subscription.get("id") or "",
        customer_id=subscription.get("customer") or "",
    )
    status = STRIPE_STATUSES.get(subscription.get("status"))
    if status is not None and not _another_subscription(gift, subscription.get("id")):
        at = subscription.get("ended_at") or subscription.get("canceled_at")
        at = _moment(at) if status == Status.CANCELLED else None
        monthly.become(gift, status, at=at, as_of=sent_at)
    return gift


HANDLERS = {
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "customer.subscription.created": subscription_changed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
}
