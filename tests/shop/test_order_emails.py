"""The donor hears of every step of an order: payment received, on its way (or complete),
cancelled (also when no payment came in time). Each e-mail goes only once its change is
committed, never for a change refused or rolled back, and a mail server that fails never undoes
the change. Every e-mail is text and HTML and says who the charity is."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.urls import reverse
from django.utils import timezone

from freedomstory.core import emails as core_emails
from shop import emails, order_states
from shop.models import Order
from tests.shop.order_factories import make_order
from tests.shop.stripe_events import SECRET, completed_event, deliver

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.fixture
def charity(settings):
    settings.SITE_NAME = "The Freedom Story"
    settings.CHARITY_ADDRESS = "99 Moo 1, Mae Chan, Chiang Rai 57110"
    settings.CHARITY_REGISTRATION_NUMBER = "CR 1234/2560"
    settings.CONTACT_EMAIL = "hello@freedomstory.example"
    return settings


def gift_only_order(amount="30"):
    order = make_order(lines=[], donation=Decimal(amount))
    Order.objects.filter(pk=order.pk).update(address_line1="", city="", postcode="", country="")
    order.refresh_from_db()
    return order


def apply(order, *names, capture):
    """Apply transitions as staff would, each in its own transaction, sending what it sends."""
    mail.outbox.clear()
    with capture(execute=True):
        results = [order_states.transition(order, name) for name in names]
    return results


def test_payment_received_is_sent_only_after_the_transition_commits(
    django_capture_on_commit_callbacks,
):
    order = make_order(donation=Decimal("10"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert order_states.transition(order, "mark_paid")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["somchai@example.org"]
    assert message.subject == f"Payment received for order {order.number} – The Freedom Story"
    assert f"We have received your payment of $50.00 for order {order.number}." in message.body
    assert "2 × Shirt: $40.00\nGift to The Freedom Story: $10.00\nTotal: $50.00" in message.body
    assert "We will post your order to the address you gave us" in message.body
    assert f"/orders/{order.token}/" in message.body
    page = message.alternatives[0][0]
    assert "Payment received" in page and "<strong>$50.00</strong>" in page


def test_payment_received_for_a_gift_says_the_gift_goes_to_work(
    django_capture_on_commit_callbacks,
):
    order = gift_only_order()
    apply(order, "mark_paid", capture=django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert "Gift to The Freedom Story: $30.00" in message.body
    assert "Your gift goes to work straight away" in message.body
    assert "post" not in message.body


def test_a_posted_order_is_on_its_way_to_the_address_given(django_capture_on_commit_callbacks):
    order = make_order()
    apply(order, "mark_paid", "fulfil", capture=django_capture_on_commit_callbacks)
    paid, sent = mail.outbox
    assert sent.subject == f"Your order {order.number} is on its way – The Freedom Story"
    assert "we have posted it to\n\nSomchai Donor\n12 Moo 3\nChiang Rai 57000\nThailand" in (
        sent.body
    )
    assert "Your order is on its way" in sent.alternatives[0][0]


def test_an_order_with_nothing_to_post_is_complete_not_on_its_way(
    django_capture_on_commit_callbacks,
):
    order = gift_only_order()
    apply(order, "mark_paid", "fulfil", capture=django_capture_on_commit_callbacks)
    paid, done = mail.outbox
    assert done.subject == f"Your order {order.number} is complete – The Freedom Story"
    assert f"Your order {order.number} is complete" in done.body
    assert "on its way" not in done.body + done.alternatives[0][0]
    assert "posted" not in done.body


def test_a_cancelled_order_says_so_and_whom_to_write_to(
    charity, django_capture_on_commit_callbacks
):
    order = make_order()
    apply(order, "cancel", capture=django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == f"Your order {order.number} is cancelled – The Freedom Story"
    assert f"We have cancelled your order {order.number}." in message.body
    assert "please write to us at hello@freedomstory.example" in message.body
    assert "no payment" not in message.body and "return your payment" not in message.body


def test_a_paid_order_cancelled_by_staff_promises_the_payment_back(
    django_capture_on_commit_callbacks,
):
    order = make_order()
    apply(order, "mark_paid", "cancel", capture=django_capture_on_commit_callbacks)
    paid, cancelled = mail.outbox
    assert "You had already paid for it: we will return your payment." in cancelled.body


def test_an_expired_order_says_no_payment_arrived_in_time_and_to_write_if_they_paid(
    charity, settings, django_capture_on_commit_callbacks
):
    order = make_order()
    long_ago = timezone.now() - timedelta(hours=settings.ORDER_UNPAID_EXPIRY_HOURS + 1)
    Order.objects.filter(pk=order.pk).update(created_at=long_ago)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_unpaid_orders", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.subject == f"Your order {order.number} is cancelled – The Freedom Story"
    assert (
        f"We have cancelled your order {order.number} because no payment for it reached us "
        f"within {settings.ORDER_UNPAID_EXPIRY_HOURS} hours."
    ) in message.body
    assert "If you did pay, please write to us at hello@freedomstory.example" in message.body
    assert "no payment for it reached us" in message.alternatives[0][0]


def test_expiry_never_cancels_an_order_paid_meanwhile():
    """The expiry job picks its orders, then cancels them one by one: one paid in between stays
    paid (and nobody is told it was cancelled)."""
    order = make_order()
    order_states.transition(order, "mark_paid")
    assert order_states.transition(order, "expire") is False
    assert order.status == S.PAID


@pytest.mark.parametrize(
    "names", [["mark_paid"], ["mark_paid", "fulfil"], ["cancel"], ["expire"]], ids=str
)
def test_every_email_is_text_and_html_and_says_who_the_charity_is(
    charity, django_capture_on_commit_callbacks, names
):
    order = make_order()
    apply(order, *names, capture=django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    (alternative,) = message.alternatives
    assert alternative[1] == "text/html"
    for text in (message.body, alternative[0]):
        for detail in (
            "The Freedom Story",
            "99 Moo 1, Mae Chan, Chiang Rai 57110",
            "Charity registration number: CR 1234/2560",
            "hello@freedomstory.example",
        ):
            assert detail in text, (names, detail)


def test_the_receipt_says_who_the_charity_is_too(charity):
    order = make_order()
    mail.outbox.clear()
    emails.send_order_receipt.call(order.pk)
    receipt = mail.outbox[0]
    for text in (receipt.body, receipt.alternatives[0][0]):
        assert "Charity registration number: CR 1234/2560" in text
        assert "99 Moo 1, Mae Chan, Chiang Rai 57110" in text


def test_nothing_is_sent_when_the_transition_is_rolled_back(django_capture_on_commit_callbacks):
    order = make_order()
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        order_states.transition(order, "mark_paid")
        raise RuntimeError("something after marking it paid failed")
    assert mail.outbox == []
    order.refresh_from_db()
    assert order.status == S.PENDING_PAYMENT


def test_nothing_is_sent_for_a_refused_transition(django_capture_on_commit_callbacks):
    """A second click on "Mark paid" changes nothing, so it tells the donor nothing."""
    order = make_order()
    assert apply(order, "mark_paid", "mark_paid", capture=django_capture_on_commit_callbacks) == [
        True,
        False,
    ]
    assert [message.subject.split(" – ")[0] for message in mail.outbox] == [
        f"Payment received for order {order.number}"
    ]
    apply(order, "fulfil", "fulfil", "cancel", capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and "on its way" in mail.outbox[0].subject


def test_a_failing_mail_server_is_logged_and_the_transition_stands(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    order = make_order()
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    assert apply(order, "mark_paid", capture=django_capture_on_commit_callbacks) == [True]
    order.refresh_from_db()
    assert order.status == S.PAID
    [error] = [r for r in caplog.records if r.name == "freedomstory.core.tasks"]
    assert error.levelname == "ERROR"
    assert (
        error.message
        == f"the task send_order_update({order.pk}, 'mark_paid') failed once; giving up"
    )


def test_the_admin_bulk_mark_paid_tells_each_donor_whose_order_it_changed(
    admin_client, django_capture_on_commit_callbacks
):
    pending, already_paid = make_order(), make_order()
    order_states.transition(already_paid, "mark_paid")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:shop_order_changelist"),
            {"action": "mark_paid", "_selected_action": [pending.pk, already_paid.pk]},
        )
    assert [message.subject.split(" – ")[0] for message in mail.outbox] == [
        f"Payment received for order {pending.number}"
    ]


def test_a_stripe_payment_tells_the_donor_once_however_often_stripe_says_so(
    client, settings, django_capture_on_commit_callbacks
):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    order = make_order(backend="stripe")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, completed_event(order)).content == b"handled"
        assert deliver(client, completed_event(order)).content == b"duplicate"
        assert deliver(client, completed_event(order, event_id="evt_2")).content == b"handled"
    (message,) = mail.outbox
    assert message.subject == f"Payment received for order {order.number} – The Freedom Story"


def test_send_gives_every_email_the_charity_and_raises_when_it_cannot_so_its_task_retries(charity):
    """The site's one sender (orders, monthly receipts, the contact form), called by tasks."""
    order = make_order()
    mail.outbox.clear()
    core_emails.send("Hello", "emails/order_paid", {"order": order}, ["a@example.org"])
    assert "Charity registration number: CR 1234/2560" in mail.outbox[0].body
    with pytest.raises(TemplateDoesNotExist):
        core_emails.send("Broken", "emails/no_such_template", {}, ["a@example.org"])
    assert len(mail.outbox) == 1
