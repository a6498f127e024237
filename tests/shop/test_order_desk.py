"""The order desk in the admin: an order's page offers the next steps its status allows, each a
POST through shop.order_states; cancelling asks first; only the staff notes are editable; the
list shows every column staff need, in the site's time, at a fixed number of queries."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from shop import order_states
from shop.admin.orders import OrderAdmin
from shop.models import Order, OrderLine
from tests.news.factories import make_staff
from tests.shop.factories import make_product
from tests.shop.order_factories import make_order
from tests.signing_in import sign_in_verified

pytestmark = pytest.mark.django_db
S = Order.Status


def page(order):
    return reverse("admin:shop_order_change", args=[order.pk])


def step(order, name):
    return reverse("admin:shop_order_step", args=[order.pk, name])


def with_status(status):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(status=status)
    order.refresh_from_db()
    return order


def buttons_on(html, order):
    names = ("mark_paid", "fulfil", "cancel", "expire")
    return [name for name in names if f'action="{step(order, name)}"' in html] + [
        f"{name} (asks first)" for name in names if f'href="{step(order, name)}"' in html
    ]


def manager():
    user = make_staff("manager", first_name="Nok", last_name="Srisuk")
    user.groups.add(Group.objects.get(name="Shop managers"))
    return user


# --- The buttons --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, offered",
    [
        (S.PENDING_PAYMENT, ["mark_paid", "cancel (asks first)"]),
        (S.PAID, ["fulfil", "cancel (asks first)"]),
        (S.FULFILLED, []),
        (S.CANCELLED, []),
    ],
)
def test_an_order_page_offers_only_the_steps_its_status_allows(admin_client, status, offered):
    order = with_status(status)
    html = admin_client.get(page(order)).content.decode()
    assert buttons_on(html, order) == offered
    assert f'Status: <span class="order-status order-status--{status}">' in html


def test_mark_paid_records_the_staff_member_tells_the_donor_and_returns_to_the_order(
    client, django_capture_on_commit_callbacks
):
    order = make_order()
    sign_in_verified(client, manager())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step(order, "mark_paid"))
    assert response.status_code == 302 and response["Location"] == page(order)
    order.refresh_from_db()
    assert order.status == S.PAID
    assert list(order.history.values_list("step", "by")) == [("mark_paid", "Nok Srisuk")]
    (message,) = mail.outbox
    assert message.subject.startswith(f"Payment received for order {order.number}")
    html = client.get(page(order)).content.decode()
    assert f"Order {order.number} marked paid; the donor is told by e-mail." in html
    assert "<td>Marked paid</td>" in html and "<td>Nok Srisuk</td>" in html


def test_mark_fulfilled_moves_a_paid_order_on(admin_client):
    order = with_status(S.PAID)
    admin_client.post(step(order, "fulfil"))
    order.refresh_from_db()
    assert order.status == S.FULFILLED and order.fulfilled_at


def test_a_step_the_status_does_not_allow_is_refused_with_a_message_and_changes_nothing(
    admin_client,
):
    """Also what happens when Stripe or a colleague moved the order on since the page loaded."""
    order = with_status(S.FULFILLED)
    response = admin_client.post(step(order, "mark_paid"), follow=True)
    assert response.redirect_chain == [(page(order), 302)]
    assert (
        f"Order {order.number} is fulfilled, so “Mark paid” does not apply to it. "
        "Nothing was changed." in response.content.decode()
    )
    order.refresh_from_db()
    assert order.status == S.FULFILLED and not order.paid_at
    assert not order.history.exists()


def test_the_expiry_step_has_no_button_and_no_address(admin_client):
    order = make_order()
    assert admin_client.post(step(order, "expire")).status_code == 404
    assert admin_client.post(step(order, "refund")).status_code == 404
    assert Order.objects.get(pk=order.pk).status == S.PENDING_PAYMENT


def test_a_step_is_never_taken_by_a_get(admin_client):
    """A link preview or a crawler following the address must change nothing."""
    order = make_order()
    assert admin_client.get(step(order, "mark_paid")).status_code == 405
    assert Order.objects.get(pk=order.pk).status == S.PENDING_PAYMENT


def test_cancel_asks_first_and_only_the_confirmed_post_cancels(admin_client):
    order = with_status(S.PAID)
    question = admin_client.get(step(order, "cancel"))
    html = question.content.decode()
    assert f"<h1>Cancel order {order.number}?</h1>" in html
    assert "Its items go back on sale" in html
    assert "This order is paid." in html  # cancelling does not refund: staff are told
    assert f'<form method="post" action="{step(order, "cancel")}">' in html
    assert Order.objects.get(pk=order.pk).status == S.PAID

    response = admin_client.post(step(order, "cancel"), follow=True)
    assert response.redirect_chain == [(page(order), 302)]
    assert f"Order {order.number} cancelled: its items are back on sale" in response.text
    order.refresh_from_db()
    assert order.status == S.CANCELLED and order.stock_returned
    assert list(order.history.values_list("step", "status")) == [("cancel", S.CANCELLED)]


def test_the_cancel_question_is_not_asked_of_an_order_that_cannot_be_cancelled(admin_client):
    order = with_status(S.FULFILLED)
    response = admin_client.get(step(order, "cancel"), follow=True)
    assert response.redirect_chain == [(page(order), 302)]
    assert "does not apply to it" in response.text


def test_the_bulk_cancel_asks_first_too_and_only_the_confirmed_post_cancels(admin_client):
    """One slip in the actions menu cancelled every order ticked, paid ones too, and e-mailed
    each donor, with no way back: the order page's button asks first, and so does the list."""
    paid, fulfilled = with_status(S.PAID), with_status(S.FULFILLED)
    chosen = {"action": "cancel", "_selected_action": [paid.pk, fulfilled.pk]}
    question = admin_client.post(reverse("admin:shop_order_changelist"), chosen)
    html = question.content.decode()
    assert question.status_code == 200 and "<h1>Cancel 1 order?</h1>" in html
    assert paid.number in html and "is paid" in html  # no refund: staff are told
    assert f"{fulfilled.number}" in html and "cannot be cancelled" in html
    assert dict(Order.objects.values_list("pk", "status")) == {
        paid.pk: S.PAID,
        fulfilled.pk: S.FULFILLED,
    }
    form = re.search(r'<form method="post">.*?</form>', html, re.S).group(0)
    answered = {}  # what the question's form posts, as a browser would
    for name, value in re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form):
        answered.setdefault(name, []).append(value)
    assert sorted(answered["_selected_action"]) == sorted([str(paid.pk), str(fulfilled.pk)])
    answer = admin_client.post(reverse("admin:shop_order_changelist"), answered, follow=True)
    assert "1 order(s) cancelled" in answer.content.decode()
    assert Order.objects.get(pk=paid.pk).status == S.CANCELLED
    assert Order.objects.get(pk=fulfilled.pk).status == S.FULFILLED


def test_staff_without_the_change_permission_get_403_for_every_step_get_or_post(client):
    order = make_order()
    viewer = make_staff("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_order"))
    for user in (make_staff("nobody"), viewer):
        client.force_login(user)
        assert client.post(step(order, "mark_paid")).status_code == 403
        assert client.get(step(order, "mark_paid")).status_code == 403
        assert client.get(step(order, "cancel")).status_code == 403
        assert client.post(step(order, "cancel")).status_code == 403
    assert Order.objects.get(pk=order.pk).status == S.PENDING_PAYMENT
    client.force_login(viewer)
    html = client.get(page(order)).content.decode()
    assert buttons_on(html, order) == []
    assert 'name="_save"' not in html  # and no Save: there is nothing the viewer may change


def test_a_step_posted_without_the_csrf_token_is_refused(client):
    order = make_order()
    client.handler.enforce_csrf_checks = True
    sign_in_verified(client, manager())
    assert client.post(step(order, "mark_paid")).status_code == 403
    assert Order.objects.get(pk=order.pk).status == S.PENDING_PAYMENT


def test_the_bulk_actions_record_who_took_them(admin_client):
    first, second = make_order(), make_order()
    admin_client.post(
        reverse("admin:shop_order_changelist"),
        {"action": "mark_paid", "_selected_action": [first.pk, second.pk]},
    )
    assert list(Order.objects.values_list("history__by", flat=True)) == ["admin", "admin"]


# --- Staff notes, and nothing else ------------------------------------------------------------


def test_staff_notes_are_saved_and_every_other_field_posted_is_ignored(client):
    order = make_order()
    sign_in_verified(client, manager())
    response = client.post(
        page(order),
        {
            "staff_notes": "Refunded $5 by transfer on 2 Dec.",
            "name": "Someone Else",
            "email": "evil@example.org",
            "status": "fulfilled",
            "total": "0.01",
            "address_line1": "Elsewhere",
        },
        follow=True,
    )
    assert response.redirect_chain == [(page(order), 302)]
    assert f"Staff notes for order {order.number} saved." in response.text
    order.refresh_from_db()
    assert order.staff_notes == "Refunded $5 by transfer on 2 Dec."
    assert (order.name, order.email, order.status) == (
        "Somchai Donor",
        "somchai@example.org",
        S.PENDING_PAYMENT,
    )
    assert (order.total, order.address_line1) == (Decimal("40.00"), "12 Moo 3")


def test_saving_notes_never_writes_back_a_status_that_changed_meanwhile(admin_client, monkeypatch):
    """Stripe marks the order paid while staff write a note: the note must not undo it."""
    order = make_order()
    real_save_model = OrderAdmin.save_model

    def paid_meanwhile(self, request, obj, form, change):
        order_states.transition(Order.objects.get(pk=obj.pk), "mark_paid", by="Stripe")
        real_save_model(self, request, obj, form, change)

    monkeypatch.setattr(OrderAdmin, "save_model", paid_meanwhile)
    admin_client.post(page(order), {"staff_notes": "Called the donor."})
    order.refresh_from_db()
    assert (order.status, order.staff_notes) == (S.PAID, "Called the donor.")


def test_the_order_page_has_one_save_button_named_for_the_notes_and_no_delete(admin_client):
    html = admin_client.get(page(make_order())).content.decode()
    assert html.count('type="submit" value="Save staff notes"') == 1
    for clutter in ("_continue", "_addanother", "_saveasnew", "deletelink"):
        assert clutter not in html, clutter
    assert 'name="staff_notes"' in html
    for read_only in ("name", "email", "address_line1", "note", "status", "total"):
        assert f'name="{read_only}"' not in html, read_only


def test_the_order_page_shows_its_items_with_variants_and_its_history(admin_client):
    order = make_order([(make_product("Freedom Story T-shirt", stock=10), 2)])
    OrderLine.objects.filter(order=order).update(variant_name="M, Black", sku="FS-TS-M-BLK")
    order_states.transition(order, "mark_paid", by="Stripe")
    html = admin_client.get(page(order)).content.decode()
    assert "<td>Freedom Story T-shirt</td><td>M, Black</td><td>FS-TS-M-BLK</td><td>2</td>" in html
    assert "<td>Placed at checkout</td>" in html and "Somchai Donor (the donor)" in html
    assert "<td>Marked paid</td>" in html and "<td>Stripe</td>" in html


def test_the_order_page_reads_its_lines_and_history_in_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    small = make_order()
    big = make_order([(make_product(stock=10), 1) for _ in range(8)])
    for order in (small, big):
        order_states.transition(order, "mark_paid")
        order_states.transition(order, "fulfil")
    with django_assert_max_num_queries(20) as few:
        admin_client.get(page(small))
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(page(big))


# --- The list -----------------------------------------------------------------------------------


def test_the_list_shows_the_local_date_donor_items_money_status_and_payment(admin_client, settings):
    settings.TIME_ZONE = "Asia/Bangkok"
    shirt, bag = make_product("Freedom Story T-shirt", stock=10), make_product("Tote bag", stock=10)
    order = make_order([(shirt, 2), (bag, 1)], donation=Decimal("12"), backend="stripe")
    OrderLine.objects.filter(product=shirt).update(variant_name="M, Black")
    placed = datetime(2026, 11, 28, 7, 5, 42, 123456, tzinfo=UTC)  # 14:05 in Bangkok
    Order.objects.filter(pk=order.pk).update(created_at=placed)
    html = admin_client.get(reverse("admin:shop_order_changelist")).content.decode()
    for text in (
        order.number,
        "28 Nov 2026, 14:05",
        'Somchai Donor<br><small class="order-email">somchai@example.org</small>',
        "2 × Freedom Story T-shirt – M, Black, 1 × Tote bag",
        "$72.00",
        "$12.00",
        '<span class="order-status order-status--pending_payment">Pending payment</span>',
        "Card (Stripe)",
    ):
        assert text in html, text
    assert "07:05" not in html and "123456" not in html


def test_a_long_list_of_items_is_cut_short_with_the_whole_in_its_title(admin_client):
    products = [make_product(f"A product with a long name {n}", stock=10) for n in range(4)]
    make_order([(product, 1) for product in products])
    html = admin_client.get(reverse("admin:shop_order_changelist")).content.decode()
    everything = ", ".join(f"1 × {product.name}" for product in products)
    assert f'<span title="{everything}">' in html
    assert "1 × A product with a long name 0, 1 × A product with a long…" in html


def test_the_list_filters_by_status_payment_and_date_and_searches_number_name_email(
    admin_client,
):
    offline, stripe = make_order(), make_order(backend="stripe")
    Order.objects.filter(pk=stripe.pk).update(name="Malee Card", email="malee@example.org")
    order_states.transition(stripe, "mark_paid")
    url = reverse("admin:shop_order_changelist")

    def listed(query):
        html = admin_client.get(f"{url}?{query}").content.decode()
        return {order.number for order in (offline, stripe) if f">{order.number}</a>" in html}

    html = admin_client.get(url).content.decode()
    assert "By payment" in html and "Bank transfer" in html and "Card (Stripe)" in html
    assert listed("status__exact=paid") == {stripe.number}
    assert listed("payment_backend=offline") == {offline.number}
    assert listed("created_at__gte=2000-01-01T00:00:00%2B07:00") == {offline.number, stripe.number}
    assert listed(f"q={offline.number}") == {offline.number}
    assert listed("q=Malee") == {stripe.number}
    assert listed("q=somchai@example") == {offline.number}


def test_the_list_costs_the_same_queries_for_3_orders_as_for_30(
    admin_client, django_assert_max_num_queries
):
    """Prevents an n+1: the items column reads every order's lines in one query."""
    url = reverse("admin:shop_order_changelist")
    shirt = make_product(stock=1000)
    for _ in range(3):
        make_order([(shirt, 1), (make_product(stock=10), 2)], donation=Decimal("5"))
    with django_assert_max_num_queries(20) as few:
        admin_client.get(url)
    for _ in range(27):
        make_order([(shirt, 1), (make_product(stock=10), 2)], donation=Decimal("5"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = admin_client.get(url).content.decode()
    assert html.count('name="_selected_action"') == 30


def test_a_shop_manager_can_use_the_whole_desk(client):
    order = make_order()
    sign_in_verified(client, manager())
    assert client.get(reverse("admin:shop_order_changelist")).status_code == 200
    html = client.get(page(order)).content.decode()
    assert buttons_on(html, order) == ["mark_paid", "cancel (asks first)"]
    assert 'value="Save staff notes"' in html
    assert client.post(step(order, "mark_paid")).status_code == 302
    for action, shows in (("export_csv", order.number), ("packing_list", order.name)):
        response = client.post(
            reverse("admin:shop_order_changelist"),
            {"action": action, "_selected_action": [order.pk]},
        )
        assert response.status_code == 200 and shows in response.content.decode(), action
