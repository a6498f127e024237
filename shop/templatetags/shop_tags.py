from django import template
from django.conf import settings

from shop import wording
from shop.money import SYMBOLS, format_money

register = template.Library()


@register.filter
def money(amount):
    """12.5 → "$12.50" in the shop's currency."""
    return format_money(amount)


@register.simple_tag
def currency_symbol():
    return SYMBOLS.get(settings.SHOP_CURRENCY, settings.SHOP_CURRENCY)


@register.simple_tag
def gift_line_name():
    return wording.gift_line_name()
