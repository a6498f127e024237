"""Staff hear once when unpaid orders hold more than UNPAID_HOLD_ALERT_SHARE of a variant's stock,
and again only after the share fell back and rose once more (shop/holds.py)."""

import pytest
from django.core import mail

from shop import order_states
from shop.models import Variant
from tests.shop.factories import make_product, variant_of
from tests.shop.order_factories import DONOR, client_with_cart
from tests.task_queue import queued, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def alert_settings(settings):
    settings.UNPAID_HOLD_ALERT_SHARE = 0.5
    settings.STAFF_NOTIFICATION_EMAILS = ["shop@freedomstory.example"]
    settings.ORDER_RATE_LIMIT_PER_ADDRESS = 100
    settings.ORDER_RATE_LIMIT_PER_EMAIL = 100
    settings.ORDER_UNITS_PER_ADDRESS = 100


def alerts():
    return [message for message in mail.outbox if message.subject.startswith("Unpaid orders")]


def place(client, product, quantity, capture):
    client_with_cart(client, [(product, quantity)])
    with capture(execute=True):
        assert client.post("/checkout/", DONOR).status_code == 302
    return product.variants.get().order_lines.latest("id").order


def test_one_alert_for_three_orders_that_hold_most_of_the_stock(
    client, django_capture_on_commit_callbacks
):
    tote = make_product("Tote bag", stock=20)
    first = place(client, tote, 4, django_capture_on_commit_callbacks)  # 4 of 20 held
    assert alerts() == []
    second = place(client, tote, 7, django_capture_on_commit_callbacks)  # 11 of 20: over half
    third = place(client, tote, 5, django_capture_on_commit_callbacks)  # 16 of 20: still over
    (alert,) = alerts()
    assert alert.to == ["shop@freedomstory.example"]
    assert alert.subject == "Unpaid orders hold 11 of 20 “Tote bag”"
    assert first.number in alert.body and second.number in alert.body
    assert third.number not in alert.body  # placed after the alert
    assert "/admin/shop/order/?status__exact=pending_payment" in alert.body
    assert f"/admin/shop/product/{tote.pk}/change/" in alert.body
    assert Variant.objects.get(pk=variant_of(tote).pk).hold_alert_sent_at is not None


def test_a_new_alert_only_after_the_share_fell_back_and_rose_again(
    client, django_capture_on_commit_callbacks
):
    tote = make_product("Tote bag", stock=10)
    big = place(client, tote, 6, django_capture_on_commit_callbacks)  # 6 of 10
    assert len(alerts()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        order_states.transition(big, "cancel")  # 0 of 10 held: the alert is forgotten
    assert Variant.objects.get(pk=variant_of(tote).pk).hold_alert_sent_at is None
    place(client, tote, 2, django_capture_on_commit_callbacks)  # 2 of 10: no alert
    assert len(alerts()) == 1
    place(client, tote, 4, django_capture_on_commit_callbacks)  # 6 of 10 again
    assert len(alerts()) == 2
    place(client, tote, 1, django_capture_on_commit_callbacks)
    assert len(alerts()) == 2


def test_paid_orders_hold_nothing_and_items_without_a_stock_limit_never_alert(
    client, django_capture_on_commit_callbacks
):
    tote = make_product("Tote bag", stock=10)
    paid = place(client, tote, 4, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        order_states.transition(paid, "mark_paid")
    # 3 held of the 6 still to sell (3 left + 3 held): half, not more; the paid 4 count for
    # nothing (counting them held would make it 7 of 10).
    place(client, tote, 3, django_capture_on_commit_callbacks)
    assert alerts() == []
    ebook = make_product("E-book")
    place(client, ebook, 9, django_capture_on_commit_callbacks)
    assert alerts() == []


def test_with_the_task_queue_the_alert_is_queued_once_and_counts_when_it_is_sent(
    client, django_capture_on_commit_callbacks, database_tasks
):
    """The claim and the queued alert commit together; the worker counts what is held then."""
    tote = make_product("Tote bag", stock=20)
    place(client, tote, 4, django_capture_on_commit_callbacks)
    place(client, tote, 7, django_capture_on_commit_callbacks)  # 11 of 20: over half
    place(client, tote, 5, django_capture_on_commit_callbacks)  # 16 of 20: no second alert
    assert queued().count("send_unpaid_holds_alert") == 1 and alerts() == []
    run_worker()
    (alert,) = alerts()
    assert alert.subject == "Unpaid orders hold 16 of 20 “Tote bag”"
