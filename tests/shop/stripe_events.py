"""Stripe webhook events for tests: payloads signed as Stripe signs them, posted to the webhook.

Tests that deliver them set settings.STRIPE_WEBHOOK_SECRET = SECRET.
"""

import hashlib
import hmac
import json
import time

SECRET = "whsec_test_secret"


def signed(payload, secret=SECRET, timestamp=None):
    body = json.dumps(payload)
    timestamp = timestamp or int(time.time())
    signature = hmac.new(
        secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256
    ).hexdigest()
    return body, f"t={timestamp},v1={signature}"


def completed_event(order, event_id="evt_1", amount=None, payment_status="paid"):
    return {
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": "cs_test_1",
                "object": "checkout.session",
                "client_reference_id": order.token if order else "unknown-token",
                "payment_status": payment_status,
                "amount_total": amount if amount is not None else 4000,
            }
        },
    }


def deliver(client, payload, **kwargs):
    body, header = signed(payload, **kwargs)
    return client.post(
        "/shop/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
