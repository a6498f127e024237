"""An order's history: every transition that happened, who made it and when, written with the
change itself; nothing for a refused or rolled-back one. Staff, Stripe and the expiry job each
leave their name."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from shop import order_states
from shop.models import Order, OrderHistoryEntry
from tests.news.factories import make_staff
from tests.shop.order_factories import make_order
from tests.shop.stripe_events import (  # noqa: F401  (stripe_keys is a fixture)
    completed_event,
    deliver,
    stripe_keys,
)

pytestmark = pytest.mark.django_db
S = Order.Status


def steps(order):
    return list(order.history.values_list("step", "status", "by"))


def test_every_transition_has_a_step_for_the_history():
    """A transition added to the table without a history label would show staff its code name."""
    assert set(order_states.TRANSITIONS) == set(OrderHistoryEntry.Step.values)


def test_a_staff_transition_records_who_made_it_and_when():
    nok = make_staff("nok", first_name="Nok", last_name="Srisuk")
    order = make_order()
    before = timezone.now()
    assert order_states.transition(order, "mark_paid", by=nok)
    (entry,) = order.history.all()
    assert (entry.step, entry.status, entry.user, entry.by) == (
        "mark_paid",
        S.PAID,
        nok,
        "Nok Srisuk",
    )
    assert before <= entry.at <= timezone.now()
    assert entry.at == order.paid_at  # one moment: the status's stamp and the history agree


def test_a_staff_member_without_a_full_name_is_kept_by_username():
    order = make_order()
    order_states.transition(order, "cancel", by=make_staff("pim", first_name="", last_name=""))
    assert steps(order) == [("cancel", S.CANCELLED, "pim")]


def test_the_history_keeps_who_it_was_after_the_staff_account_is_deleted():
    nok = make_staff("nok", first_name="Nok", last_name="Srisuk")
    order = make_order()
    order_states.transition(order, "mark_paid", by=nok)
    nok.delete()
    (entry,) = order.history.all()
    assert entry.user is None and entry.by == "Nok Srisuk"


def test_a_refused_transition_writes_no_history():
    order = make_order()
    staff = make_staff()
    assert order_states.transition(order, "mark_paid", by=staff)
    assert not order_states.transition(order, "mark_paid", by=staff)
    assert not order_states.transition(order, "expire", by="Automatic expiry")
    assert steps(order) == [("mark_paid", S.PAID, "Nok Editor")]


def test_a_rolled_back_transition_leaves_no_history():
    order = make_order()
    with pytest.raises(RuntimeError), transaction.atomic():
        order_states.transition(order, "mark_paid", by="Stripe")
        raise RuntimeError("something after it failed")
    assert OrderHistoryEntry.objects.count() == 0
    assert Order.objects.get(pk=order.pk).status == S.PENDING_PAYMENT


def test_the_whole_life_of_an_order_reads_in_order():
    order = make_order()
    staff = make_staff()
    order_states.transition(order, "mark_paid", by="Stripe")
    order_states.transition(order, "fulfil", by=staff)
    assert steps(order) == [("mark_paid", S.PAID, "Stripe"), ("fulfil", S.FULFILLED, "Nok Editor")]


def test_the_expiry_job_signs_its_cancellations(settings):
    stale, fresh = make_order(), make_order()
    long_ago = timezone.now() - timedelta(hours=settings.ORDER_UNPAID_EXPIRY_HOURS + 1)
    Order.objects.filter(pk=stale.pk).update(created_at=long_ago)
    assert order_states.expire_unpaid_orders() == 1
    assert steps(stale) == [("expire", S.CANCELLED, "Automatic expiry")]
    assert steps(fresh) == []


@pytest.mark.usefixtures("stripe_keys")
def test_a_stripe_payment_is_recorded_as_made_by_stripe_once(client):
    order = make_order(backend="stripe")
    assert deliver(client, completed_event(order)).content == b"handled"
    assert deliver(client, completed_event(order, event_id="evt_again")).content == b"handled"
    assert steps(order) == [("mark_paid", S.PAID, "Stripe")]
    assert order.history.get().user is None
