"""Carts live in the database; the visitor holds only the cart's id, in a signed cookie.

Only shop/cart.py writes these rows (and shop/housekeeping.py deletes stale ones);
shop/middleware.py decides which cart is the visitor's. A donation is its own kind of line,
stored on the cart as `donation_amount` (one per cart; a new one replaces the previous one).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cart(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SUBMITTED = "submitted", _("Submitted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    donation_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not a column: the count from the last review in this request, kept by shop/cart.py so
    # the middleware need not count again (None: not counted, or changed since).
    counted = None

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(donation_amount__isnull=True) | models.Q(donation_amount__gt=0),
                name="cart_donation_positive",
            )
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="cart_status_updated_idx")]

    def __str__(self):
        return f"Cart {str(self.id)[:8]} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_new(self):
        """Not stored yet: a visitor's cart before their first add (a GET never stores one)."""
        return self._state.adding


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    # A deleted product or variant leaves the line behind with its name, so the cart can say
    # what went.
    variant = models.ForeignKey(
        "shop.Variant", on_delete=models.SET_NULL, null=True, related_name="cart_lines"
    )
    name = models.CharField(max_length=200, help_text=_("The variant's full name when added."))
    quantity = models.PositiveIntegerField()
    unit_price_seen = models.DecimalField(
        max_digits=8, decimal_places=2, help_text=_("The price when the visitor last saw it.")
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cartline_one_per_variant"),
            # The bound is part of the schema: changing CART_MAX_QUANTITY needs a migration.
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=settings.CART_MAX_QUANTITY),
                name="cartline_quantity_in_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.name}"
