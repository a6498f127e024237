"""A card order holds its stock only while its Stripe payment page is open (shop/holds.py): the
page's expiry, its `checkout.session.expired` event, the expiry job when the event is lost; and
a signed but malformed event is a 400, never a 500."""

import logging
import time
from datetime import timedelta

import pytest
import stripe
from django.core import mail
from django.utils import timezone

from shop import holds, order_states
from shop.models import Order, PaymentEvent
from shop.order_states import expire_unpaid_orders
from tests.shop.factories import make_product, stock_of
from tests.shop.order_factories import DONOR, client_with_cart, make_order
from tests.shop.stripe_events import deliver, event, signed, stripe_keys  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_keys")]


@pytest.fixture
def card_order(settings):
    """A card order of 2 shirts (10 in stock before it) whose payment page cs_current is open."""
    settings.PAYMENT_BACKEND = "stripe"
    order = make_order(backend="stripe")
    closes = timezone.now() + timedelta(minutes=31)
    Order.objects.filter(pk=order.pk).update(
        payment_reference="cs_current", payment_expires_at=closes
    )
    order.refresh_from_db()
    return order


def shirt_of(order):
    return order.lines.get().variant


def expired_event(order, session_id="cs_current", event_id="evt_expired"):
    session = {
        "id": session_id,
        "object": "checkout.session",
        "mode": "payment",
        "status": "expired",
        "client_reference_id": order.token,
    }
    return event("checkout.session.expired", session, event_id)


def test_a_payment_page_closes_after_the_set_minutes(client, settings, monkeypatch):
    settings.PAYMENT_BACKEND = "stripe"
    settings.STRIPE_CHECKOUT_EXPIRY_MINUTES = 30
    sent = {}

    def create(**kwargs):
        sent.update(kwargs)
        return {"id": "cs_1", "url": "https://checkout.stripe.test/1"}

    monkeypatch.setattr(stripe.checkout.Session, "create", create)
    client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    client.post("/checkout/", DONOR)
    ahead = sent["expires_at"] - time.time()
    assert 30 * 60 <= ahead <= 32 * 60  # Stripe's minimum is met, and little more is held
    order = Order.objects.get()
    assert order.payment_expires_at.timestamp() == sent["expires_at"]


def test_the_expired_event_cancels_the_order_and_gives_its_stock_back_once(client, card_order):
    assert stock_of(shirt_of(card_order)) == 8
    assert deliver(client, expired_event(card_order)).status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.CANCELLED
    assert card_order.history.get().by == "Stripe"
    assert stock_of(shirt_of(card_order)) == 10
    # Redelivered, or a second event for the same page: nothing more is given back.
    assert deliver(client, expired_event(card_order)).content == b"duplicate"
    deliver(client, expired_event(card_order, event_id="evt_expired_again"))
    assert stock_of(shirt_of(card_order)) == 10


def test_the_donor_is_told_the_minutes_they_had_not_the_bank_transfers_hours(
    client, card_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, expired_event(card_order))
    cancelled = next(m for m in mail.outbox if "is cancelled" in m.subject)
    assert "no payment for it reached us within 30 minutes." in cancelled.body


def test_an_older_payment_page_expiring_leaves_the_order_to_its_current_page(client, card_order):
    assert deliver(client, expired_event(card_order, session_id="cs_older")).status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT
    assert stock_of(shirt_of(card_order)) == 8


def stripe_says(monkeypatch, **sessions):
    """Stripe's answer when the expiry job asks about a page: {session id: its status}."""
    asked = []

    def retrieve(session_id, **kwargs):
        asked.append(session_id)
        if sessions[session_id] is None:
            raise stripe.APIConnectionError("Stripe is out of reach")
        return {"id": session_id, "status": sessions[session_id], "payment_status": "unpaid"}

    monkeypatch.setattr(stripe.checkout.Session, "retrieve", retrieve)
    return asked


def test_the_expiry_job_ends_a_card_orders_hold_soon_after_its_page_closed(card_order, monkeypatch):
    """The webhook may be lost: the job expires card orders a few minutes after their page
    closed, and bank transfers only after ORDER_UNPAID_EXPIRY_HOURS."""
    stripe_says(monkeypatch, cs_current="expired")
    transfer = make_order(backend="offline")
    closed = card_order.payment_expires_at
    assert expire_unpaid_orders(now=closed) == 0  # its page may still be paid at Stripe
    assert expire_unpaid_orders(now=closed + holds.STRIPE_EXPIRY_MARGIN + timedelta(seconds=1))
    card_order.refresh_from_db()
    transfer.refresh_from_db()
    assert card_order.status == Order.Status.CANCELLED
    assert stock_of(shirt_of(card_order)) == 10
    assert transfer.status == Order.Status.PENDING_PAYMENT


@pytest.mark.parametrize("status", ["complete", None])
def test_the_expiry_job_never_cancels_an_order_whose_page_was_paid_or_cannot_be_asked(
    card_order, monkeypatch, status
):
    """A page paid in its last minute whose event is late (our site was down when Stripe sent
    it; Stripe tries again for days): the order stays, with its stock, for the event to mark it
    paid. When Stripe cannot be asked, the job tries again at its next run."""
    asked = stripe_says(monkeypatch, cs_current=status)
    later = card_order.payment_expires_at + holds.STRIPE_EXPIRY_MARGIN + timedelta(minutes=10)
    assert expire_unpaid_orders(now=later) == 0
    assert asked == ["cs_current"]
    card_order.refresh_from_db()
    assert card_order.status == Order.Status.PENDING_PAYMENT
    assert stock_of(shirt_of(card_order)) == 8


def test_a_card_order_whose_page_never_opened_expires_after_the_window(settings):
    settings.PAYMENT_BACKEND = "stripe"
    order = make_order(backend="stripe")  # its payment page failed to open at checkout
    soon = order.created_at + timedelta(minutes=30)
    assert expire_unpaid_orders(now=soon) == 0
    assert expire_unpaid_orders(now=soon + holds.STRIPE_EXPIRY_MARGIN + timedelta(minutes=1)) == 1


def test_pay_now_on_an_order_cancelled_by_its_expiry_explains_and_charges_nothing(
    client, card_order, monkeypatch
):
    deliver(client, expired_event(card_order))
    monkeypatch.setattr(stripe.checkout.Session, "create", None)  # no page may open
    monkeypatch.setattr(stripe.checkout.Session, "retrieve", None)
    response = client.post(f"/orders/{card_order.token}/pay/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(card_order.get_absolute_url(), 302)]
    assert "The time to pay for this order ran out, so we cancelled it" in html
    assert "Nothing was charged." in html


def test_a_page_opened_as_the_order_was_cancelled_is_closed_before_anyone_pays(
    client, settings, monkeypatch
):
    """Pay now races staff (or the job) cancelling the order: the page just made is expired at
    Stripe, so the items back on sale cannot also be paid for."""
    settings.PAYMENT_BACKEND = "stripe"
    order = make_order(backend="stripe")
    expired = []

    def create(**kwargs):
        Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)  # meanwhile
        return {"id": "cs_late", "url": "https://checkout.stripe.test/late"}

    monkeypatch.setattr(stripe.checkout.Session, "create", create)
    monkeypatch.setattr(
        stripe.checkout.Session, "expire", lambda session_id, **kwargs: expired.append(session_id)
    )
    response = client.post(f"/orders/{order.token}/pay/")
    assert response["Location"] == order.get_absolute_url()
    assert expired == ["cs_late"]


def test_the_expiry_job_leaves_an_order_that_opened_a_page_since_it_read_its_list(settings):
    """Its reason is checked again in the change itself (transition's `where`)."""
    settings.PAYMENT_BACKEND = "stripe"
    order = make_order(backend="stripe")
    late = order.created_at + timedelta(minutes=40)
    assert list(Order.objects.filter(holds.expired_unpaid(late))) == [order]  # the job's list
    # Meanwhile, at minute 29, "Pay now" opened the order's first page (the first one failed
    # to open at checkout).
    closes = order.created_at + timedelta(minutes=29 + 31)
    Order.objects.filter(pk=order.pk).update(payment_reference="cs_new", payment_expires_at=closes)
    expire = order_states.transition
    assert not expire(order, "expire", by="Automatic expiry", where=holds.expired_unpaid(late))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


# --- A signed but malformed event ---------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "checkout.session.completed",
        {},
        {"id": 5, "type": "checkout.session.completed", "data": {"object": {}}},
        {"id": "evt_1", "type": None, "data": {"object": {}}},
        {"id": "evt_1", "type": "checkout.session.completed", "data": {"object": "cs_1"}},
        {"id": "evt_1", "type": "checkout.session.completed", "data": [1]},
        {"id": "evt_1", "type": "invoice.paid", "data": {"object": {"parent": "sub_1"}}},
    ],
)
def test_a_signed_event_of_the_wrong_shape_is_a_400_and_logged(client, caplog, payload):
    caplog.set_level(logging.WARNING)
    body, header = signed(payload)
    response = client.post(
        "/shop/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert response.status_code == 400 and response.content == b"malformed event"
    assert "a signed event we cannot read" in caplog.text
    assert not PaymentEvent.objects.exists()


def test_the_order_page_says_until_when_its_items_are_held(client, card_order):
    page = client.get(card_order.get_absolute_url()).content.decode()
    assert "We hold its items for you until " in page
    assert "after that they go back on sale and the order is cancelled." in page
