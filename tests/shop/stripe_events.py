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


def event(event_type, obj, event_id=None, created=None):
    return {
        "id": event_id or f"evt_{event_type.replace('.', '_')}_{obj.get('id', 'x')}",
        "object": "event",
        "type": event_type,
        "created": created or int(time.time()),
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


# --- A monthly gift's events (Checkout in subscription mode, its invoices and subscription) ------


def gift_completed(gift, subscription="sub_1", event_id="evt_completed"):
    return event(
        "checkout.session.completed",
        {
            "id": "cs_test_1",
            "object": "checkout.session",
            "mode": "subscription",
            "client_reference_id": gift.token,
            "customer": "cus_1",
            "subscription": subscription,
            "payment_status": "paid",
            "customer_details": {"email": "malee@example.org", "name": "Malee Donor"},
        },
        event_id,
    )


def gift_invoice(
    gift,
    invoice_id="in_1",
    event_id=None,
    kind="invoice.paid",
    new_shape=True,
    created=None,
    **extra,
):
    obj = {
        "id": invoice_id,
        "object": "invoice",
        "customer": "cus_1",
        "customer_email": "malee@example.org",
        "amount_paid": 5000,
        "status_transitions": {"paid_at": 1_800_000_000},
        **extra,
    }
    if new_shape:  # API versions from 2025: the subscription is under parent
        obj["parent"] = {
            "type": "subscription_details",
            "subscription_details": {
                "subscription": "sub_1",
                "metadata": {"monthly_gift": gift.token},
            },
        }
    else:
        obj["subscription"] = "sub_1"
    return event(kind, obj, event_id or f"evt_{invoice_id}_{kind}", created)


def gift_subscription(gift, status, event_id, kind="customer.subscription.updated", created=None):
    obj = {
        "id": "sub_1",
        "object": "subscription",
        "customer": "cus_1",
        "status": status,
        "metadata": {"monthly_gift": gift.token},
        "canceled_at": 1_800_000_500 if status == "canceled" else None,
    }
    return event(kind, obj, event_id, created)


def deliver(client, payload, **kwargs):
    body, header = signed(payload, **kwargs)
    return client.post(
        "/shop/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
