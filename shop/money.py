"""Amounts in the shop's one currency (settings.SHOP_CURRENCY)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "THB": "฿", "AUD": "A$", "CAD": "C$", "JPY": "¥"}
# Currencies without a minor unit: amounts are whole numbers, and Stripe takes them as they are.
ZERO_DECIMAL = {"JPY", "KRW", "VND"}


def decimal_places():
    return 0 if settings.SHOP_CURRENCY in ZERO_DECIMAL else 2


def quantize(amount):
    return Decimal(amount).quantize(Decimal(1).scaleb(-decimal_places()), rounding=ROUND_HALF_UP)


def currency_symbol():
    return SYMBOLS.get(settings.SHOP_CURRENCY, settings.SHOP_CURRENCY)


def from_minor_units(units):
    """An amount given in the currency's smallest unit (as payment providers send it)."""
    return quantize(Decimal(units).scaleb(-decimal_places()))


def format_money(amount):
    if amount is None:
        return ""
    symbol = SYMBOLS.get(settings.SHOP_CURRENCY)
    number = f"{quantize(amount):,.{decimal_places()}f}"
    return f"{symbol}{number}" if symbol else f"{number} {settings.SHOP_CURRENCY}"


def format_gift(amount):
    """A gift as donors write it: "$25" for a whole amount, "$12.50" otherwise."""
    text = format_money(amount)
    zeros = "." + "0" * decimal_places()
    return text.removesuffix(zeros) if decimal_places() else text


def plain_amount(amount):
    """An amount as a form field holds it: "25", "12.5"."""
    return f"{quantize(amount).normalize():f}"


def minor_units(amount):
    """The amount in the currency's smallest unit (cents), as payment providers want it."""
    return int(quantize(amount) * (10 ** decimal_places()))
