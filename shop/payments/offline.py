from django.conf import settings

from shop.payments import PaymentBackend


class OfflineBackend(PaymentBackend):
    """The order waits as pending payment; staff mark it paid in the admin."""

    name = "offline"
    label = "Bank transfer"

    def instructions(self, order):
        return settings.OFFLINE_PAYMENT_INSTRUCTIONS
