"""The one purchase rule and money helpers, checked over many inputs (hypothesis)."""

from decimal import Decimal

from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from shop import purchase
from shop.models import Product, Variant
from shop.money import format_money, minor_units

stocks = st.one_of(st.none(), st.integers(min_value=0, max_value=500))
prices = st.decimals(min_value=Decimal("0"), max_value=Decimal("9999.99"), places=2)


@given(
    stock=stocks,
    on_sale=st.booleans(),
    variant_on_sale=st.booleans(),
    requested=st.integers(1, 500),
    price=prices,
    own_price=st.one_of(st.none(), prices),
)
def test_the_rule_never_allows_more_than_asked_stock_or_the_cart_maximum(
    stock, on_sale, variant_on_sale, requested, price, own_price
):
    product = Product(name="Shirt", price=price, is_active=on_sale)
    variant = Variant(product=product, stock=stock, price=own_price, is_active=variant_on_sale)
    verdict = purchase.check(variant, requested)
    assert 0 <= verdict.quantity <= min(requested, settings.CART_MAX_QUANTITY)
    if stock is not None:
        assert verdict.quantity <= stock
    if not (on_sale and variant_on_sale) or stock == 0:
        # A product taken off sale takes every variant with it.
        assert verdict.quantity == 0 and verdict.problem
    elif verdict.quantity < requested:
        assert verdict.problem
    else:
        expected = price if own_price is None else own_price
        assert verdict.problem is None and verdict.unit_price == expected


@given(amount=prices)
def test_minor_units_are_exact_cents_and_formatting_keeps_two_decimals(amount):
    assert minor_units(amount) == int(amount * 100)
    assert format_money(amount).startswith("$")
    assert format_money(amount).endswith(f"{amount:.2f}"[-3:])
