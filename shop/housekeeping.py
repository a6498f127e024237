"""Jobs for cron, kept out of the request path: deleting carts nobody will come back to, and
monthly gifts whose donor never finished on Stripe's page."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shop.models import Cart, MonthlyGift


@transaction.atomic
def clear_stale_carts(now=None):
    """Delete empty carts older than a few hours and open carts untouched for weeks."""
    now = now or timezone.now()
    empty_cutoff = now - timedelta(hours=settings.CART_EMPTY_MAX_AGE_HOURS)
    open_cutoff = now - timedelta(days=settings.CART_OPEN_MAX_AGE_DAYS)
    empty = Cart.objects.filter(
        status=Cart.Status.OPEN,
        lines__isnull=True,
        donation_amount__isnull=True,
        updated_at__lt=empty_cutoff,
    )
    empty_count = (
        Cart.objects.filter(pk__in=list(empty.values_list("pk", flat=True)))
        .delete()[1]
        .get("shop.Cart", 0)
    )
    abandoned_count = (
        Cart.objects.filter(status=Cart.Status.OPEN, updated_at__lt=open_cutoff)
        .delete()[1]
        .get("shop.Cart", 0)
    )
    return empty_count, abandoned_count


# Stripe's payment page closes after an hour, but Stripe retries an event for up to three days:
# a week leaves room for a webhook that was down.
ABANDONED_GIFT_DAYS = 7


def clear_abandoned_monthly_gifts(now=None):
    """Delete monthly gifts still pending, with no subscription, a week after they were begun."""
    cutoff = (now or timezone.now()) - timedelta(days=ABANDONED_GIFT_DAYS)
    abandoned = MonthlyGift.objects.filter(
        status=MonthlyGift.Status.PENDING,
        stripe_subscription_id="",
        created_at__lt=cutoff,
        payments__isnull=True,
    )
    return (
        MonthlyGift.objects.filter(pk__in=list(abandoned.values_list("pk", flat=True)))
        .delete()[1]
        .get("shop.MonthlyGift", 0)
    )
