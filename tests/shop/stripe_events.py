"""Stripe webhook events for tests: signed with the test secret, as Stripe signs them."""

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


def deliver(client, payload, **kwargs):
    body, header = signed(payload, **kwargs)
    return client.post(
        "/shop/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def event(event_type, obj, event_id=None):
    return {
        "id": event_id or f"evt_{event_type.replace('.', '_')}_{obj.get('id', 'x')}",
        "object": "event",
        "type": event_type,
        "data": {"object": obj},
    }
