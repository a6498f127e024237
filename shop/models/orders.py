"""Orders: what a donor bought and gave, snapshotted at checkout, and its payment state.

Only shop/checkout.py creates orders; only shop/order_states.py changes their status, and it
writes each change to the order's history as it makes it. Staff write only `staff_notes`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Pending payment")
        PAID = "paid", _("Paid")
        FULFILLED = "fulfilled", _("Fulfilled")
        CANCELLED = "cancelled", _("Cancelled")

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
    # When the open Stripe payment page (payment_reference) closes: the order's hold ends then.
    payment_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    address_line1 = models.CharField(_("address"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address (line 2)"), max_length=200, blank=True)
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
    # The language the donor ordered in (the address's): every later e-mail and Stripe's
    # payment page speak it, whoever sets the order moving (shop/emails.py).
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="en", editable=False
    )
    staff_notes = models.TextField(
        blank=True,
        help_text=_(
            "For staff only: the donor never sees these notes. Write what the next person "
            "handling this order should know (a refund made, a parcel sent again…)."
        ),
    )

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
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
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


class OrderHistoryEntry(models.Model):
    """One step of an order's life: what happened, the status it left, who did it and when.

    Written by shop/order_states.py in the same transaction as the change itself, so the history
    never shows a step that did not happen. `by` keeps who it was as shown at the time, so the
    entry still reads right once a staff account is deleted.
    """

    class Step(models.TextChoices):
        # The names of shop.order_states.TRANSITIONS (a test keeps the two in step).
        MARK_PAID = "mark_paid", _("Marked paid")
        FULFIL = "fulfil", _("Marked fulfilled")
        CANCEL = "cancel", _("Cancelled")
        EXPIRE = "expire", _("Cancelled: not paid in time")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="history")
    step = models.CharField(max_length=20, choices=Step.choices)
    status = models.CharField(_("status after"), max_length=20, choices=Order.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = _("order history entries")

    def __str__(self):
        return f"{self.order_id}: {self.get_step_display()} by {self.by or 'unknown'}"

    @staticmethod
    def name_of(by):
        """How `by` (a user, a label such as "Stripe", or None) is kept: (user or None, name)."""
        if by is None or isinstance(by, str):
            return None, by or ""
        full_name = by.get_full_name() if hasattr(by, "get_full_name") else ""
        return by, full_name or by.get_username()


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
