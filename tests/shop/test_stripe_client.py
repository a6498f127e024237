"""Calls to Stripe are bounded: a stalled Stripe costs a donor STRIPE_TIMEOUT per try and
STRIPE_MAX_NETWORK_RETRIES more tries, not the library's 80 seconds each."""

import time

import pytest
import stripe

from shop.payments import stripe_client
from tests.stalled_server import StalledServer, in_background


@pytest.fixture
def stripe_configured(settings):
    yield settings
    stripe_client.configure()  # back to the settings the suite runs with


def test_the_shop_app_applies_the_stripe_timeout_and_retries_from_settings(settings):
    assert stripe.max_network_retries == settings.STRIPE_MAX_NETWORK_RETRIES == 2
    assert stripe.default_http_client._timeout == settings.STRIPE_TIMEOUT == 10


def test_a_stalled_stripe_call_gives_up_after_the_timeout_and_the_retries(
    stripe_configured, monkeypatch
):
    stripe_configured.STRIPE_TIMEOUT = 0.5
    stripe_configured.STRIPE_MAX_NETWORK_RETRIES = 1
    stripe_client.configure()
    with StalledServer() as stalled:
        monkeypatch.setattr(stripe, "api_base", f"http://127.0.0.1:{stalled.port}")
        started = time.monotonic()
        call = in_background(
            lambda: stripe.checkout.Session.retrieve("cs_test_1", api_key="sk_test_1")
        )
        finished, result = call(20)
        elapsed = time.monotonic() - started

    assert finished, "the call to a stalled Stripe did not give up"
    assert isinstance(result, stripe.APIConnectionError)
    assert len(stalled.connections) == 2  # the call and one retry
    # Two tries of 0.5 s and Stripe's pause between them (0.5 to 1 s); its default is 80 s a try.
    assert elapsed < 4
    print(f"stalled Stripe: gave up after {elapsed:.2f} s and {len(stalled.connections)} tries")
