"""The cart: the only code that writes carts and their lines.

Every function takes a cart, never a request: who the visitor is and which cart is theirs is
the business of shop/middleware.py, which puts the cart on `request.cart` (a new visitor gets an
unsaved cart, stored on their first add, so a GET never makes one). Results are data (`Result`,
`Problem`); shop/wording.py turns them into sentences.

Adding is one atomic upsert, so quick double clicks and parallel requests add up instead of
overwriting each other. A line is one variant of a product (a product without options has
one). Prices always come from the variant, through the purchase rule, never from the request.
Reading never writes: `review` only looks, `reconcile` applies what the review found, and only
the views that decide to call it (the cart page, checkout) do. Every change locks the cart row
first, so it waits for a checkout of the same cart in progress.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from shop import purchase
from shop.models import Cart, CartLine
from shop.problems import Kind, Problem, removes_line

# --- Reading ------------------------------------------------------------------------------------


@dataclass
class ReviewedLine:
    line: CartLine
    verdict: purchase.Verdict

    @property
    def variant(self):
        return self.line.variant

    @property
    def product(self):
        return self.line.variant.product

    @property
    def name(self):
        """What the donor is buying: "Freedom Story T-shirt – M, Black"."""
        return self.line.variant.full_name

    @property
    def quantity(self):
        """What the donor can have of this line now (the purchase rule may have lowered it)."""
        return self.verdict.quantity

    @property
    def unit_price(self):
        return self.verdict.unit_price

    @property
    def total(self):
        return self.unit_price * self.quantity


@dataclass
class CartReview:
    """The cart as it can be bought now, and what differs from what the donor last saw."""

    lines: list = field(default_factory=list)  # lines that can still be bought
    donation: Decimal | None = None
    problems: list = field(default_factory=list)
    fixes: list = field(default_factory=list, repr=False)  # (line, problem): what reconcile does

    @property
    def merchandise_total(self):
        return sum((reviewed.total for reviewed in self.lines), Decimal("0.00"))

    @property
    def total(self):
        return self.merchandise_total + (self.donation or Decimal("0.00"))

    @property
    def count(self):
        """The one count rule (header, count cookie, summary): units the donor can have now,
        and a donation as one item."""
        return sum(reviewed.quantity for reviewed in self.lines) + (1 if self.donation else 0)

    @property
    def is_empty(self):
        return not self.lines and not self.donation

    @property
    def needs_shipping(self):
        return any(reviewed.product.is_physical for reviewed in self.lines)


def review(cart, pictures=True):
    """Check every line with the purchase rule. Changes nothing; returns what it found.

    `pictures` prefetches the products' images, for pages that show them.
    """
    result = CartReview(donation=cart.donation_amount)
    if cart.is_new:
        cart.counted = result.count
        return result
    lines = cart.lines.select_related(
        "variant__product", "variant__value1", "variant__value2"
    ).defer("variant__product__description")
    if pictures:
        lines = lines.prefetch_related("variant__product__images")
    held = {}  # product id -> units the lines before this one keep (the earliest lines first)
    for line in lines:
        product_id = line.variant.product_id if line.variant else None
        others = held.get(product_id, 0)
        verdict = purchase.check(line.variant, line.quantity, name=line.name, others=others)
        held[product_id] = others + verdict.quantity
        if verdict.problem is not None:
            result.problems.append(verdict.problem)
            result.fixes.append((line, verdict.problem))
        if verdict.quantity == 0:
            continue
        if verdict.unit_price != line.unit_price_seen:
            change = Problem(
                Kind.PRICE_CHANGED,
                line.variant.full_name,
                was=line.unit_price_seen,
                now=verdict.unit_price,
            )
            result.problems.append(change)
            result.fixes.append((line, change))
        result.lines.append(ReviewedLine(line, verdict))
    cart.counted = result.count
    return result


def count(cart):
    """The cart's count by the one rule; the last review's, unless the cart changed since."""
    if cart.counted is None:
        review(cart, pictures=False)
    return cart.counted


# --- Writing ------------------------------------------------------------------------------------


def reconcile(cart):
    """Review the cart and make it what the review says can be bought; return the review.

    Lines that cannot be bought go, quantities above what is left come down, and the price the
    donor has now seen is remembered, so each change is reported once.
    """
    reviewed = review(cart)
    for line, problem in reviewed.fixes:
        if removes_line(problem):
            CartLine.objects.filter(pk=line.pk).delete()
        elif problem.kind == Kind.PRICE_CHANGED:
            CartLine.objects.filter(pk=line.pk).update(unit_price_seen=problem.now)
        else:
            CartLine.objects.filter(pk=line.pk).update(quantity=problem.allowed)
    if reviewed.fixes:
        _touch(cart)
        cart.counted = reviewed.count  # the review already counted the cart as now fixed
    return reviewed


class Action(StrEnum):
    ADD = "add"
    UPDATE = "update"
    REMOVE = "remove"
    SET_DONATION = "set_donation"
    REMOVE_DONATION = "remove_donation"


@dataclass(frozen=True)
class Result:
    """What a change did. `ok` is False when it was refused (or the line had to go)."""

    action: Action
    ok: bool
    name: str = ""
    requested: int = 0
    added: int = 0
    holds: int = 0  # the line's quantity after the change
    amount: Decimal | None = None
    replaced: bool = False  # a donation that replaced an earlier one
    problem: Problem | None = None


@transaction.atomic
def add(cart, variant, quantity):
    name = variant.full_name
    verdict = purchase.check(variant, quantity)
    if verdict.quantity == 0:
        return Result(Action.ADD, False, name, quantity, problem=verdict.problem)
    _lock_or_start(cart)
    others = _others_of_product(cart, variant)
    most = purchase.most_allowed(variant, others)
    if most == 0:  # the product's other lines already hold all one order may
        refused = purchase.check(variant, quantity, others=others).problem
        return Result(Action.ADD, False, name, quantity, problem=refused)
    before = (
        CartLine.objects.filter(cart=cart, variant=variant)
        .values_list("quantity", flat=True)
        .first()
        or 0
    )
    after = _upsert_line(cart, variant, quantity, most)
    added = after - before
    limit = (
        purchase.check(variant, before + quantity, others=others).problem
        if added < quantity
        else None
    )
    return Result(Action.ADD, True, name, quantity, added, after, problem=limit)


@transaction.atomic
def update(cart, variant, quantity):
    """Set a line's quantity; 0 removes it."""
    if quantity == 0:
        return remove(cart, variant)
    name = variant.full_name
    lines = _lines_of(cart, variant)
    if not lines.exists():
        return Result(Action.UPDATE, False, name, quantity, problem=_not_in_cart(variant))
    verdict = purchase.check(variant, quantity, others=_others_of_product(cart, variant))
    if verdict.quantity == 0:
        lines.delete()
        return Result(Action.UPDATE, False, name, quantity, problem=verdict.problem)
    lines.update(quantity=verdict.quantity, unit_price_seen=verdict.unit_price)
    return Result(
        Action.UPDATE, True, name, quantity, holds=verdict.quantity, problem=verdict.problem
    )


@transaction.atomic
def remove(cart, variant):
    name = variant.full_name
    deleted = _lines_of(cart, variant).delete()[0]
    if not deleted:
        return Result(Action.REMOVE, False, name, problem=_not_in_cart(variant))
    return Result(Action.REMOVE, True, name)


@transaction.atomic
def set_donation(cart, amount):
    """Give `amount`; it replaces an earlier donation in the same cart."""
    problem = purchase.check_gift(amount)
    if problem is not None:
        return Result(Action.SET_DONATION, False, amount=amount, problem=problem)
    _lock_or_start(cart)
    replaced = cart.donation_amount is not None
    Cart.objects.filter(pk=cart.pk).update(donation_amount=amount)
    cart.donation_amount = amount
    return Result(Action.SET_DONATION, True, amount=amount, replaced=replaced)


@transaction.atomic
def remove_donation(cart):
    if not _lock(cart) or cart.donation_amount is None:
        return Result(Action.REMOVE_DONATION, False, problem=Problem(Kind.NO_DONATION))
    Cart.objects.filter(pk=cart.pk).update(donation_amount=None)
    cart.donation_amount = None
    return Result(Action.REMOVE_DONATION, True)


def mark_submitted(cart):
    """Open → submitted, once. True if this call made the change."""
    changed = Cart.objects.filter(pk=cart.pk, status=Cart.Status.OPEN).update(
        status=Cart.Status.SUBMITTED, updated_at=timezone.now()
    )
    cart.status = Cart.Status.SUBMITTED
    return bool(changed)


def _others_of_product(cart, variant):
    """Units of `variant`'s product in the cart's other lines."""
    others = CartLine.objects.filter(cart=cart, variant__product_id=variant.product_id).exclude(
        variant=variant
    )
    return others.aggregate(units=Sum("quantity"))["units"] or 0


def _not_in_cart(variant):
    return Problem(Kind.NOT_IN_CART, variant.full_name)


def _lock(cart):
    """Lock a stored, open cart until the change commits; False if it is not open any more.

    One UPDATE both marks the cart as changed and takes its row lock, so a change waits for a
    checkout of the same cart in progress, and no line is added to a cart at the moment it
    becomes an order (it would vanish with it).
    """
    if cart.is_new:
        return False
    cart.counted = None  # the cart is about to change: the next count reviews it again
    return bool(
        Cart.objects.filter(pk=cart.pk, status=Cart.Status.OPEN).update(updated_at=timezone.now())
    )


def _lines_of(cart, variant):
    """The cart's line for `variant`, with the cart locked; none when the cart is not open."""
    if not _lock(cart):
        return CartLine.objects.none()
    return CartLine.objects.filter(cart=cart, variant=variant)


def _lock_or_start(cart):
    """Lock the visitor's open cart, or store a new one: on the first add, or when the cart
    became an order meanwhile (the middleware then gives the visitor the new one)."""
    if _lock(cart):
        return
    if not cart.is_new:
        cart.pk = uuid.uuid4()
        cart.status = Cart.Status.OPEN
        cart.donation_amount = None
        cart._state.adding = True
    cart.save(force_insert=True)


def _touch(cart):
    cart.counted = None  # the cart changed: the next count reviews it again
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


def _prep(model, field_name, value):
    return model._meta.get_field(field_name).get_db_prep_save(value, connection)


def _upsert_line(cart, variant, quantity, most):
    """Add `quantity` to the cart's line for `variant` in one statement; return the new quantity."""
    table = connection.ops.quote_name(CartLine._meta.db_table)
    smaller = "LEAST" if connection.vendor == "postgresql" else "MIN"  # SQLite's scalar MIN
    sql = (
        f"INSERT INTO {table} (cart_id, variant_id, name, quantity, unit_price_seen, "
        "added_at) VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (cart_id, variant_id) DO UPDATE SET "
        f"quantity = {smaller}({table}.quantity + excluded.quantity, %s) "
        "RETURNING quantity"
    )
    params = [
        _prep(CartLine, "cart", cart.pk),
        variant.pk,
        variant.full_name[:200],
        min(quantity, most),
        _prep(CartLine, "unit_price_seen", variant.unit_price),
        _prep(CartLine, "added_at", timezone.now()),
        most,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
