"""Orders: what a donor bought and gave, snapshotted at checkout, and its payment state.

Only shop/checkout.py creates orders; only shop/order_states.py changes their status.
"""

import secrets

from django.db import models
from django.urls import reverse


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Pending payment"
        PAID = "paid", "Paid"
        FULFILLED = "fulfilled", "Fulfilled"
        CANCELLED = "cancelled", "Cancelled"

    number = models.CharField(max_length=20, unique=True, editable=False)
    # Set on first save, not as a callable default, so migrations need no project code.
    token = models.CharField(max_length=64, unique=True, editable=False)
    # One order per cart: a second submit of the same cart finds this one instead.
    cart = models.OneToOneField("shop.Cart", on_delete=models.PROTECT, related_name="order")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT, db_index=True
    )
    payment_backend = models.CharField(max_length=20)
    payment_reference = models.CharField(max_length=255, blank=True)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    address_line1 = models.CharField("address", max_length=200, blank=True)
    address_line2 = models.CharField("address (line 2)", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True, max_length=1000)
    currency = models.CharField(max_length=3)
    merchandise_total = models.DecimalField(max_digits=10, decimal_places=2)
    donation_amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    stock_returned = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("shop:order", args=[self.token])

    @property
    def needs_shipping(self):
        return bool(self.address_line1)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "shop.Product", on_delete=models.SET_NULL, null=True, related_name="order_lines"
    )
    variant = models.ForeignKey(
        "shop.Variant", on_delete=models.SET_NULL, null=True, related_name="order_lines"
    )
    product_name = models.CharField(max_length=120)
    # The chosen options as the donor saw them ("M, Black"); empty for a product without options.
    variant_name = models.CharField(max_length=120, blank=True)
    sku = models.CharField("SKU", max_length=64, blank=True)
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} × {self.name}"

    @property
    def name(self):
        """What was bought, as one line: "Freedom Story T-shirt – M, Black"."""
        if self.variant_name:
            return f"{self.product_name} – {self.variant_name}"
        return self.product_name

    @property
    def line_total(self):
        return self.unit_price * self.quantity


class PaymentEvent(models.Model):
    """Every verified event from a payment provider, once: a redelivery finds its id here."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=100)
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, related_name="events")
    monthly_gift = models.ForeignKey(
        "shop.MonthlyGift", on_delete=models.SET_NULL, null=True, related_name="events"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="payment_event_once")
        ]

    def __str__(self):
        return f"{self.provider} {self.event_type} {self.event_id}"
