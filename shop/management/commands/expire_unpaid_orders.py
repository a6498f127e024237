from django.conf import settings
from django.core.management.base import BaseCommand

from shop import holds
from shop.order_states import expire_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel unpaid orders whose time to pay is over (bank transfers after "
        "ORDER_UNPAID_EXPIRY_HOURS, card orders once their payment page closed) and give their "
        "stock back. Run it every few minutes: card orders hold stock for half an hour."
    )

    def handle(self, *args, **options):
        count = expire_unpaid_orders()
        self.stdout.write(
            f"Cancelled {count} order(s) unpaid in time (bank transfers: "
            f"{settings.ORDER_UNPAID_EXPIRY_HOURS} hours; cards: "
            f"{holds.payment_page_minutes()} minutes); their stock is back on sale."
        )
