"""Monthly gifts: the only code that creates them or changes their status.

A donor's confirmation page carries a fresh `attempt` token; posting it makes the pending gift
with that token, so a double click or a second tab finds the same gift (and the same payment
page) instead of starting a second subscription. From then on Stripe's verified events say what
happened (shop/payments/stripe_monthly.py reads them and calls the functions below). Events may
arrive in any order and more than once: each change is a conditional UPDATE from the states it
may come from, "cancelled" is final, and a paid invoice is recorded (and its receipt sent) once.
"""

import logging
import re
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from freedomstory.core.languages import active_language
from freedomstory.core.tasks import enqueue_with_transaction
from shop import emails, purchase
from shop.models import MonthlyGift, MonthlyGiftPayment

logger = logging.getLogger(__name__)
Status = MonthlyGift.Status
ATTEMPT = re.compile(r"^[A-Za-z0-9_-]{22,64}$")

# Where each status may be reached from. Cancelled is reached from anywhere and left never: a
# late "active" event must not bring an ended gift back.
REACHABLE_FROM = {
    Status.ACTIVE: {Status.PENDING, Status.PAST_DUE},
    Status.PAST_DUE: {Status.PENDING, Status.ACTIVE},
    Status.CANCELLED: {Status.PENDING, Status.ACTIVE, Status.PAST_DUE},
}
STAMPS = {Status.ACTIVE: "started_at", Status.CANCELLED: "cancelled_at"}


class GiftRefused(Exception):
    def __init__(self, problem):
        super().__init__(problem.kind)
        self.problem = problem


def new_attempt():
    return secrets.token_urlsafe(24)


def begin(amount, attempt):
    """The pending monthly gift of `amount` for this confirmation `attempt`.

    The same attempt and amount give the same gift; anything else (no attempt, a malformed one,
    another amount) a new one, so an attempt can never change a gift already made.
    """
    problem = purchase.check_gift(amount)
    if problem is not None:
        raise GiftRefused(problem)
    if attempt and ATTEMPT.match(attempt):
        existing = MonthlyGift.objects.filter(token=attempt).first()
        if existing is None:
            try:
                with transaction.atomic():
                    return MonthlyGift.objects.create(
                        token=attempt,
                        amount=amount,
                        currency=settings.SHOP_CURRENCY,
                        language=active_language(),
                    )
            except IntegrityError:  # the same attempt, posted twice at once
                existing = MonthlyGift.objects.get(token=attempt)
        if existing.amount == amount:
            return existing
    return MonthlyGift.objects.create(
        amount=amount, currency=settings.SHOP_CURRENCY, language=active_language()
    )


def remember_payment_page(gift, session_id):
    MonthlyGift.objects.filter(pk=gift.pk).update(checkout_session_id=session_id)
    gift.checkout_session_id = session_id


def find(token="", subscription_id=""):
    """The gift a Stripe object belongs to: by its subscription, else by the token we gave it."""
    if subscription_id:
        gift = MonthlyGift.objects.filter(stripe_subscription_id=subscription_id).first()
        if gift is not None:
            return gift
    return MonthlyGift.objects.filter(token=token).first() if token else None


def link_to_stripe(gift, subscription_id="", customer_id="", email="", name=""):
    """Fill in what Stripe knows about the gift and the donor; never overwrite it."""
    known = {
        "stripe_subscription_id": subscription_id,
        "stripe_customer_id": customer_id,
        "email": (email or "")[:254],
        "name": (name or "")[:200],
    }
    for field, value in known.items():
        if value and not getattr(gift, field):
            MonthlyGift.objects.filter(pk=gift.pk, **{field: ""}).update(**{field: value})
    if subscription_id and gift.stripe_subscription_id not in ("", subscription_id):
        # The same confirmation paid on two payment pages: two subscriptions for one gift.
        logger.error(
            "monthly gift %s has subscription %s and now also %s: cancel one in Stripe",
            gift.pk,
            gift.stripe_subscription_id,
            subscription_id,
        )
    gift.refresh_from_db()


def become(gift, status, at=None, as_of=None):
    """Move the gift to `status` if it may go there from where it is; True if it moved.

    The first activation and the cancellation are stamped once; a recovery from past due keeps
    the first start date. `as_of` is when Stripe sent what says so: Stripe does not keep its
    events in order, so news older than what set the current status changes nothing.
    """
    with transaction.atomic():
        moving = MonthlyGift.objects.filter(pk=gift.pk, status__in=REACHABLE_FROM[status])
        changes = {"status": status}
        if as_of is not None:
            moving = moving.filter(Q(status_as_of__isnull=True) | Q(status_as_of__lte=as_of))
            changes["status_as_of"] = as_of
            # News that confirms the status the gift has is news too: a stale event must not
            # undo it later.
            MonthlyGift.objects.filter(
                Q(status_as_of__isnull=True) | Q(status_as_of__lt=as_of), pk=gift.pk, status=status
            ).update(status_as_of=as_of)
        changed = moving.update(**changes)
        if changed and status in STAMPS:
            stamp = STAMPS[status]
            MonthlyGift.objects.filter(pk=gift.pk, **{f"{stamp}__isnull": True}).update(
                **{stamp: at or timezone.now()}
            )
    gift.refresh_from_db()
    return bool(changed)


def record_payment(gift, invoice_id, amount, paid_at, as_of=None):
    """A month's gift was paid: note it, make the gift active, and send its receipt, once."""
    with transaction.atomic():
        payment, created = MonthlyGiftPayment.objects.get_or_create(
            invoice_id=invoice_id, defaults={"gift": gift, "amount": amount, "paid_at": paid_at}
        )
        if not created:
            return payment
        # Invoices may arrive out of order: an older one never moves the date back.
        MonthlyGift.objects.filter(
            Q(last_paid_at__isnull=True) | Q(last_paid_at__lt=paid_at), pk=gift.pk
        ).update(last_paid_at=paid_at)
        become(gift, Status.ACTIVE, at=paid_at, as_of=as_of)
        payment_pk = payment.pk
        # A task: a receipt that fails is retried and logged, and the payment (and Stripe's
        # 2xx) stands.
        enqueue_with_transaction(emails.send_monthly_receipt, payment_pk)
    return payment
