from django import template

from shop import wording
from shop.money import currency_symbol as shop_currency_symbol
from shop.money import format_gift, format_money

register = template.Library()


@register.filter
def money(amount):
    """12.5 → "$12.50" in the shop's currency."""
    return format_money(amount)


@register.simple_tag
def currency_symbol():
    return shop_currency_symbol()


@register.filter
def gift(amount):
    """25 → "$25", 12.5 → "$12.50": how a gift amount is written on the giving pages."""
    return format_gift(amount)


@register.simple_tag
def gift_line_name():
    return wording.gift_line_name()
