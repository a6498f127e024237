"""What the order desk prints: the spreadsheet (a row per order line, in the site's time, safe to
open in a spreadsheet) and the packing list (what to take off the shelf, then each parcel), both
at a fixed number of queries however many orders are chosen."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop import order_reports, order_states
from shop.models import Order, OrderLine
from tests.shop.factories import make_product
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db
PLACED = datetime(2026, 11, 28, 7, 5, 42, 123456, tzinfo=UTC)  # 14:05 in Bangkok
HEADER = [
    "order",
    "placed",
    "paid",
    "status",
    "name",
    "email",
    "address",
    "address line 2",
    "city",
    "postcode",
    "country",
    "product",
    "variant",
    "SKU",
    "quantity",
    "unit price",
    "line total",
    "gift",
    "order total",
    "currency",
    "note",
]


@pytest.fixture(autouse=True)
def bangkok(settings):
    settings.TIME_ZONE = "Asia/Bangkok"


def run_action(client, action, orders):
    return client.post(
        reverse("admin:shop_order_changelist"),
        {"action": action, "_selected_action": [order.pk for order in orders]},
    )


def export(client, orders):
    response = run_action(client, "export_csv", orders)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def shirt_and_bag_order(donation="12"):
    shirt = make_product("Freedom Story T-shirt", price=Decimal("20.00"), stock=10)
    bag = make_product("Tote bag", price=Decimal("15.50"), stock=10)
    order = make_order([(shirt, 2), (bag, 1)], donation=Decimal(donation))
    OrderLine.objects.filter(product=shirt).update(variant_name="M, Black", sku="FS-TS-M-BLK")
    Order.objects.filter(pk=order.pk).update(created_at=PLACED, address_line2="Tambon Pa Sang")
    order.refresh_from_db()
    return order


def gift_only_order():
    order = make_order(lines=[], donation=Decimal("30"))
    Order.objects.filter(pk=order.pk).update(address_line1="", city="", postcode="", country="")
    order.refresh_from_db()
    return order


# --- The spreadsheet ----------------------------------------------------------------------------


def test_the_csv_has_a_row_per_order_line_with_every_column_staff_need(admin_client):
    order = shirt_and_bag_order()
    order_states.transition(order, "mark_paid")
    Order.objects.filter(pk=order.pk).update(paid_at=datetime(2026, 11, 29, 1, 30, tzinfo=UTC))
    response = run_action(admin_client, "export_csv", [order])
    assert next(csv.reader(io.StringIO(response.content.decode()))) == HEADER
    shirt, bag = export(admin_client, [order])
    assert shirt == {
        "order": order.number,
        "placed": "2026-11-28 14:05",
        "paid": "2026-11-29 08:30",
        "status": "Paid",
        "name": "Somchai Donor",
        "email": "somchai@example.org",
        "address": "12 Moo 3",
        "address line 2": "Tambon Pa Sang",
        "city": "Chiang Rai",
        "postcode": "57000",
        "country": "Thailand",
        "product": "Freedom Story T-shirt",
        "variant": "M, Black",
        "SKU": "FS-TS-M-BLK",
        "quantity": "2",
        "unit price": "20.00",
        "line total": "40.00",
        "gift": "12.00",
        "order total": "67.50",
        "currency": "USD",
        "note": "Size M please",
    }
    assert (bag["product"], bag["variant"], bag["SKU"], bag["line total"]) == (
        "Tote bag",
        "",
        "",
        "15.50",
    )
    # The order's own amounts once, on its first row: a column's sum is the real amount.
    assert (bag["order"], bag["gift"], bag["order total"]) == (order.number, "", "")


def test_an_unpaid_order_has_an_empty_paid_date(admin_client):
    (row, _bag) = export(admin_client, [shirt_and_bag_order()])
    assert (row["paid"], row["status"]) == ("", "Pending payment")


def test_a_gift_only_order_still_has_its_row_with_the_product_columns_empty(admin_client):
    order = gift_only_order()
    (row,) = export(admin_client, [order])
    assert row["order"] == order.number and row["gift"] == "30.00" and row["order total"] == "30.00"
    for column in ("product", "variant", "SKU", "quantity", "unit price", "line total", "address"):
        assert row[column] == "", column


def test_orders_come_oldest_first_and_only_the_chosen_ones(admin_client):
    first, second, not_chosen = make_order(), make_order(), make_order()
    rows = export(admin_client, [second, first])
    assert [row["order"] for row in rows] == [first.number, second.number]
    assert not_chosen.number not in {row["order"] for row in rows}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_made_text(admin_client, start):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(
        name=f'{start}HYPERLINK("http://evil.example")', note=f"{start}1+1"
    )
    OrderLine.objects.filter(order=order).update(product_name=f"{start}cmd|' /C calc'!A0")
    (row,) = export(admin_client, [order])
    assert row["name"] == f'\'{start}HYPERLINK("http://evil.example")'
    assert row["note"] == f"'{start}1+1"
    assert row["product"] == f"'{start}cmd|' /C calc'!A0"
    assert row["email"] == "somchai@example.org"  # ordinary text is left alone


def test_the_csv_reads_2_or_20_orders_in_the_same_number_of_queries(admin_client):
    """Prevents an n+1: the lines of every order come in one query."""

    def queries_for(orders):
        with CaptureQueriesContext(connection) as queries:
            rows = export(admin_client, orders)
        assert len(rows) == 2 * len(orders)
        return len(queries)

    product, other = make_product(stock=1000), make_product(stock=1000)
    orders = [make_order([(product, 1), (other, 1)]) for _ in range(20)]
    assert queries_for(orders[:2]) == queries_for(orders)


# --- The packing list ---------------------------------------------------------------------------


def packing_orders():
    """Two parcels sharing a variant, one with another; three orders with nothing to post."""
    shirt = make_product("Freedom Story T-shirt", stock=100)
    book = make_product("Stories of Freedom", stock=100)
    bag = make_product("Tote bag", stock=100)
    first = make_order([(shirt, 2), (book, 1)])
    second = make_order([(shirt, 1), (bag, 3)])
    third = make_order([(shirt, 1)])
    OrderLine.objects.filter(order__in=[first, second]).filter(product=shirt).update(
        variant_name="M, Black", sku="FS-TS-M-BLK"
    )
    OrderLine.objects.filter(order=third).update(variant_name="L, White", sku="FS-TS-L-WHT")
    cancelled = make_order([(bag, 5)])
    order_states.transition(cancelled, "cancel")
    no_address = make_order([(book, 4)])
    Order.objects.filter(pk=no_address.pk).update(address_line1="", city="", postcode="")
    return [first, second, third, cancelled, no_address, gift_only_order()]


def test_the_packing_list_adds_up_each_product_and_variant_across_the_orders():
    orders = packing_orders()
    packing = order_reports.packing_list(Order.objects.filter(pk__in=[o.pk for o in orders]))
    assert [(item.product, item.variant, item.quantity, item.skus) for item in packing.to_pack] == [
        ("Freedom Story T-shirt", "L, White", 1, {"FS-TS-L-WHT"}),
        ("Freedom Story T-shirt", "M, Black", 3, {"FS-TS-M-BLK"}),
        ("Stories of Freedom", "", 1, set()),
        ("Tote bag", "", 3, set()),
    ]
    first, second, third, cancelled, no_address, gift = orders
    assert packing.parcels == [first, second, third]
    assert packing.not_posted == [
        (cancelled, "cancelled"),
        (no_address, "no_address"),
        (gift, "gift_only"),
    ]


def test_the_printed_packing_list_shows_each_parcel_and_sets_apart_what_is_not_posted(
    admin_client,
):
    orders = packing_orders()
    first, second, third, cancelled, no_address, gift = orders
    html = run_action(admin_client, "packing_list", orders).content.decode()
    assert "<h1>Packing list</h1>" in html
    assert "3 parcels to pack, 3 orders with nothing to post." in html
    shelf = html.split("<h2>To take off the shelf</h2>")[1].split('<section class="parcel">')[0]
    assert (
        "<td>Freedom Story T-shirt</td><td>M, Black</td><td>FS-TS-M-BLK</td>"
        '<td class="number">3</td>' in shelf
    )
    assert html.count('<section class="parcel">') == 3
    assert f"<h2>{first.number} · Somchai Donor" in html
    assert "<address>Somchai Donor<br>12 Moo 3<br>Chiang Rai 57000<br>Thailand</address>" in html
    assert "The donor's note:</strong> Size M please" in html
    apart = html.split("<h2>Nothing to post</h2>")[1]
    assert f"{cancelled.number} · Somchai Donor: cancelled, do not pack it." in apart
    assert f"{no_address.number} · Somchai Donor: no posting address" in apart
    assert f"{gift.number} · Somchai Donor: a gift only." in apart
    assert "admin-orders.css" in html  # its print styles leave the admin's menus off the paper


def test_an_unpaid_parcel_is_marked_so_nobody_posts_it_unnoticed(admin_client):
    order = make_order()
    html = run_action(admin_client, "packing_list", [order]).content.decode()
    assert (
        f'{order.number} · Somchai Donor <span class="order-status '
        'order-status--pending_payment">Pending payment</span>' in html
    )


def test_the_packing_list_reads_2_or_12_orders_in_the_same_number_of_queries(admin_client):
    def queries_for(orders):
        with CaptureQueriesContext(connection) as queries:
            html = run_action(admin_client, "packing_list", orders).content.decode()
        assert html.count('<section class="parcel">') == len(orders)
        return len(queries)

    product, other = make_product(stock=1000), make_product(stock=1000)
    orders = [make_order([(product, 1), (other, 2)]) for _ in range(12)]
    assert queries_for(orders[:2]) == queries_for(orders)
