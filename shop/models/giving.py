"""Giving outside the cart: what each suggested amount pays for, and monthly gifts.

A one-time gift is a line of the cart (Cart.donation_amount) and becomes part of an order. A
monthly gift is a Stripe subscription: it never passes through the cart, and only
shop/monthly.py changes its status (from what Stripe's verified events say).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class GiftImpact(models.Model):
    """One line on the Donate page saying what a suggested amount pays for."""

    amount = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        unique=True,
        help_text=_("One of the amounts the Donate page suggests (DONATION_PRESETS)."),
    )
    text = models.CharField(
        _("what it pays for"),
        max_length=160,
        help_text=_("One short line, e.g. “A month of school transport for one child”."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["amount"]
        verbose_name = _("suggested gift")

    def __str__(self):
        return f"{self.amount}: {self.text}"


class MonthlyGift(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not set up yet")  # the donor has not finished on Stripe's page
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Past due")  # the last payment failed; Stripe retries
        CANCELLED = "cancelled", _("Cancelled")

    # The secret in the donor's address for this gift (its page, the link in every receipt).
    token = models.CharField(max_length=64, unique=True, editable=False)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    # The language the donor began the gift in: its receipts and Stripe's page speak it.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="en", editable=False
    )
    checkout_session_id = models.CharField(max_length=255, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    last_paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # When Stripe sent the event that last set or confirmed the status (shop/monthly.py).
    status_as_of = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.amount} {self.currency} a month from {self.email or 'a donor'}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("shop:monthly_gift", args=[self.token])


class MonthlyGiftPayment(models.Model):
    """One paid Stripe invoice of a monthly gift: the receipt the donor was sent."""

    gift = models.ForeignKey(MonthlyGift, on_delete=models.PROTECT, related_name="payments")
    invoice_id = models.CharField(max_length=255, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    paid_at = models.DateTimeField()

    class Meta:
        ordering = ["-paid_at"]

    def __str__(self):
        return f"{self.amount} on {self.paid_at:%Y-%m-%d}"
