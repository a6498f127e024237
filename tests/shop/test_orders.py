"""Order states: every transition, stock given back exactly once, expiry, the staff's admin."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from shop import order_states
from shop.models import Order
from tests.news.factories import make_staff
from tests.shop.factories import make_product, stock_of
from tests.shop.order_factories import make_order
from tests.signing_in import sign_in_verified

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.mark.parametrize(
    "start, name, allowed, end",
    [
        (S.PENDING_PAYMENT, "mark_paid", True, S.PAID),
        (S.PENDING_PAYMENT, "fulfil", False, S.PENDING_PAYMENT),
        (S.PENDING_PAYMENT, "cancel", True, S.CANCELLED),
        (S.PAID, "mark_paid", False, S.PAID),
        (S.PAID, "fulfil", True, S.FULFILLED),
        (S.PAID, "cancel", True, S.CANCELLED),
        (S.FULFILLED, "mark_paid", False, S.FULFILLED),
        (S.FULFILLED, "fulfil", False, S.FULFILLED),
        (S.FULFILLED, "cancel", False, S.FULFILLED),
        (S.CANCELLED, "mark_paid", False, S.CANCELLED),
        (S.CANCELLED, "fulfil", False, S.CANCELLED),
        (S.CANCELLED, "cancel", False, S.CANCELLED),
    ],
)
def test_every_transition_is_allowed_or_refused_by_the_state(start, name, allowed, end):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(status=start)
    order.refresh_from_db()
    assert order_states.transition(order, name) is allowed
    assert order.status == end


def test_transitions_stamp_their_time():
    order = make_order()
    order_states.transition(order, "mark_paid")
    order_states.transition(order, "fulfil")
    assert order.paid_at and order.fulfilled_at and not order.cancelled_at


def test_cancelling_gives_the_stock_back_exactly_once():
    shirt = make_product("Shirt", stock=10)
    order = make_order([(shirt, 3)])
    assert stock_of(shirt) == 7
    assert order_states.transition(order, "cancel")
    assert not order_states.transition(order, "cancel")
    assert not order_states.return_stock(order)
    assert stock_of(shirt) == 10


def test_cancelling_skips_unlimited_and_deleted_products():
    book = make_product("Book", stock=None)
    shirt = make_product("Shirt", stock=4)
    order = make_order([(book, 1), (shirt, 1)])
    shirt.delete()
    order_states.transition(order, "cancel")
    assert stock_of(book) is None


def test_expire_unpaid_orders_cancels_old_pending_orders_only(capsys, settings):
    shirt = make_product("Shirt", stock=10)
    old, recent, paid = make_order([(shirt, 1)]), make_order([(shirt, 1)]), make_order([(shirt, 1)])
    order_states.transition(paid, "mark_paid")
    long_ago = timezone.now() - timedelta(hours=settings.ORDER_UNPAID_EXPIRY_HOURS + 1)
    Order.objects.filter(pk__in=[old.pk, paid.pk]).update(created_at=long_ago)

    call_command("expire_unpaid_orders")
    call_command("expire_unpaid_orders")

    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {old.pk: S.CANCELLED, recent.pk: S.PENDING_PAYMENT, paid.pk: S.PAID}
    assert stock_of(shirt) == 8  # 10 - 3 ordered + 1 given back once
    out = capsys.readouterr().out
    assert "Cancelled 1 order(s)" in out and "Cancelled 0 order(s)" in out


def admin_action(admin_client, action, selected):
    return admin_client.post(
        reverse("admin:shop_order_changelist"),
        # "confirmed": the answer to the question cancelling asks first
        {
            "action": action,
            "_selected_action": [order.pk for order in selected],
            "confirmed": "yes",
        },
        follow=True,
    )


def test_admin_actions_mark_paid_fulfil_and_cancel(admin_client):
    shirt = make_product("Shirt", stock=5)
    first, second = make_order([(shirt, 1)]), make_order([(shirt, 1)])
    html = admin_action(admin_client, "mark_paid", [first]).content.decode()
    assert "1 order(s) marked paid." in html
    html = admin_action(admin_client, "mark_fulfilled", [first, second]).content.decode()
    assert "1 order(s) marked fulfilled." in html and "1 order(s) left as they were" in html
    admin_action(admin_client, "cancel", [second])
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {first.pk: S.FULFILLED, second.pk: S.CANCELLED}
    assert stock_of(shirt) == 4


def test_the_order_list_shows_number_name_email_total_gift_and_status(admin_client):
    order = make_order(donation=Decimal("12"))
    html = admin_client.get(reverse("admin:shop_order_changelist")).content.decode()
    for text in (
        order.number,
        "Somchai Donor",
        "somchai@example.org",
        "$52.00",
        "$12.00",
        "Pending payment",
    ):
        assert text in html, text
    detail = admin_client.get(reverse("admin:shop_order_change", args=[order.pk])).content.decode()
    assert "Shirt" in detail and "12.00" in detail


def test_shop_managers_can_handle_orders_and_editors_cannot_see_them(client):
    order = make_order()
    manager, editor = make_staff("manager"), make_staff("editor")
    manager.groups.add(Group.objects.get(name="Shop managers"))
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in_verified(client, manager)
    assert client.get(reverse("admin:shop_order_change", args=[order.pk])).status_code == 200
    client.force_login(editor)
    assert client.get(reverse("admin:shop_order_changelist")).status_code == 403
    assert client.get(reverse("admin:shop_order_change", args=[order.pk])).status_code == 403


def test_the_order_list_needs_no_query_per_order(admin_client, django_assert_max_num_queries):
    """Prevents an n+1 on the staff's order list: 1 order and 15 orders cost the same."""
    make_order()
    url = reverse("admin:shop_order_changelist")
    with django_assert_max_num_queries(20) as one:
        admin_client.get(url)
    for _ in range(14):
        make_order()
    with django_assert_max_num_queries(len(one.captured_queries)) as many:
        html = admin_client.get(url).content.decode()
    print(f"\nadmin order list: {len(one)} queries for 1 order, {len(many)} for 15")
    assert html.count('name="_selected_action"') == 15
