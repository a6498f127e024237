"""Placing an order: the only code that turns a cart into an order.

One transaction: lock the cart; a cart already submitted returns its order (a double click makes
one order); every line is checked with the purchase rule; stock is taken with conditional updates
in variant-id order (the last item is sold once, and two checkouts cannot deadlock); names and
prices are snapshotted; the cart is marked submitted; emails go after commit.

Nothing here fixes a cart: a problem found inside the transaction is raised as data
(`CheckoutProblem.problems`) and the transaction rolls back; the caller reconciles the cart
afterwards, outside it, where the fix is kept.
"""

import secrets
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F

from freedomstory.core.languages import active_language
from freedomstory.core.pagecache import invalidate_public_pages
from shop import cart as cart_service
from shop import emails, holds
from shop.models import Cart, Order, OrderLine, Variant
from shop.problems import Kind, Problem


class CheckoutProblem(Exception):
    """Something in the cart changed or ran out: the donor goes back to the cart to see what."""

    def __init__(self, problems):
        super().__init__(", ".join(problem.kind for problem in problems))
        self.problems = list(problems)  # shop.problems.Problem


@dataclass
class Donor:
    name: str
    email: str
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""
    note: str = ""


def place_order(visitor_cart, donor, payment_backend, allowance=None):
    """Turn `visitor_cart` into an order and return it; on success the cart is marked submitted.

    `allowance(lines)`, when given, is a context manager around taking the stock, given the
    lines as reviewed under the cart's lock (shop/order_limits.py: what is counted is what is
    placed, whatever another tab added meanwhile); it may refuse by raising."""
    if visitor_cart.is_new:
        raise CheckoutProblem([Problem(Kind.EMPTY_CART)])
    with transaction.atomic():
        cart = Cart.objects.select_for_update().get(pk=visitor_cart.pk)
        if cart.status == Cart.Status.SUBMITTED:
            existing = Order.objects.filter(cart=cart).first()
            if existing:
                visitor_cart.status = cart.status
                return existing
            raise CheckoutProblem([Problem(Kind.ALREADY_CHECKED_OUT)])
        reviewed = cart_service.review(cart)
        if reviewed.problems:
            raise CheckoutProblem(reviewed.problems)
        if reviewed.is_empty:
            raise CheckoutProblem([Problem(Kind.EMPTY_CART)])
        with allowance(reviewed.lines) if allowance else nullcontext():
            order = _store(cart, reviewed, donor, payment_backend)
        order_pk = order.pk
        # Queued with the order (committed or rolled back with it); sent by a task, so the mail
        # server never holds the donor's request and never undoes the order.
        emails.queue_order_emails(order_pk)
        # Robust: the order is placed once this commits. A failure after it (the database gone
        # as the alert reads the order) is logged, and the donor still gets the order's page
        # instead of an error page that reads as if nothing were placed.
        transaction.on_commit(lambda: holds.alert_if_held_too_much(order_pk), robust=True)
        # Stock changed with update(), which sends no signal: shop pages must show it now.
        transaction.on_commit(invalidate_public_pages, robust=True)
    visitor_cart.status = cart.status  # so the visitor's cookies know the cart is done
    return order


def _store(cart, reviewed, donor, payment_backend):
    """The order, its lines and the stock it takes; the cart marked submitted."""
    _take_stock(reviewed.lines)
    address = donor.address_line1 and reviewed.needs_shipping
    order = Order.objects.create(
        number=_provisional_number(),
        cart=cart,
        payment_backend=payment_backend,
        name=donor.name,
        email=donor.email,
        address_line1=donor.address_line1 if address else "",
        address_line2=donor.address_line2 if address else "",
        city=donor.city if address else "",
        postcode=donor.postcode if address else "",
        country=donor.country if address else "",
        note=donor.note,
        language=active_language(),
        currency=settings.SHOP_CURRENCY,
        merchandise_total=reviewed.merchandise_total,
        donation_amount=reviewed.donation or 0,
        total=reviewed.total,
    )
    order.number = f"FS-{10000 + order.pk}"
    order.save(update_fields=["number"])
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=item.product,
            variant=item.variant,
            product_name=item.product.name,
            variant_name=item.variant.name,
            sku=item.variant.sku,
            unit_price=item.unit_price,
            quantity=item.quantity,
        )
        for item in reviewed.lines
    )
    cart_service.mark_submitted(cart)
    return order


def _take_stock(reviewed_lines):
    for item in sorted(reviewed_lines, key=lambda reviewed: reviewed.variant.pk):
        variant, quantity = item.variant, item.quantity
        if variant.stock is None:
            continue
        taken = Variant.objects.filter(pk=variant.pk, stock__gte=quantity).update(
            stock=F("stock") - quantity
        )
        if not taken:
            # Raising rolls back whatever stock this checkout already took.
            raise CheckoutProblem([Problem(Kind.TAKEN_MEANWHILE, variant.full_name)])


def _provisional_number():
    # Unique until the real number, made from the order's id, replaces it in the same transaction.
    return f"TMP-{secrets.token_hex(6)}"
