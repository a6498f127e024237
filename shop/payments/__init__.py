"""Payment backends: a small interface, chosen by settings.PAYMENT_BACKEND.

A backend says where the donor goes after placing an order (`start`) and what the order page
tells them (`instructions`). Payment confirmation arrives separately: staff in the admin
(offline) or a verified webhook (stripe).
"""

from django.conf import settings


class PaymentBackend:
    name = ""
    label = ""
    before_order_text = ""  # next to the Place order button: how the donor will pay

    def start(self, order, request):
        """The address to send the donor to once the order exists."""
        return order.get_absolute_url()

    def instructions(self, order):
        return ""


def get_backend(name=None):
    from shop.payments.offline import OfflineBackend
    from shop.payments.stripe import StripeBackend

    backends = {backend.name: backend for backend in (OfflineBackend, StripeBackend)}
    name = name or settings.PAYMENT_BACKEND
    if name not in backends:
        raise ValueError(f"Unknown PAYMENT_BACKEND {name!r}; choose one of {sorted(backends)}.")
    return backends[name]()
