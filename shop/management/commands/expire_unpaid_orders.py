from django.conf import settings
from django.core.management.base import BaseCommand

from shop.order_states import expire_unpaid_orders


class Command(BaseCommand):
    help = "Cancel orders unpaid for ORDER_UNPAID_EXPIRY_HOURS and give their stock back."

    def handle(self, *args, **options):
        count = expire_unpaid_orders()
        self.stdout.write(
            f"Cancelled {count} order(s) unpaid for more than "
            f"{settings.ORDER_UNPAID_EXPIRY_HOURS} hours; their stock is back on sale."
        )
