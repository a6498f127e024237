"""The order page and the receipt list the gift as a line of its own, so a gift-only order
shows the gift, never an empty table."""

import re
from decimal import Decimal

import pytest
from django.core import mail

from shop.emails import send_order_receipt
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db


def table_rows(page):
    """The rows of the order page's items table, as lists of cell texts."""
    body = re.search(r'<table class="order-table">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_a_gift_only_order_page_shows_the_gift_in_its_table(client):
    order = make_order(lines=[], donation=Decimal("30"))
    page = client.get(order.get_absolute_url()).content.decode()
    assert table_rows(page) == [["Gift to The Freedom Story", "1", "$30.00", "$30.00"]]


def test_the_gift_follows_the_items_in_the_order_page_table(client):
    order = make_order(donation=Decimal("10"))
    page = client.get(order.get_absolute_url()).content.decode()
    assert table_rows(page) == [
        ["Shirt", "2", "$20.00", "$40.00"],
        ["Gift to The Freedom Story", "1", "$10.00", "$10.00"],
    ]


def test_an_order_without_a_gift_has_no_gift_row(client):
    order = make_order()
    page = client.get(order.get_absolute_url()).content.decode()
    assert table_rows(page) == [["Shirt", "2", "$20.00", "$40.00"]]


def test_the_gift_line_is_named_after_the_charity(client, settings):
    settings.SITE_NAME = "Freedom Story Thailand"
    order = make_order(lines=[], donation=Decimal("30"))
    page = client.get(order.get_absolute_url()).content.decode()
    assert table_rows(page)[0][0] == "Gift to Freedom Story Thailand"


def test_a_gift_only_receipt_shows_the_gift_in_text_and_html():
    order = make_order(lines=[], donation=Decimal("30"))
    mail.outbox.clear()
    send_order_receipt.call(order.pk)
    receipt = mail.outbox[0]
    assert "Gift to The Freedom Story: $30.00\nTotal: $30.00" in receipt.body
    page = receipt.alternatives[0][0]
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", page)
    assert rows == [("Gift to The Freedom Story", "$30.00"), ("Total", "$30.00")]
