"""Stripe's webhook has one address, outside the languages: /shop/stripe/webhook/ only (a
machine's address, like the sitemap's), never a Thai twin that would take the same events."""

import pytest

from tests.shop.stripe_events import completed_event, signed, stripe_keys  # noqa: F401

pytestmark = pytest.mark.django_db


def post_event(client, address):
    body, header = signed(completed_event(None))
    return client.post(address, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def test_the_webhook_answers_at_its_one_address_and_not_under_th(client, stripe_keys):  # noqa: F811
    assert post_event(client, "/shop/stripe/webhook/").status_code == 200
    assert post_event(client, "/th/shop/stripe/webhook/").status_code == 404
