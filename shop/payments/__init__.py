"""Payment backends: a small interface, chosen by settings.PAYMENT_BACKEND.

A backend says how the donor will pay before they place the order (`checkout_note`), where they
go once it is placed (`start`), and what the order page and receipt tell them while it waits for
payment (`instructions`, and `bank_details` for a transfer). Payment confirmation arrives
separately: staff in the admin (offline) or a verified webhook (stripe).
"""

from django.conf import settings


class PaymentBackend:
    name = ""
    label = ""
    # One sentence next to the checkout's "Place order" button: how the donor will pay, said
    # before they commit to it.
    checkout_note = ""

    def start(self, order, request):
        """The address to send the donor to once the order exists."""
        return order.get_absolute_url()

    def instructions(self, order):
        """What the donor still has to do to pay `order`, as one sentence ("" when nothing)."""
        return ""

    def may_expire(self, order):
        """Whether `order`, unpaid past its time, may be cancelled now (the expiry job asks)."""
        return True

    def bank_details(self, order):
        """The account to transfer the order's amount to (shop.payments.offline.BankDetails),
        or None when this backend takes no transfers."""
        return None


def get_backend(name=None):
    from shop.payments.offline import OfflineBackend
    from shop.payments.stripe import StripeBackend

    backends = {backend.name: backend for backend in (OfflineBackend, StripeBackend)}
    name = name or settings.PAYMENT_BACKEND
    if name not in backends:
        raise ValueError(f"Unknown PAYMENT_BACKEND {name!r}; choose one of {sorted(backends)}.")
    return backends[name]()
