"""Monthly gifts' Stripe events: verified, recorded once, in any order, and each paid invoice
receipted once after commit. No network: the events are signed with a test secret."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail

from shop import monthly
from shop.models import MonthlyGift, MonthlyGiftPayment, PaymentEvent
from shop.payments import stripe as stripe_payments
from tests.shop.factories import make_gift
from tests.shop.stripe_events import (  # noqa: F401  (stripe_keys is a fixture)
    deliver,
    event,
    gift_completed,
    gift_invoice,
    gift_subscription,
    stripe_keys,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_keys")]


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Deliver an event and run what waited for its commit (e-mails), as in production."""

    def send(payload, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return deliver(client, payload, **kwargs)

    return send


def test_a_completed_subscription_checkout_makes_the_gift_active_and_knows_the_donor(client):
    gift = make_gift()
    assert deliver(client, gift_completed(gift)).content == b"handled"
    gift.refresh_from_db()
    assert gift.status == "active" and gift.started_at is not None
    assert (gift.stripe_subscription_id, gift.stripe_customer_id) == ("sub_1", "cus_1")
    assert (gift.email, gift.name) == ("malee@example.org", "Malee Donor")
    assert PaymentEvent.objects.get().monthly_gift == gift


def test_each_paid_invoice_is_recorded_and_sends_a_receipt_after_commit(
    client, django_capture_on_commit_callbacks
):
    gift = make_gift()
    deliver(client, gift_completed(gift))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        deliver(client, gift_invoice(gift, "in_1"))
    assert len(callbacks) == 1
    payment = MonthlyGiftPayment.objects.get()
    assert (payment.gift, payment.amount, payment.invoice_id) == (gift, Decimal("50.00"), "in_1")
    gift.refresh_from_db()
    assert gift.last_paid_at == payment.paid_at
    [receipt] = mail.outbox
    assert receipt.to == ["malee@example.org"]
    assert "Your monthly gift receipt" in receipt.subject
    assert "Amount received: $50.00" in receipt.body
    assert f"http://127.0.0.1:8000/donate/monthly/{gift.token}/" in receipt.body
    html = receipt.alternatives[0][0]
    assert "Change your card or cancel" in html and f"/donate/monthly/{gift.token}/" in html
    for text in (receipt.body, html):  # who the charity is, as in every e-mail
        assert f"Charity registration number: {settings.CHARITY_REGISTRATION_NUMBER}" in text
        assert settings.CHARITY_ADDRESS in text and settings.CONTACT_EMAIL in text

    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, gift_invoice(gift, "in_2"))  # next month
    assert MonthlyGiftPayment.objects.count() == 2 and len(mail.outbox) == 2


def test_a_replayed_or_redelivered_invoice_sends_no_second_receipt(send):
    gift = make_gift()
    send(gift_completed(gift))
    send(gift_invoice(gift, "in_1", event_id="evt_a"))
    assert send(gift_invoice(gift, "in_1", event_id="evt_a")).content == b"duplicate"
    # The same invoice under another event id (Stripe sends a second kind of event for it).
    send(gift_invoice(gift, "in_1", event_id="evt_b"))
    assert MonthlyGiftPayment.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_invoice_before_the_checkout_event_still_finds_its_gift(client):
    gift = make_gift()
    deliver(client, gift_invoice(gift, "in_1"))  # events arrive in any order
    gift.refresh_from_db()
    assert gift.status == "active" and gift.stripe_subscription_id == "sub_1"
    assert gift.email == "malee@example.org"
    deliver(client, gift_completed(gift))
    gift.refresh_from_db()
    assert gift.status == "active" and gift.name == "Malee Donor"
    assert MonthlyGiftPayment.objects.count() == 1


def test_an_invoice_in_the_older_api_shape_is_read_too(client):
    gift = make_gift(stripe_subscription_id="sub_1", status="active")
    deliver(client, gift_invoice(gift, "in_1", new_shape=False))
    assert MonthlyGiftPayment.objects.get().gift == gift


def test_a_failed_payment_makes_the_gift_past_due_and_the_next_payment_active_again(client):
    gift = make_gift()
    deliver(client, gift_completed(gift))
    gift.refresh_from_db()
    started = gift.started_at
    deliver(client, gift_invoice(gift, "in_2", kind="invoice.payment_failed"))
    gift.refresh_from_db()
    assert gift.status == "past_due"
    deliver(client, gift_invoice(gift, "in_3"))
    gift.refresh_from_db()
    assert gift.status == "active" and gift.started_at == started


def test_a_cancelled_subscription_ends_the_gift_for_good(client):
    gift = make_gift()
    deliver(client, gift_completed(gift))
    deliver(
        client, gift_subscription(gift, "canceled", "evt_del", kind="customer.subscription.deleted")
    )
    gift.refresh_from_db()
    assert gift.status == "cancelled" and gift.cancelled_at is not None
    # An "active" update that Stripe sent earlier but that arrives late brings nothing back.
    deliver(client, gift_subscription(gift, "active", "evt_late"))
    gift.refresh_from_db()
    assert gift.status == "cancelled"


def test_a_subscription_update_follows_stripes_status(client):
    gift = make_gift(status="active", stripe_subscription_id="sub_1")
    deliver(client, gift_subscription(gift, "past_due", "evt_1"))
    gift.refresh_from_db()
    assert gift.status == "past_due"
    deliver(client, gift_subscription(gift, "incomplete", "evt_2"))  # means nothing for us
    gift.refresh_from_db()
    assert gift.status == "past_due"


def test_a_stale_status_update_never_undoes_newer_news(client):
    """Stripe does not deliver events in order: a "past due" it sent before the payment that
    cleared it must not make the gift past due again when it arrives after."""
    gift = make_gift(status="active", stripe_subscription_id="sub_1")
    deliver(client, gift_invoice(gift, "in_2", created=1_800_002_000))
    deliver(client, gift_subscription(gift, "past_due", "evt_stale", created=1_800_001_500))
    gift.refresh_from_db()
    assert gift.status == "active"
    deliver(client, gift_subscription(gift, "past_due", "evt_newer", created=1_800_002_500))
    gift.refresh_from_db()
    assert gift.status == "past_due"
    # And a payment Stripe reported before that failure does not make it active again.
    deliver(client, gift_invoice(gift, "in_1", created=1_800_001_000))
    gift.refresh_from_db()
    assert gift.status == "past_due"


def test_an_invoice_that_took_nothing_sends_no_receipt(send):
    gift = make_gift()
    send(gift_invoice(gift, "in_0", amount_paid=0))
    assert not MonthlyGiftPayment.objects.exists() and not mail.outbox
    gift.refresh_from_db()
    assert gift.stripe_subscription_id == "sub_1"  # but we know the subscription now


def test_an_event_goes_to_the_gift_of_its_subscription_before_the_gift_of_its_token(client):
    """Two confirmations paid: each gift keeps its own subscription's news, whatever the
    metadata carried."""
    own = make_gift(status="active", stripe_subscription_id="sub_1")
    other = make_gift(status="active", stripe_subscription_id="sub_9")
    payload = gift_subscription(other, "past_due", "evt_mixed")  # sub_1, but other's token
    deliver(client, payload)
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("past_due", "active")


def test_a_forged_event_is_rejected_and_changes_nothing(client):
    gift = make_gift()
    response = deliver(client, gift_invoice(gift, "in_1"), secret="whsec_not_ours")
    assert response.status_code == 400
    assert not MonthlyGiftPayment.objects.exists() and not PaymentEvent.objects.exists()
    gift.refresh_from_db()
    assert gift.status == "pending"


def test_an_event_for_a_gift_we_do_not_know_is_acknowledged_and_logged(client, caplog):
    ghost = MonthlyGift(token="not-ours", amount=Decimal("5"))
    response = deliver(client, gift_invoice(ghost, "in_9"))
    assert response.content == b"handled"
    assert "no monthly gift for subscription" in caplog.text
    assert not MonthlyGift.objects.exists() and not MonthlyGiftPayment.objects.exists()


def test_an_unknown_event_type_is_acknowledged_and_ignored(client):
    gift = make_gift()
    response = deliver(client, event("customer.subscription.paused", {"id": "sub_1"}))
    assert response.content == b"ignored"
    gift.refresh_from_db()
    assert gift.status == "pending"


def test_no_receipt_is_sent_when_handling_the_event_fails(monkeypatch):
    gift = make_gift()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(monthly, "become", broken)
    payload = gift_invoice(gift, "in_1")
    with pytest.raises(RuntimeError):
        stripe_payments.handle_event(payload)
    assert not MonthlyGiftPayment.objects.exists() and not PaymentEvent.objects.exists()
    assert not mail.outbox  # the receipt waited for a commit that never came


# --- A second subscription, a late failure, a lost gift -----------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        lambda gift: gift_subscription(
            gift, "canceled", "evt_x", kind="customer.subscription.deleted"
        ),
        lambda gift: gift_invoice(gift, "in_x", kind="invoice.payment_failed"),
    ],
    ids=["second subscription cancelled", "second subscription's payment failed"],
)
def test_a_second_subscription_for_the_same_gift_never_changes_the_first_ones_status(
    client, payload
):
    """Staff cancel the duplicate in Stripe, as the error log asks: the gift, still paid by its
    own subscription, must not end (its page would hide the link to manage it)."""
    gift = make_gift(status="active", stripe_subscription_id="sub_0", stripe_customer_id="cus_1")
    assert deliver(client, payload(gift)).content == b"handled"  # both carry sub_1 and the token
    gift.refresh_from_db()
    assert (gift.status, gift.stripe_subscription_id) == ("active", "sub_0")


def test_a_failure_reported_after_the_same_invoice_was_paid_changes_nothing(client):
    """Stripe retried the card and it went through; the failure event arrives last."""
    gift = make_gift()
    deliver(client, gift_completed(gift))
    deliver(client, gift_invoice(gift, "in_2"))
    deliver(client, gift_invoice(gift, "in_2", kind="invoice.payment_failed"))
    gift.refresh_from_db()
    assert gift.status == "active"


def test_money_taken_for_a_gift_we_no_longer_have_is_an_error_for_staff(client, caplog):
    ghost = MonthlyGift(token="a-token-we-made-but-lost", amount=Decimal("50"))
    deliver(client, gift_completed(ghost))
    assert [r.levelname for r in caplog.records if "no monthly gift" in r.message] == ["ERROR"]


def test_a_receipt_that_fails_after_commit_is_logged_and_stripe_still_hears_handled(
    send, monkeypatch, caplog
):
    """As with orders: the payment stands and Stripe gets its 2xx (else it retries in vain)."""

    def broken(*args, **kwargs):
        raise RuntimeError("mail server went away")

    monkeypatch.setattr("shop.emails.send", broken)
    gift = make_gift()
    assert send(gift_invoice(gift, "in_1")).content == b"handled"
    assert MonthlyGiftPayment.objects.get().gift == gift
    assert "mail server went away" in caplog.text


def test_an_older_invoice_arriving_late_leaves_the_last_payment_date_alone(client):
    gift = make_gift()
    deliver(client, gift_invoice(gift, "in_2", status_transitions={"paid_at": 1_800_000_000}))
    deliver(client, gift_invoice(gift, "in_1", status_transitions={"paid_at": 1_797_000_000}))
    gift.refresh_from_db()
    assert gift.last_paid_at == max(gift.payments.values_list("paid_at", flat=True))
