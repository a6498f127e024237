"""What unpaid orders hold: how long each holds its stock, and telling staff when they hold much.

An order takes its stock when it is placed and holds it until it is paid or cancelled. An order
paid by bank transfer holds it for ORDER_UNPAID_EXPIRY_HOURS; an order paid by card only while
its Stripe payment page is open (STRIPE_CHECKOUT_EXPIRY_MINUTES): Stripe's
`checkout.session.expired` event ends it then, and `expire_unpaid_orders` a little later when
that event is lost (once Stripe confirms the page closed unpaid: a paid page's event may be late).

When unpaid orders hold more than UNPAID_HOLD_ALERT_SHARE of a variant's stock (what is left
plus what they hold), staff are e-mailed once; the variant remembers it (hold_alert_sent_at)
until the share falls back, so the next rise is told again, once. The alert is a task, queued
with the claim; it counts what unpaid orders hold when it is sent.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from freedomstory.core.emails import send
from freedomstory.core.siteurl import absolute
from freedomstory.core.tasks import background_task, enqueue_with_transaction
from shop.models import Order, OrderLine, Variant

logger = logging.getLogger(__name__)

# Room for a late event, and for the expiry job's clock against Stripe's, before the expiry job
# ends a card order's hold itself: its payment page is closed by then.
STRIPE_EXPIRY_MARGIN = timedelta(minutes=5)
# What Stripe accepts for a payment page's life.
STRIPE_SHORTEST, STRIPE_LONGEST = 30, 24 * 60


def payment_page_minutes():
    return min(max(settings.STRIPE_CHECKOUT_EXPIRY_MINUTES, STRIPE_SHORTEST), STRIPE_LONGEST)


def payment_page_closes(now=None):
    """When a payment page opened now closes: a whole minute, so two clicks in the same minute
    ask Stripe for the same page (their idempotency key is the same), a minute later than the
    window so Stripe's own minimum is met whatever the clocks say."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    return now + timedelta(minutes=payment_page_minutes() + 1)


def may_open_payment_page(order, now=None):
    """A card order may open its first payment page only within the window after it was placed
    (a page that failed to open at checkout); once a page expired, its hold is over."""
    if order.payment_reference:
        return False
    return (now or timezone.now()) < order.created_at + timedelta(minutes=payment_page_minutes())


def expired_unpaid(now=None):
    """The condition for an unpaid order whose hold is over: bank transfers after
    ORDER_UNPAID_EXPIRY_HOURS, card orders once their payment page closed (or never opened)."""
    now = now or timezone.now()
    offline_cutoff = now - timedelta(hours=settings.ORDER_UNPAID_EXPIRY_HOURS)
    card_cutoff = now - STRIPE_EXPIRY_MARGIN
    never_opened = card_cutoff - timedelta(minutes=payment_page_minutes())
    card = Q(payment_backend="stripe") & (
        Q(payment_expires_at__lt=card_cutoff)
        | Q(payment_expires_at__isnull=True, created_at__lt=never_opened)
    )
    offline = ~Q(payment_backend="stripe") & Q(created_at__lt=offline_cutoff)
    return Q(status=Order.Status.PENDING_PAYMENT) & (card | offline)


def expiry_words(order):
    """How long the order had to be paid, as the cancellation e-mail says it."""
    if order.payment_backend == "stripe":
        minutes = payment_page_minutes()
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours = settings.ORDER_UNPAID_EXPIRY_HOURS
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


# --- The staff alert ----------------------------------------------------------------------------


def alert_if_held_too_much(order_pk):
    """After `order_pk` was placed: for each of its variants, tell staff once when unpaid orders
    hold more than the set share of its stock, and forget an alert once they hold less."""
    variant_ids = OrderLine.objects.filter(
        order_id=order_pk, variant__stock__isnull=False
    ).values_list("variant_id", flat=True)
    for variant in Variant.objects.filter(pk__in=list(variant_ids)).select_related("product"):
        _review_variant(variant)


def _review_variant(variant):
    held, whole = _held_and_whole(variant)
    over = whole > 0 and held / whole > settings.UNPAID_HOLD_ALERT_SHARE
    if not over:
        Variant.objects.filter(pk=variant.pk, hold_alert_sent_at__isnull=False).update(
            hold_alert_sent_at=None
        )
        return False
    with transaction.atomic():  # the claim and the queued alert commit together
        # One conditional UPDATE: of two orders placed at once, one sends the alert.
        claimed = Variant.objects.filter(pk=variant.pk, hold_alert_sent_at__isnull=True).update(
            hold_alert_sent_at=timezone.now()
        )
        if not claimed:
            return False
        logger.warning("unpaid orders hold %s of %s units of %s", held, whole, variant.full_name)
        enqueue_with_transaction(send_unpaid_holds_alert, variant.pk)
    return True


def _unpaid_lines(variant):
    return OrderLine.objects.filter(
        variant=variant, order__status=Order.Status.PENDING_PAYMENT, order__stock_returned=False
    )


def _held_and_whole(variant):
    held = _unpaid_lines(variant).aggregate(units=Sum("quantity"))["units"] or 0
    return held, held + (variant.stock or 0)


@background_task()
def send_unpaid_holds_alert(variant_pk):
    """The staff alert for one variant, with what unpaid orders hold of it when it is sent.
    In English, as staff read the admin, even when a Thai donor's checkout queued it."""
    with translation.override(settings.LANGUAGE_CODE):
        _send_unpaid_holds_alert(variant_pk)


def _send_unpaid_holds_alert(variant_pk):
    variant = Variant.objects.select_related("product").get(pk=variant_pk)
    held, whole = _held_and_whole(variant)
    orders = list(
        Order.objects.filter(pk__in=_unpaid_lines(variant).values("order_id")).order_by(
            "created_at", "pk"
        )
    )
    send(
        f"Unpaid orders hold {held} of {whole} “{variant.full_name}”",
        "emails/unpaid_holds_alert",
        {
            "variant": variant,
            "held": held,
            "whole": whole,
            "share": round(settings.UNPAID_HOLD_ALERT_SHARE * 100),
            "orders": orders,
            "orders_url": absolute(
                f"{reverse('admin:shop_order_changelist')}?status__exact=pending_payment"
            ),
            "variant_url": absolute(
                reverse("admin:shop_product_change", args=[variant.product_id])
            ),
        },
        settings.STAFF_NOTIFICATION_EMAILS,
    )
