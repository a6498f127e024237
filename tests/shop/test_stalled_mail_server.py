"""A mail server that accepts and never answers costs a donor's checkout EMAIL_TIMEOUT per
e-mail, not minutes, with tasks run in the request (TASKS_BACKEND=immediate), and nothing with
the task queue (TASKS_BACKEND=database): the order is saved, the donor reaches its page, and
the site answers meanwhile. The failed e-mails are logged, never raised into the request."""

import logging
import time

import pytest
from django.test import Client

from shop.models import Order
from tests.shop.factories import make_product
from tests.shop.order_factories import DONOR, client_with_cart
from tests.stalled_server import StalledServer, in_background
from tests.task_queue import queued, run_worker

EMAIL_TIMEOUT = 1
# A new order sends two e-mails (the donor's receipt, the staff notice), one connection each.
EMAILS_PER_ORDER = 2


@pytest.fixture
def stalled_mail_server(settings):
    with StalledServer() as stalled:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = stalled.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT
        yield stalled


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


@pytest.mark.django_db(transaction=True)
def test_a_stalled_mail_server_holds_checkout_for_the_email_timeout_only(
    stalled_mail_server, caplog
):
    donor = Client()
    client_with_cart(donor, [(make_product("Tote bag", stock=5), 1)])
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        checkout = in_background(lambda: donor.post("/checkout/", DONOR))

        # Meanwhile, with the donor's request waiting on the mail server, the site answers.
        assert wait_for(lambda: stalled_mail_server.connections, 10), "no e-mail was tried"
        health_started = time.monotonic()
        health = Client().get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        health_seconds = time.monotonic() - health_started
        assert health_seconds < 1
        assert not checkout(0)[0], "checkout was no longer waiting: not a test of 'meanwhile'"

        finished, response = checkout(20)
        elapsed = time.monotonic() - started

    assert finished, "checkout did not finish: the mail server held it"
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    # Each e-mail waits EMAIL_TIMEOUT once; without it, each waits until the server hangs up.
    assert elapsed < EMAILS_PER_ORDER * EMAIL_TIMEOUT + 4
    assert len(stalled_mail_server.connections) == EMAILS_PER_ORDER

    page_started = time.monotonic()
    page = donor.get(order.get_absolute_url())
    assert page.status_code == 200 and order.number in page.content.decode()
    page_seconds = time.monotonic() - page_started
    assert page_seconds < 1
    print(
        f"EMAIL_TIMEOUT={EMAIL_TIMEOUT} s: checkout {elapsed:.2f} s, /healthz meanwhile "
        f"{health_seconds:.3f} s, the order page {page_seconds:.3f} s"
    )

    failures = [r for r in caplog.records if r.name == "freedomstory.core.tasks"]
    assert [r.levelno for r in failures] == [logging.ERROR] * EMAILS_PER_ORDER
    assert all("timed out" in str(r.exc_info[1]) for r in failures)


@pytest.mark.django_db(transaction=True)
def test_with_the_task_queue_a_stalled_mail_server_costs_checkout_nothing(
    stalled_mail_server, database_tasks, caplog
):
    """As on every app server (TASKS_BACKEND=database): the donor's request queues the e-mails
    and returns; the worker waits on the mail server, and tries again later."""
    donor = Client()
    client_with_cart(donor, [(make_product("Tote bag", stock=5), 1)])
    started = time.monotonic()
    response = donor.post("/checkout/", DONOR)
    elapsed = time.monotonic() - started
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert elapsed < EMAIL_TIMEOUT and stalled_mail_server.connections == []
    print(f"with the task queue: checkout {elapsed:.2f} s, no connection to the mail server")

    with caplog.at_level(logging.WARNING):
        run_worker()
    assert len(stalled_mail_server.connections) == EMAILS_PER_ORDER
    retries = [r for r in caplog.records if "trying again" in r.getMessage()]
    assert len(retries) == EMAILS_PER_ORDER and len(queued()) == EMAILS_PER_ORDER
