from django.conf import settings

from shop.payments import PaymentBackend


class OfflineBackend(PaymentBackend):
    """The order waits as pending payment; staff mark it paid in the admin."""

    name = "offline"
    before_order_text = "You'll pay by bank transfer: our details are on the next page."
    label = "Bank transfer"

    def instructions(self, order):
        return (
            f"Please transfer {order.total} {order.currency} to {settings.BANK_ACCOUNT_NAME}, "
            f"account {settings.BANK_ACCOUNT_NUMBER} at {settings.BANK_NAME}, quoting "
            f"{settings.BANK_REFERENCE_FORMAT.format(number=order.number)}. We will email you as "
            "soon as the payment arrives."
        )


def bank_details():
    return {
        "bank": settings.BANK_NAME,
        "account_name": settings.BANK_ACCOUNT_NAME,
        "account_number": settings.BANK_ACCOUNT_NUMBER,
        "swift": settings.BANK_SWIFT_CODE,
    }
