"""The webhook's errors that need a person (money to refund) are e-mailed to ADMINS, not only
written to the console."""

import pytest
from django.core import mail

from shop import order_states
from shop.models import Order
from tests.shop.order_factories import make_order
from tests.shop.stripe_events import SECRET, completed_event, deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def stripe_order(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_dummy"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.PAYMENT_BACKEND = "stripe"
    settings.ADMINS = [("Order desk", "desk@example.org")]
    order = make_order(backend="stripe")
    Order.objects.filter(pk=order.pk).update(payment_reference="cs_first")
    order.refresh_from_db()
    return order


def admin_mail():
    return [message for message in mail.outbox if message.to == ["desk@example.org"]]


def test_a_second_payment_for_a_paid_order_emails_admins_to_refund_it(client, stripe_order):
    first = completed_event(stripe_order, event_id="evt_a")
    first["data"]["object"]["id"] = "cs_first"
    deliver(client, first)
    assert admin_mail() == []
    second = completed_event(stripe_order, event_id="evt_b")
    second["data"]["object"]["id"] = "cs_other"
    assert deliver(client, second).status_code == 200
    [message] = admin_mail()
    assert "refund this payment" in message.subject
    assert stripe_order.number in message.subject


def test_a_payment_for_a_cancelled_order_emails_admins(client, stripe_order):
    order_states.transition(stripe_order, "cancel", by="staff")
    deliver(client, completed_event(stripe_order))
    [message] = admin_mail()
    assert "which is cancelled: refund it or reinstate it" in message.subject
