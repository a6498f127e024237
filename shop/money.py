"""Amounts in the shop's one currency (settings.SHOP_CURRENCY), written for the page's reader.

English: "$1,250.00". Thai readers write baht after the number ("1,250.00 บาท", a gift
"500 บาท"), and on a Thai page a bare "$" could be any dollar, so the US dollar reads "US$25.00";
every other currency reads as in English. Digits are grouped by the active language's format
module (freedomstory/formats/), the same in both languages today.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "THB": "฿", "AUD": "A$", "CAD": "C$", "JPY": "¥"}
# Currencies without a minor unit: amounts are whole numbers, and Stripe takes them as they are.
ZERO_DECIMAL = {"JPY", "KRW", "VND"}
# How a Thai page writes a currency, where that differs from the English symbol in front.
THAI_SYMBOLS = {"USD": "US$"}
THAI_WORDS_AFTER = {"THB": "บาท"}
# Between a number and its unit: never broken across lines (a narrow cart, an e-mail).
NO_BREAK_SPACE = "\u00a0"


def decimal_places():
    return 0 if settings.SHOP_CURRENCY in ZERO_DECIMAL else 2


def quantize(amount):
    return Decimal(amount).quantize(Decimal(1).scaleb(-decimal_places()), rounding=ROUND_HALF_UP)


def currency_symbol():
    return SYMBOLS.get(settings.SHOP_CURRENCY, settings.SHOP_CURRENCY)


def currency_marks():
    """Every way this site writes the shop's currency beside a number, in any language, longest
    first ("US$" before "$"): what a donor may type around an amount ("US$25", "500 บาท")."""
    currency = settings.SHOP_CURRENCY
    marks = {currency, SYMBOLS.get(currency), THAI_SYMBOLS.get(currency)}
    marks.add(THAI_WORDS_AFTER.get(currency))
    return sorted(filter(None, marks), key=len, reverse=True)


def from_minor_units(units):
    """An amount given in the currency's smallest unit (as payment providers send it)."""
    return quantize(Decimal(units).scaleb(-decimal_places()))


def format_money(amount):
    if amount is None:
        return ""
    return _written(quantize(amount), decimal_places())


def format_gift(amount):
    """A gift as donors write it: "$25" for a whole amount, "$12.50" otherwise."""
    if amount is None:
        return ""
    amount = quantize(amount)
    return _written(amount, 0 if amount == amount.to_integral_value() else decimal_places())


def _written(amount, places):
    """`amount` with `places` decimals, grouped, in the shop's currency as the reader writes it."""
    currency = settings.SHOP_CURRENCY
    number = number_format(amount, places, use_l10n=True, force_grouping=True)
    if translation.get_language() == "th":
        if currency in THAI_WORDS_AFTER:
            return f"{number}{NO_BREAK_SPACE}{THAI_WORDS_AFTER[currency]}"
        symbol = THAI_SYMBOLS.get(currency) or SYMBOLS.get(currency)
    else:
        symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def plain_amount(amount):
    """An amount as a form field holds it: "25", "12.5"."""
    return f"{quantize(amount).normalize():f}"


def minor_units(amount):
    """The amount in the currency's smallest unit (cents), as payment providers want it."""
    return int(quantize(amount) * (10 ** decimal_places()))
