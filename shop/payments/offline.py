"""Bank transfer: the order waits as pending payment until staff see the money and mark it paid.

The bank details exist once, here (`bank_details`), for the order page, the receipt and anything
else that asks a donor to transfer money (a standing order quotes its own reference).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop.models import Order
from shop.payments import PaymentBackend


@dataclass(frozen=True)
class BankDetails:
    """Where to send a transfer and what to quote with it; rendered by
    shop/includes/bank_details.html and emails/includes/bank_details.(txt|html)."""

    bank: str
    account_name: str
    account_number: str
    swift_code: str  # "" when none is set: the templates leave the row out
    reference: str
    amount: Decimal | None = None  # None for a transfer of the donor's choosing


def bank_details(reference, amount=None):
    return BankDetails(
        bank=settings.BANK_NAME,
        account_name=settings.BANK_ACCOUNT_NAME,
        account_number=settings.BANK_ACCOUNT_NUMBER,
        swift_code=settings.BANK_SWIFT_CODE,
        reference=reference,
        amount=amount,
    )


def order_reference(order):
    """What the donor quotes so staff can match the transfer to `order`."""
    return settings.BANK_REFERENCE_FORMAT.format(number=order.number)


class OfflineBackend(PaymentBackend):
    name = "offline"
    label = gettext_lazy("Bank transfer")
    checkout_note = gettext_lazy("You'll pay by bank transfer: our details are on the next page.")

    def instructions(self, order):
        if order.status != Order.Status.PENDING_PAYMENT:
            return ""
        return _(
            "Please transfer the amount below to our account, quoting the reference, so we can "
            "match your payment to your order. We will email you as soon as it arrives."
        )

    def bank_details(self, order):
        if order.status != Order.Status.PENDING_PAYMENT:
            return None
        return bank_details(order_reference(order), order.total)
