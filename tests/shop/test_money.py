"""Amounts as each reader writes them: English unchanged ("$1,250.00"), Thai readers' baht
after the number ("1,250.00 บาท") and a US dollar that cannot be taken for another ("US$")."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from shop.forms.cart import DonationForm
from shop.money import format_gift, format_money
from tests.shop.factories import make_product

NBSP = "\u00a0"


def in_language(language, function, amount, currency):
    with translation.override(language), override_settings(SHOP_CURRENCY=currency):
        return function(amount)


@pytest.mark.parametrize(
    ("currency", "money", "whole_gift", "gift_with_cents"),
    [
        ("USD", "$1,250.00", "$1,250", "$12.50"),
        ("THB", "฿1,250.00", "฿1,250", "฿12.50"),
        ("EUR", "€1,250.00", "€1,250", "€12.50"),
        ("JPY", "¥1,250", "¥1,250", "¥13"),
    ],
)
def test_english_amounts_are_written_as_before(currency, money, whole_gift, gift_with_cents):
    assert in_language("en", format_money, Decimal("1250"), currency) == money
    assert in_language("en", format_gift, Decimal("1250"), currency) == whole_gift
    assert in_language("en", format_gift, Decimal("12.5"), currency) == gift_with_cents


def test_english_money_rounds_and_groups_as_before():
    assert in_language("en", format_money, Decimal("1234567.891"), "USD") == "$1,234,567.89"
    assert in_language("en", format_money, Decimal("999.995"), "USD") == "$1,000.00"
    assert in_language("en", format_money, "7.10", "USD") == "$7.10"
    assert in_language("en", format_money, None, "USD") == ""


def test_a_whole_gift_in_a_currency_without_a_symbol_drops_its_zeros_too():
    """The old rule took ".00" off the end of "25.00 CHF", where it is not the end."""
    assert in_language("en", format_gift, Decimal("25"), "CHF") == "25 CHF"
    assert in_language("en", format_money, Decimal("25"), "CHF") == "25.00 CHF"


def test_thai_readers_read_baht_after_the_number_never_broken_from_it():
    assert in_language("th", format_money, Decimal("1250"), "THB") == f"1,250.00{NBSP}บาท"
    assert in_language("th", format_gift, Decimal("500"), "THB") == f"500{NBSP}บาท"
    assert in_language("th", format_gift, Decimal("12.5"), "THB") == f"12.50{NBSP}บาท"


def test_thai_readers_read_the_us_dollar_as_us_dollars():
    assert in_language("th", format_money, Decimal("1250"), "USD") == "US$1,250.00"
    assert in_language("th", format_gift, Decimal("25"), "USD") == "US$25"


def test_other_currencies_read_in_thai_as_in_english():
    assert in_language("th", format_money, Decimal("1250"), "EUR") == "€1,250.00"
    assert in_language("th", format_money, Decimal("1250"), "CHF") == "1,250.00 CHF"


@pytest.mark.django_db
def test_a_thai_product_page_prices_in_baht_and_the_english_one_as_before(client, settings):
    settings.SHOP_CURRENCY = "THB"
    product = make_product("Shirt", price=Decimal("1250"))
    with translation.override("th"):
        thai_url = product.get_absolute_url()
    with translation.override("en"):
        english_url = product.get_absolute_url()
    assert f"1,250.00{NBSP}บาท" in client.get(thai_url).content.decode()
    english = client.get(english_url).content.decode()
    assert "฿1,250.00" in english and "บาท" not in english


@pytest.mark.parametrize(
    "currency, typed, amount",
    [
        ("THB", "500 บาท", "500"),
        ("THB", "฿1,000", "1000"),
        ("THB", "250THB", "250"),
        ("USD", "US$25", "25"),
        ("USD", "$12.50", "12.50"),
        ("USD", " 25 ", "25"),
    ],
)
def test_a_gift_typed_as_either_language_writes_money_is_taken(settings, currency, typed, amount):
    settings.SHOP_CURRENCY = currency
    form = DonationForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(amount)


def test_a_currency_mark_inside_the_number_is_still_refused(settings):
    settings.SHOP_CURRENCY = "THB"
    assert not DonationForm({"amount": "5บาท00"}).is_valid()
