"""Stripe webhook events for tests: payloads signed as Stripe signs them, posted to the webhook.

Tests that deliver them set settings.STRIPE_WEBHOOK_SECRET = SECRET (the `stripe_keys` fixture
does, with a dummy secret key).
"""

import hashlib
import hmac
import json
import time

import pytest

SECRET = "whsec_test_secret"


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_dummy"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    return settings


def signed(payload, secret=SECRET, timestamp=None):
    body = json.dumps(payload)
    timestamp = timestamp or int(time.time())
    signature = hmac.new(
        secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256
    ).hexdigest()
    return body, f"t={timestamp},v1={signature}"


def event(event_type, obj, event_id=None):
    return {
        "id": event_id or f"evt_{event_type.replace('.', '_')}_{obj.get('id', 'x')}",
        "object": "event",
        "type": event_type,
        "data": {"object": obj},
    }


def completed_event(order, event_id="evt_1", amount=None, payment_status="paid"):
    return event(
        "checkout.session.completed",
        {
            "id": "cs_test_1",
            "object": "checkout.session",
            "client_reference_id": order.token if order else "unknown-token",
            "payment_status": payment_status,
            "amount_total": amount if amount is not None else 4000,
        },
        event_id,
    )


def deliver(client, payload, **kwargs):
    body, header = signed(payload, **kwargs)
    return client.post(
        "/shop/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
