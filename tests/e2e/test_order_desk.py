"""The order desk as a browser lays it out: the order list shows every column at 1280 px without
scrolling sideways (its status column used to be cut off), and a step button does its step."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from shop.models import Order, OrderLine
from tests.e2e.conftest import STAFF_PASSWORD
from tests.shop.factories import make_product
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db(transaction=True)
COLUMNS = ["Number", "Placed", "Donor", "Items", "Total", "Gift", "Status", "Payment"]


def log_in(visitor):
    get_user_model().objects.create_superuser("nok", "nok@example.org", STAFF_PASSWORD)
    visitor.sign_in("nok")


def ten_orders():
    shirt = make_product("Freedom Story T-shirt", stock=100)
    bag = make_product("Woven tote bag", stock=100)
    for number in range(10):
        order = make_order([(shirt, 1 + number % 3), (bag, 1)], donation=Decimal("25"))
        OrderLine.objects.filter(order=order, product=shirt).update(variant_name="XL, Sunrise")
        Order.objects.filter(pk=order.pk).update(
            name="Grace O'Neill-Whitaker", email="grace.oneill.whitaker@example.co.uk"
        )


def test_every_column_of_the_order_list_is_seen_at_1280_pixels(desktop_visitor):
    ten_orders()
    log_in(desktop_visitor)
    desktop_visitor.go("/admin/shop/order/")
    results = desktop_visitor.find("#changelist-form .results")
    scroll, visible = desktop_visitor.driver.execute_script(
        "return [arguments[0].scrollWidth, arguments[0].clientWidth]", results
    )
    assert scroll <= visible, "the order list scrolls sideways"
    headers = [th.text.strip().title() for th in desktop_visitor.find_all("#result_list thead th")]
    assert headers[1:] == COLUMNS
    page_width = desktop_visitor.driver.execute_script("return document.body.clientWidth")
    for header in desktop_visitor.find_all("#result_list thead th"):
        assert header.rect["x"] + header.rect["width"] <= page_width, header.text
    desktop_visitor.snap("order-list")


def test_staff_mark_an_order_paid_from_its_page(desktop_visitor):
    order = make_order()
    log_in(desktop_visitor)
    desktop_visitor.go(f"/admin/shop/order/{order.pk}/change/")
    desktop_visitor.click(desktop_visitor.find(".order-steps button[type=submit]"))
    desktop_visitor.wait_for_text(".messagelist", f"Order {order.number} marked paid")
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert "Mark fulfilled" in desktop_visitor.text(".order-steps")
    desktop_visitor.snap("marked-paid")
