"""Payments: the backend choice, Stripe Checkout sessions and the signed, idempotent webhook.

No network: sessions are stubbed at the SDK call, webhook payloads are signed with a test secret.
"""

import time
from decimal import Decimal

import pytest
import stripe

from shop.models import Order, PaymentEvent
from shop.payments import get_backend
from tests.shop.factories import make_product, stock_of
from tests.shop.order_factories import DONOR, client_with_cart, make_order
from tests.shop.stripe_events import SECRET, completed_event, deliver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def stripe_settings(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_dummy"
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def test_the_default_backend_is_offline_and_an_unknown_one_is_refused(settings):
    assert get_backend().name == "offline"
    with pytest.raises(ValueError, match="Unknown PAYMENT_BACKEND"):
        get_backend("cheque")


def test_stripe_checkout_session_is_built_from_the_servers_amounts_in_cents(
    client, settings, monkeypatch
):
    settings.PAYMENT_BACKEND = "stripe"
    sent = {}

    def fake_create(**kwargs):
        sent.update(kwargs)
        return {"id": "cs_test_123", "url": "https://checkout.stripe.test/pay/cs_test_123"}

    monkeypatch.setattr(stripe.checkout.Session, "create", fake_create)
    shirt = make_product("Shirt", price=Decimal("20.50"))
    client_with_cart(client, [(shirt, 2)], donation=Decimal("15"))
    response = client.post("/checkout/", DONOR | {"total": "1"})
    order = Order.objects.get()
    assert response["Location"] == "https://checkout.stripe.test/pay/cs_test_123"
    assert sent["line_items"] == [
        {
            "price_data": {
                "currency": "usd",
                "unit_amount": 2050,
                "product_data": {"name": "Shirt"},
            },
            "quantity": 2,
        },
        {
            "price_data": {
                "currency": "usd",
                "unit_amount": 1500,
                "product_data": {"name": "Gift to The Freedom Story"},
            },
            "quantity": 1,
        },
    ]
    assert sent["client_reference_id"] == order.token
    assert sent["mode"] == "payment" and sent["api_key"] == "sk_test_dummy"
    assert order.payment_backend == "stripe" and order.payment_reference == "cs_test_123"


def test_a_stripe_error_keeps_the_order_and_offers_to_pay_again(client, settings, monkeypatch):
    settings.PAYMENT_BACKEND = "stripe"

    def broken(**kwargs):
        raise stripe.APIConnectionError("network down")

    monkeypatch.setattr(stripe.checkout.Session, "create", broken)
    client_with_cart(client, [(make_product(), 1)])
    response = client.post("/checkout/", DONOR, follow=True)
    order = Order.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[0][0] == order.get_absolute_url()
    assert "Your order is saved" in html and "Pay now" in html


def test_a_verified_completed_session_marks_the_order_paid(client):
    order = make_order(backend="stripe")
    response = deliver(client, completed_event(order))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.paid_at
    assert PaymentEvent.objects.get().order == order


def test_a_bad_signature_is_rejected_and_changes_nothing(client):
    order = make_order(backend="stripe")
    response = deliver(client, completed_event(order), secret="whsec_someone_else")
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert not PaymentEvent.objects.exists()


def test_a_missing_signature_is_rejected(client):
    response = client.post("/shop/stripe/webhook/", "{}", content_type="application/json")
    assert response.status_code == 400


def test_a_stale_timestamp_is_rejected(client):
    order = make_order(backend="stripe")
    response = deliver(client, completed_event(order), timestamp=int(time.time()) - 3600)
    assert response.status_code == 400
    assert not PaymentEvent.objects.exists()


def test_a_replayed_event_is_acknowledged_but_changes_nothing(client):
    order = make_order(backend="stripe")
    deliver(client, completed_event(order))
    order.refresh_from_db()
    paid_at = order.paid_at
    response = deliver(client, completed_event(order))
    assert response.status_code == 200 and response.content == b"duplicate"
    order.refresh_from_db()
    assert order.paid_at == paid_at
    assert PaymentEvent.objects.count() == 1


def test_an_unknown_event_type_is_acknowledged_and_ignored(client):
    payload = {"id": "evt_9", "object": "event", "type": "customer.created", "data": {"object": {}}}
    response = deliver(client, payload)
    assert response.status_code == 200 and response.content == b"ignored"


def test_an_unknown_order_is_acknowledged_and_logged(client, caplog):
    response = deliver(client, completed_event(None))
    assert response.status_code == 200
    assert "names no order we know" in caplog.text


def test_a_session_that_paid_the_wrong_amount_does_not_mark_the_order_paid(client, caplog):
    order = make_order(backend="stripe")
    deliver(client, completed_event(order, amount=1))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert "not marking it paid" in caplog.text


def test_an_unpaid_completed_session_leaves_the_order_pending(client):
    order = make_order(backend="stripe")
    deliver(client, completed_event(order, payment_status="unpaid"))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_the_webhook_refuses_get(client):
    assert client.get("/shop/stripe/webhook/").status_code == 405


def test_an_event_whose_handling_fails_is_not_recorded_so_the_retry_can_succeed(
    client, monkeypatch
):
    from shop.payments import stripe as stripe_payments

    order = make_order(backend="stripe")

    def broken(session, sent_at=None):
        raise RuntimeError("database hiccup")

    monkeypatch.setitem(stripe_payments.HANDLERS, "checkout.session.completed", broken)
    client.raise_request_exception = False
    assert deliver(client, completed_event(order)).status_code == 500
    assert not PaymentEvent.objects.exists()
    monkeypatch.undo()
    assert deliver(client, completed_event(order)).content == b"handled"
    order.refresh_from_db()
    assert order.status == Order.Status.PAID


def test_coming_back_from_the_stripe_cancel_page_offers_to_pay_again(client):
    order = make_order(backend="stripe")
    html = client.get(f"/orders/{order.token}/?cancelled=1").content.decode()
    assert "You left the payment page before paying" in html and "Pay now" in html
    assert "You left the payment page" not in client.get(f"/orders/{order.token}/").content.decode()


def test_coming_back_from_stripe_before_the_webhook_says_the_payment_is_being_confirmed(client):
    order = make_order(backend="stripe")
    html = client.get(f"/orders/{order.token}/?paid=1").content.decode()
    assert "We are confirming your payment" in html


def test_a_payment_for_a_cancelled_order_leaves_it_cancelled_and_is_logged_for_staff(
    client, caplog
):
    from shop import order_states

    order = make_order(backend="stripe")
    order_states.transition(order, "cancel")
    response = deliver(client, completed_event(order))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert f"paid order {order.number}, which is cancelled" in caplog.text


def test_the_pay_again_button_starts_a_new_session_only_for_a_pending_order(
    client, settings, monkeypatch
):
    from shop import order_states

    monkeypatch.setattr(
        stripe.checkout.Session,
        "create",
        lambda **kwargs: {"id": "cs_again", "url": "https://checkout.stripe.test/again"},
    )
    order = make_order(backend="stripe")
    response = client.post(f"/orders/{order.token}/pay/")
    assert response["Location"] == "https://checkout.stripe.test/again"
    order_states.transition(order, "mark_paid")
    monkeypatch.setattr(stripe.checkout.Session, "create", None)  # must not be called again
    response = client.post(f"/orders/{order.token}/pay/", follow=True)
    assert response.redirect_chain == [(order.get_absolute_url(), 302)]
    assert "This order is already paid: thank you." in response.content.decode()


def test_without_a_webhook_secret_no_event_is_trusted(client, settings):
    """An empty secret would let anyone sign events (HMAC with an empty key): refuse them all."""
    settings.STRIPE_WEBHOOK_SECRET = ""
    order = make_order(backend="stripe")
    response = deliver(client, completed_event(order), secret="")
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert not PaymentEvent.objects.exists()


def test_a_stripe_event_never_marks_an_offline_order_paid(client, caplog):
    order = make_order(backend="offline")
    response = deliver(client, completed_event(order))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert f"order {order.number} is not paid by stripe" in caplog.text


@pytest.fixture
def stripe_order(settings):
    settings.PAYMENT_BACKEND = "stripe"
    order = make_order(backend="stripe")
    Order.objects.filter(pk=order.pk).update(payment_reference="cs_first")
    order.refresh_from_db()
    return order


def test_pay_now_reuses_an_open_payment_page_instead_of_opening_a_second(
    client, stripe_order, monkeypatch
):
    created = []
    monkeypatch.setattr(
        stripe.checkout.Session,
        "retrieve",
        lambda session_id, **kwargs: {
            "id": session_id,
            "status": "open",
            "url": "https://pay/first",
        },
    )
    monkeypatch.setattr(stripe.checkout.Session, "create", lambda **kwargs: created.append(kwargs))
    response = client.post(f"/orders/{stripe_order.token}/pay/")
    assert response["Location"] == "https://pay/first"
    assert created == []


def test_pay_now_after_its_page_expired_ends_the_hold_and_opens_no_new_page(
    client, stripe_order, monkeypatch
):
    """The order's stock was held only while its payment page was open: once that page expired
    (its event lost), "Pay now" cancels the order, gives the stock back, and charges nothing."""
    monkeypatch.setattr(
        stripe.checkout.Session,
        "retrieve",
        lambda session_id, **kwargs: {"id": session_id, "status": "expired", "url": None},
    )
    monkeypatch.setattr(stripe.checkout.Session, "create", None)  # no new page may open
    shirt = stripe_order.lines.get().variant
    assert stock_of(shirt) == 8
    response = client.post(f"/orders/{stripe_order.token}/pay/", follow=True)
    assert response.redirect_chain == [(stripe_order.get_absolute_url(), 302)]
    assert "The time to pay for this order ran out" in response.content.decode()
    assert "Nothing was charged." in response.content.decode()
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.CANCELLED
    assert stock_of(shirt) == 10


def test_a_second_paid_session_for_a_paid_order_is_logged_for_a_refund(
    client, stripe_order, caplog
):
    first = completed_event(stripe_order, event_id="evt_a")
    first["data"]["object"]["id"] = "cs_first"
    deliver(client, first)
    second = completed_event(stripe_order, event_id="evt_b")
    second["data"]["object"]["id"] = "cs_other"
    assert deliver(client, second).status_code == 200
    assert "paid order" in caplog.text and "a second time: refund this payment" in caplog.text
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PAID


def test_pay_now_after_the_page_was_paid_opens_no_second_page(client, stripe_order, monkeypatch):
    """Paid on Stripe's page, the webhook not here yet, the donor clicks Pay now again."""
    created = []
    monkeypatch.setattr(
        stripe.checkout.Session,
        "retrieve",
        lambda session_id, **kwargs: {"id": session_id, "status": "complete", "url": None},
    )
    monkeypatch.setattr(stripe.checkout.Session, "create", lambda **kwargs: created.append(kwargs))
    response = client.post(f"/orders/{stripe_order.token}/pay/")
    assert response["Location"] == f"http://testserver{stripe_order.get_absolute_url()}?paid=1"
    assert created == []


def test_pay_now_opens_no_second_page_while_the_first_cannot_be_looked_up(
    client, stripe_order, monkeypatch
):
    created = []

    def unreachable(session_id, **kwargs):
        raise stripe.APIConnectionError("network down")

    monkeypatch.setattr(stripe.checkout.Session, "retrieve", unreachable)
    monkeypatch.setattr(stripe.checkout.Session, "create", lambda **kwargs: created.append(kwargs))
    response = client.post(f"/orders/{stripe_order.token}/pay/", follow=True)
    assert "The payment page did not open" in response.content.decode()
    assert created == []
