"""How a donor pays: said before the order is placed, and for a bank transfer, the account and
the reference to quote, the same on the order page and in the receipt (text and HTML)."""

import html
import re
from decimal import Decimal

import pytest
from django.core import mail

from shop import order_states
from shop.emails import send_order_receipt
from tests.shop.factories import make_product
from tests.shop.order_factories import client_with_cart, make_order

pytestmark = pytest.mark.django_db

BANK_TRANSFER_NOTE = "You'll pay by bank transfer: our details are on the next page."
CARD_NOTE = "You'll pay by card on Stripe's secure page."


@pytest.fixture
def bank(settings):
    settings.BANK_NAME = "Kasikorn Bank"
    settings.BANK_ACCOUNT_NAME = "The Freedom Story Foundation"
    settings.BANK_ACCOUNT_NUMBER = "123-4-56789-0"
    settings.BANK_SWIFT_CODE = "KASITHBK"
    settings.BANK_REFERENCE_FORMAT = "GIFT {number}"
    return settings


def payment_note(page):
    """The sentence just before the Place order button, and the button it describes."""
    found = re.search(
        r'<p class="checkout__payment-note" id="payment-note">([^<]*)</p>\s*'
        r'<button type="submit" class="checkout__submit" aria-describedby="payment-note">',
        page,
    )
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("backend, note", [("offline", BANK_TRANSFER_NOTE), ("stripe", CARD_NOTE)])
def test_checkout_says_how_the_donor_will_pay_next_to_the_place_order_button(
    client, settings, backend, note
):
    settings.PAYMENT_BACKEND = backend
    client_with_cart(client, [(make_product("Shirt"), 1)])
    assert payment_note(client.get("/checkout/").content.decode()) == note


def test_checkout_with_errors_still_says_how_the_donor_will_pay(client):
    client_with_cart(client, [(make_product("Shirt"), 1)])
    assert payment_note(client.post("/checkout/", {}).content.decode()) == BANK_TRANSFER_NOTE


def bank_rows(page):
    """The bank-details definition list as (term, description) pairs."""
    block = re.search(r'<dl class="bank-details">(.*?)</dl>', page, re.S)
    assert block, "no bank details on the page"
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1))
    return [(term, html.unescape(value)) for term, value in pairs]


def test_the_order_page_lists_the_bank_details_and_the_reference_to_quote(client, bank):
    order = make_order(donation=Decimal("10"))
    page = client.get(order.get_absolute_url()).content.decode()
    assert "How to pay" in page
    assert bank_rows(page) == [
        ("Bank", "Kasikorn Bank"),
        ("Account name", "The Freedom Story Foundation"),
        ("Account number", "123-4-56789-0"),
        ("SWIFT code", "KASITHBK"),
        ("Reference to quote", f"GIFT {order.number}"),
        ("Amount", "$50.00"),
    ]


def test_without_a_swift_code_its_row_is_left_out(client, bank):
    bank.BANK_SWIFT_CODE = ""
    order = make_order()
    terms = [term for term, _ in bank_rows(client.get(order.get_absolute_url()).content.decode())]
    assert terms == ["Bank", "Account name", "Account number", "Reference to quote", "Amount"]


def test_the_receipt_gives_the_same_bank_details_in_text_and_html(bank):
    order = make_order(donation=Decimal("10"))
    send_order_receipt.call(order.pk)
    receipt = mail.outbox[0]
    assert (
        "Bank: Kasikorn Bank\n"
        "Account name: The Freedom Story Foundation\n"
        "Account number: 123-4-56789-0\n"
        "SWIFT code: KASITHBK\n"
        f"Reference to quote: GIFT {order.number}\n"
        "Amount: $50.00\n"
    ) in receipt.body
    page = receipt.alternatives[0][0]
    pairs = re.findall(r"<dt [^>]*>(.*?)</dt><dd [^>]*>(.*?)</dd>", page)
    assert pairs == [
        ("Bank", "Kasikorn Bank"),
        ("Account name", "The Freedom Story Foundation"),
        ("Account number", "123-4-56789-0"),
        ("SWIFT code", "KASITHBK"),
        ("Reference to quote", f"GIFT {order.number}"),
        ("Amount", "$50.00"),
    ]


def test_once_paid_the_order_page_asks_for_no_transfer(client, bank):
    order = make_order()
    order_states.transition(order, "mark_paid")
    page = client.get(order.get_absolute_url()).content.decode()
    assert "How to pay" not in page and "bank-details" not in page and "123-4-56789-0" not in page


def test_a_card_order_shows_no_bank_details_on_its_page_or_receipt(client, bank):
    order = make_order(backend="stripe")
    page = client.get(order.get_absolute_url()).content.decode()
    assert "waiting for payment by card" in page and "bank-details" not in page
    send_order_receipt.call(order.pk)
    receipt = mail.outbox[0]
    assert "123-4-56789-0" not in receipt.body
    assert "123-4-56789-0" not in receipt.alternatives[0][0]
