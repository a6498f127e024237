"""Order states and their transitions, in one place.

pending payment → paid → fulfilled; pending payment or paid → cancelled (by staff); pending
payment → cancelled when no payment came in time (expired). Each transition is one conditional
UPDATE, so two staff clicks or a webhook racing an admin action apply it once. Cancelling gives
the stock back, exactly once. A transition that happened tells the donor by e-mail once it is
committed; one that was refused, or rolled back, tells nobody anything.

Each transition that happened is written to the order's history (OrderHistoryEntry) in the same
transaction: who did it (`by`: a staff user, or a label such as "Stripe" for the automatic
actors) and when. A refused transition writes nothing.
"""

from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from freedomstory.core.pagecache import invalidate_public_pages
from freedomstory.core.tasks import enqueue_with_transaction
from shop import emails, holds
from shop.models import Order, OrderHistoryEntry, Variant
from shop.payments import get_backend

Status = Order.Status

TRANSITIONS = {
    "mark_paid": ({Status.PENDING_PAYMENT}, Status.PAID, "paid_at"),
    "fulfil": ({Status.PAID}, Status.FULFILLED, "fulfilled_at"),
    "cancel": ({Status.PENDING_PAYMENT, Status.PAID}, Status.CANCELLED, "cancelled_at"),
    # Only from pending: an order paid while the expiry job runs stays paid.
    "expire": ({Status.PENDING_PAYMENT}, Status.CANCELLED, "cancelled_at"),
}


def transition(order, name, by=None, where=None):
    """Apply transition `name` to `order`; True if it happened, False if the state forbade it.

    `by` is who asks: the staff user, or a label for an automatic actor ("Stripe"). `where`, a
    Q, must still hold for the order at the moment of the change (the expiry job's reason).
    """
    sources, target, stamp = TRANSITIONS[name]
    now = timezone.now()
    with transaction.atomic():
        still = Q(pk=order.pk, status__in=sources) & (where or Q())
        changed = Order.objects.filter(still).update(status=target, **{stamp: now})
        if changed and target == Status.CANCELLED:
            return_stock(order)
        if changed:
            user, who = OrderHistoryEntry.name_of(by)
            OrderHistoryEntry.objects.create(
                order_id=order.pk, step=name, status=target, user=user, by=who, at=now
            )
            # A task: an e-mail that fails is retried and logged, and the transition stands.
            enqueue_with_transaction(emails.send_order_update, order.pk, name)
            # Fewer units held now: a variant's alert may be forgotten, to be sent on a new rise.
            transaction.on_commit(partial(holds.alert_if_held_too_much, order.pk), robust=True)
    order.refresh_from_db()
    return bool(changed)


def return_stock(order):
    """Put the order's items back on the shelf, once, whatever calls this how often."""
    with transaction.atomic():
        if not Order.objects.filter(pk=order.pk, stock_returned=False).update(stock_returned=True):
            return False
        for line in order.lines.filter(variant__isnull=False).order_by("variant_id"):
            Variant.objects.filter(pk=line.variant_id, stock__isnull=False).update(
                stock=F("stock") + line.quantity
            )
        # update() sends no signal: the shop's pages must show the items available again.
        transaction.on_commit(invalidate_public_pages)
    return True


def expire_unpaid_orders(now=None):
    """Cancel unpaid orders whose hold is over (shop/holds.py: bank transfers after
    ORDER_UNPAID_EXPIRY_HOURS, card orders once Stripe says their payment page closed unpaid);
    return how many."""
    expired = holds.expired_unpaid(now)
    stale = Order.objects.filter(expired)
    # `where`: a card order that opened a payment page since this list was read stays.
    expire = partial(transition, name="expire", by="Automatic expiry", where=expired)
    return sum(
        expire(order)
        for order in stale.order_by("pk")
        if get_backend(order.payment_backend).may_expire(order)
    )
