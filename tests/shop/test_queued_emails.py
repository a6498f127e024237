"""With the database task backend (TASKS_BACKEND=database, as on every app server), the shop's
e-mails wait in the queue for the worker: the donor's request sends nothing, a rolled-back order
queues nothing, and a mail server that keeps failing costs retries and an error for staff, never
the order."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from freedomstory.core.tasks import RETRY_DELAYS
from shop import order_states
from shop.models import Order
from tests.shop.factories import make_gift, make_product
from tests.shop.order_factories import DONOR, client_with_cart, make_order
from tests.task_queue import queued, run_worker

pytestmark = pytest.mark.django_db

NEW_ORDER_TASKS = ["send_order_receipt", "send_order_staff_notice"]


def test_checkout_queues_the_receipt_and_staff_notice_and_sends_nothing_itself(database_tasks):
    donor = Client()
    client_with_cart(donor, [(make_product("Tote bag", stock=5), 1)])
    response = donor.post("/checkout/", DONOR)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert mail.outbox == []
    assert sorted(queued()) == NEW_ORDER_TASKS
    assert run_worker() == 2
    receipt, notice = sorted(mail.outbox, key=lambda message: message.to != [order.email])
    assert receipt.to == [order.email] and order.number in receipt.subject
    assert notice.to == ["staff@example.org"]
    assert run_worker() == 0 and len(mail.outbox) == 2  # delivered once


def test_a_rolled_back_order_queues_no_email(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_order()
        assert sorted(queued()) == NEW_ORDER_TASKS
        raise RuntimeError("something after placing the order failed")
    assert queued() == [] and not Order.objects.exists()


def test_a_mail_server_that_keeps_failing_costs_retries_and_an_error_never_the_order(
    database_tasks, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    order = make_order()
    run_worker()
    for _ in RETRY_DELAYS:
        assert sorted(queued()) == NEW_ORDER_TASKS
        run_worker(now=True)
    assert queued() == []
    errors = [
        r for r in caplog.records if r.name == "freedomstory.core.tasks" and r.levelname == "ERROR"
    ]
    assert sorted(r.message for r in errors) == [
        f"the task {name}({order.pk}) failed {len(RETRY_DELAYS) + 1} times; giving up"
        for name in NEW_ORDER_TASKS
    ]
    assert Order.objects.get(pk=order.pk).status == Order.Status.PENDING_PAYMENT


def test_a_receipt_that_failed_once_goes_on_the_retry_and_the_staff_notice_only_once(
    database_tasks, monkeypatch
):
    """Each e-mail is its own task: the retry of a failed receipt resends nothing else."""
    from django.core.mail import EmailMultiAlternatives

    real_send = EmailMultiAlternatives.send
    refused = []

    def refuse_the_first_receipt(message, *args, **kwargs):
        if message.subject.startswith("Your order") and not refused:
            refused.append(message.subject)
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse_the_first_receipt)
    order = make_order()
    run_worker()
    assert [message.subject for message in mail.outbox] == [
        f"New order {order.number} from {order.name}"
    ]
    assert queued() == ["send_order_receipt"]
    run_worker(now=True)
    assert sorted(message.to[0] for message in mail.outbox) == [order.email, "staff@example.org"]


def test_an_order_update_is_queued_with_its_transition(database_tasks):
    order = make_order()
    run_worker()
    mail.outbox.clear()
    assert order_states.transition(order, "mark_paid")
    assert queued() == ["send_order_update"]
    assert mail.outbox == []
    run_worker()
    [message] = mail.outbox
    assert message.subject.startswith(f"Payment received for order {order.number}")


def test_a_monthly_receipt_is_queued_with_the_payment(database_tasks):
    from decimal import Decimal

    from django.utils import timezone

    from shop import monthly

    gift = make_gift(email="somchai@example.org")
    monthly.record_payment(gift, "in_1", Decimal("25"), timezone.now())
    assert queued() == ["send_monthly_receipt"] and mail.outbox == []
    run_worker()
    [receipt] = mail.outbox
    assert receipt.to == [gift.email]
