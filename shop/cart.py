"""The cart service: the only code that writes carts and their lines.

The visitor's browser holds only the cart's id, in a signed cookie written once, when the first
line is added (a GET never makes a cart). Adding is one atomic upsert, so quick double clicks and
parallel requests add up instead of overwriting each other. Prices always come from the product,
through the purchase rule, never from the request.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.db import connection, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from shop import purchase
from shop.models import Cart, CartLine
from shop.money import format_money

COOKIE_SALT = "shop.cart"
COOKIE_MAX_AGE = 60 * 60 * 24 * 30


# --- Reading ------------------------------------------------------------------------------------


def _cart_id_from_cookie(request):
    value = request.get_signed_cookie(settings.CART_COOKIE_NAME, default=None, salt=COOKIE_SALT)
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def get_cart(request, include_submitted=False):
    """The visitor's open cart, or None. Never creates one; a forged cookie is no cart.

    Checkout asks with include_submitted, to find the order of a cart submitted a moment ago.
    """
    if include_submitted:
        cart_id = _cart_id_from_cookie(request)
        return Cart.objects.filter(pk=cart_id).first() if cart_id else None
    if not hasattr(request, "_shop_cart"):
        cart_id = _cart_id_from_cookie(request)
        request._shop_cart = (
            Cart.objects.filter(pk=cart_id, status=Cart.Status.OPEN).first() if cart_id else None
        )
    return request._shop_cart


def item_count(cart):
    """What the header counts: quantities of lines still on sale, and a gift as one item."""
    if cart is None:
        return 0
    quantities = cart.lines.filter(product__is_active=True).aggregate(total=Sum("quantity"))
    return (quantities["total"] or 0) + (1 if cart.donation_amount else 0)


def count_text(count):
    return f"{count} item{'' if count == 1 else 's'} in cart"


@dataclass
class ReviewedLine:
    line: CartLine
    unit_price: Decimal

    @property
    def total(self):
        return self.unit_price * self.line.quantity


@dataclass
class CartReview:
    lines: list = field(default_factory=list)
    donation: Decimal | None = None
    notices: list = field(default_factory=list)

    @property
    def merchandise_total(self):
        return sum((reviewed.total for reviewed in self.lines), Decimal("0.00"))

    @property
    def total(self):
        return self.merchandise_total + (self.donation or Decimal("0.00"))

    @property
    def count(self):
        return sum(reviewed.line.quantity for reviewed in self.lines) + (1 if self.donation else 0)

    @property
    def is_empty(self):
        return not self.lines and not self.donation

    @property
    def needs_shipping(self):
        return any(reviewed.line.product.is_physical for reviewed in self.lines)


def review(cart):
    """Check every line with the purchase rule; fix what changed and say so (problems as data).

    Lines whose product was deleted, taken off sale or sold out are removed; quantities above
    what is left are lowered; a price that changed since the visitor saw it is noted once.
    """
    result = CartReview(donation=cart.donation_amount if cart else None)
    if cart is None:
        return result
    lines = list(cart.lines.select_related("product").prefetch_related("product__images"))
    for line in lines:
        verdict = purchase.check(line.product, line.quantity)
        if verdict.quantity == 0:
            gone = (
                verdict.problem
                if line.product is not None
                else f"“{line.product_name}” is no longer available."
            )
            result.notices.append(f"{gone} We removed it from your cart.")
            line.delete()
            continue
        changes = {}
        if verdict.quantity < line.quantity:
            result.notices.append(f"{verdict.problem} We changed your cart to {verdict.quantity}.")
            changes["quantity"] = verdict.quantity
        if verdict.unit_price != line.unit_price_seen:
            result.notices.append(
                f"The price of “{line.product.name}” changed from "
                f"{format_money(line.unit_price_seen)} to {format_money(verdict.unit_price)}."
            )
            changes["unit_price_seen"] = verdict.unit_price
        if changes:
            CartLine.objects.filter(pk=line.pk).update(**changes)
            for name, value in changes.items():
                setattr(line, name, value)
        result.lines.append(ReviewedLine(line, verdict.unit_price))
    return result


def summary(cart, reviewed=None):
    """The cart as the mini-cart and the JavaScript see it (JSON-ready)."""
    reviewed = reviewed or review(cart)
    lines = []
    for item in reviewed.lines:
        product = item.line.product
        picture = product.picture
        lines.append(
            {
                "product": product.pk,
                "name": product.name,
                "url": product.get_absolute_url(),
                "image": picture.src if picture else None,
                "quantity": item.line.quantity,
                "unit_price": format_money(item.unit_price),
                "line_total": format_money(item.total),
            }
        )
    return {
        "count": reviewed.count,
        "count_text": count_text(reviewed.count),
        "is_empty": reviewed.is_empty,
        "lines": lines,
        "donation": format_money(reviewed.donation) if reviewed.donation else None,
        "subtotal": format_money(reviewed.merchandise_total),
        "total": format_money(reviewed.total),
        "notices": reviewed.notices,
        "checkout_url": None if reviewed.is_empty else reverse("shop:checkout"),
    }


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    level: int
    message: str

    @property
    def ok(self):
        return self.level < messages.ERROR


def _cart_for_writing(request):
    cart = get_cart(request)
    if cart is None:
        cart = Cart.objects.create()
        request._shop_cart = cart
        request._shop_cart_is_new = True
    return cart


def _touch(cart):
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


def _prep(model, field_name, value):
    return model._meta.get_field(field_name).get_db_prep_save(value, connection)


def _upsert_line(cart, product, quantity, most):
    """Add `quantity` to the cart's line for `product` in one statement; return the new quantity."""
    table = connection.ops.quote_name(CartLine._meta.db_table)
    smaller = "LEAST" if connection.vendor == "postgresql" else "MIN"  # SQLite's scalar MIN
    sql = (
        f"INSERT INTO {table} (cart_id, product_id, product_name, quantity, unit_price_seen, "
        "added_at) VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (cart_id, product_id) DO UPDATE SET "
        f"quantity = {smaller}({table}.quantity + excluded.quantity, %s) "
        "RETURNING quantity"
    )
    params = [
        _prep(CartLine, "cart", cart.pk),
        product.pk,
        product.name[:120],
        min(quantity, most),
        _prep(CartLine, "unit_price_seen", product.price),
        _prep(CartLine, "added_at", timezone.now()),
        most,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def add(request, product, quantity):
    verdict = purchase.check(product, quantity)
    if verdict.quantity == 0:
        return Outcome(messages.ERROR, verdict.problem)
    cart = _cart_for_writing(request)
    most = purchase.most_allowed(product)
    before = (
        CartLine.objects.filter(cart=cart, product=product)
        .values_list("quantity", flat=True)
        .first()
        or 0
    )
    after = _upsert_line(cart, product, quantity, most)
    _touch(cart)
    added = after - before
    if added < quantity:
        limit = purchase.check(product, before + quantity).problem
        if added <= 0:
            return Outcome(messages.WARNING, f"{limit} Your cart already holds {after}.")
        return Outcome(messages.WARNING, f"{limit} We added {added}; your cart now holds {after}.")
    return Outcome(messages.SUCCESS, f"Added {quantity} × “{product.name}” to your cart.")


def update(request, product, quantity):
    """Set a line's quantity; 0 removes it."""
    cart = get_cart(request)
    if quantity == 0:
        return remove(request, product)
    line_exists = cart is not None and cart.lines.filter(product=product).exists()
    if not line_exists:
        return Outcome(messages.ERROR, f"“{product.name}” is not in your cart.")
    verdict = purchase.check(product, quantity)
    if verdict.quantity == 0:
        CartLine.objects.filter(cart=cart, product=product).delete()
        _touch(cart)
        return Outcome(messages.ERROR, f"{verdict.problem} We removed it from your cart.")
    CartLine.objects.filter(cart=cart, product=product).update(
        quantity=verdict.quantity, unit_price_seen=verdict.unit_price
    )
    _touch(cart)
    if verdict.problem:
        return Outcome(messages.WARNING, f"{verdict.problem} Your cart holds {verdict.quantity}.")
    return Outcome(messages.SUCCESS, f"Your cart now holds {verdict.quantity} of “{product.name}”.")


def remove(request, product):
    cart = get_cart(request)
    deleted = CartLine.objects.filter(cart=cart, product=product).delete()[0] if cart else 0
    if not deleted:
        return Outcome(messages.ERROR, f"“{product.name}” is not in your cart.")
    _touch(cart)
    return Outcome(messages.SUCCESS, f"Removed “{product.name}” from your cart.")


def set_donation(request, amount):
    """Give `amount` as a gift; it replaces an earlier gift in the same cart."""
    if not settings.DONATION_MIN <= amount <= settings.DONATION_MAX:
        return Outcome(
            messages.ERROR,
            f"A gift can be from {format_money(settings.DONATION_MIN)} to "
            f"{format_money(settings.DONATION_MAX)}.",
        )
    cart = _cart_for_writing(request)
    replaced = cart.donation_amount is not None
    Cart.objects.filter(pk=cart.pk).update(donation_amount=amount, updated_at=timezone.now())
    cart.donation_amount = amount
    verb = "Your gift is now" if replaced else "Thank you! We added a gift of"
    return Outcome(messages.SUCCESS, f"{verb} {format_money(amount)}.")


def remove_donation(request):
    cart = get_cart(request)
    if cart is None or cart.donation_amount is None:
        return Outcome(messages.ERROR, "There is no gift in your cart.")
    Cart.objects.filter(pk=cart.pk).update(donation_amount=None, updated_at=timezone.now())
    cart.donation_amount = None
    return Outcome(messages.SUCCESS, "We removed the gift from your cart.")


def mark_submitted(cart):
    """Open → submitted, once. True if this call made the change."""
    changed = Cart.objects.filter(pk=cart.pk, status=Cart.Status.OPEN).update(
        status=Cart.Status.SUBMITTED, updated_at=timezone.now()
    )
    cart.status = Cart.Status.SUBMITTED
    return bool(changed)


def remember(request, response, count=None):
    """Write the cart cookie once (a new cart) and the readable count after every change.

    Callers that have just counted the cart (a summary, a review) pass `count` to save a query.
    """
    cart = get_cart(request)
    if getattr(request, "_shop_cart_is_new", False):
        response.set_signed_cookie(
            settings.CART_COOKIE_NAME,
            str(cart.pk),
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.HTTPS,
        )
    response.set_cookie(
        settings.CART_COUNT_COOKIE_NAME,
        str(item_count(cart) if count is None else count),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.HTTPS,
    )
    return response


def forget(response):
    """After checkout: the browser no longer has a cart."""
    response.delete_cookie(settings.CART_COOKIE_NAME, samesite="Lax")
    response.set_cookie(settings.CART_COUNT_COOKIE_NAME, "0", samesite="Lax", secure=settings.HTTPS)
    return response


@transaction.atomic
def clear_stale_carts(now=None):
    """Delete empty carts older than a few hours and open carts untouched for weeks."""
    now = now or timezone.now()
    empty_cutoff = now - timedelta(hours=settings.CART_EMPTY_MAX_AGE_HOURS)
    open_cutoff = now - timedelta(days=settings.CART_OPEN_MAX_AGE_DAYS)
    empty = Cart.objects.filter(
        status=Cart.Status.OPEN,
        lines__isnull=True,
        donation_amount__isnull=True,
        updated_at__lt=empty_cutoff,
    )
    empty_count = (
        Cart.objects.filter(pk__in=list(empty.values_list("pk", flat=True)))
        .delete()[1]
        .get("shop.Cart", 0)
    )
    abandoned_count = (
        Cart.objects.filter(status=Cart.Status.OPEN, updated_at__lt=open_cutoff)
        .delete()[1]
        .get("shop.Cart", 0)
    )
    return empty_count, abandoned_count
