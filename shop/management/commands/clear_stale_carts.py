from django.conf import settings
from django.core.management.base import BaseCommand

from shop.housekeeping import ABANDONED_GIFT_DAYS, clear_abandoned_monthly_gifts, clear_stale_carts


class Command(BaseCommand):
    help = (
        "Delete empty carts older than CART_EMPTY_MAX_AGE_HOURS and open carts untouched for "
        "CART_OPEN_MAX_AGE_DAYS, and monthly gifts never set up on Stripe's page after a week. "
        "Safe to run from cron at any time."
    )

    def handle(self, *args, **options):
        empty, abandoned = clear_stale_carts()
        self.stdout.write(
            f"Deleted {empty} empty cart(s) older than {settings.CART_EMPTY_MAX_AGE_HOURS} hours "
            f"and {abandoned} open cart(s) untouched for {settings.CART_OPEN_MAX_AGE_DAYS} days."
        )
        gifts = clear_abandoned_monthly_gifts()
        self.stdout.write(
            f"Deleted {gifts} monthly gift(s) never set up, begun over {ABANDONED_GIFT_DAYS} days "
            "ago."
        )
