"""The cart service under any sequence of changes, from donors and staff alike (hypothesis).

Donors add, update, remove and give; meanwhile staff sell out, restock, take products off sale
and change prices. Whatever the order, the cart's rules hold.
"""

from decimal import Decimal

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from shop import cart as cart_service
from shop.models import Cart, CartLine, Product, Variant
from tests.shop.factories import make_product, set_stock, variant_of

pytestmark = pytest.mark.django_db

PRODUCTS = 3
quantities = st.integers(min_value=1, max_value=settings.CART_MAX_QUANTITY)
product_numbers = st.integers(min_value=0, max_value=PRODUCTS - 1)


def stored(cart):
    if cart.is_new:
        return {}
    return dict(CartLine.objects.filter(cart=cart).values_list("variant__product_id", "quantity"))


class CartMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.products = [make_product(stock=stock) for stock in (None, 6, 3)]
        self.cart = Cart()

    def variant(self, number):
        return variant_of(self.products[number])

    @rule(number=product_numbers, quantity=quantities)
    def add(self, number, quantity):
        variant = self.variant(number)
        before = stored(self.cart).get(variant.product_id, 0)
        result = cart_service.add(self.cart, variant, quantity)
        after = stored(self.cart).get(variant.product_id, 0)
        if result.ok:
            assert after == result.holds == before + result.added
            assert result.added <= quantity
        else:
            assert after == before  # a refused add changes nothing

    @rule(number=product_numbers, quantity=st.integers(0, settings.CART_MAX_QUANTITY))
    def update(self, number, quantity):
        variant = self.variant(number)
        result = cart_service.update(self.cart, variant, quantity)
        if result.ok and quantity:
            assert stored(self.cart)[variant.product_id] == result.holds <= quantity

    @rule(number=product_numbers)
    def remove(self, number):
        variant = self.variant(number)
        cart_service.remove(self.cart, variant)
        assert variant.product_id not in stored(self.cart)

    @rule(amount=st.sampled_from(["0.50", "1", "25", "10000", "10000.01"]))
    def give(self, amount):
        result = cart_service.set_donation(self.cart, Decimal(amount))
        assert result.ok == (settings.DONATION_MIN <= Decimal(amount) <= settings.DONATION_MAX)

    @rule()
    def take_back_the_donation(self):
        cart_service.remove_donation(self.cart)
        assert self.cart.is_new or Cart.objects.get(pk=self.cart.pk).donation_amount is None

    @rule(number=product_numbers, stock=st.one_of(st.none(), st.integers(0, 8)))
    def staff_set_the_stock(self, number, stock):
        set_stock(self.products[number], stock)

    @rule(number=product_numbers, on_sale=st.booleans())
    def staff_toggle_the_variant_on_sale(self, number, on_sale):
        Variant.objects.filter(product=self.products[number]).update(is_active=on_sale)

    @rule(number=product_numbers, on_sale=st.booleans())
    def staff_toggle_on_sale(self, number, on_sale):
        Product.objects.filter(pk=self.products[number].pk).update(is_active=on_sale)

    @rule(number=product_numbers, price=st.sampled_from(["5.00", "20.00", "24.50"]))
    def staff_set_the_price(self, number, price):
        Product.objects.filter(pk=self.products[number].pk).update(price=Decimal(price))

    @rule()
    def reconcile(self):
        reviewed = cart_service.reconcile(self.cart)
        after = cart_service.review(self.cart)
        assert after.problems == []  # every problem is fixed once, and then silent
        lines = stored(self.cart)
        assert after.count == sum(lines.values()) + (1 if after.donation else 0)
        assert after.count == reviewed.count  # fixing changes nothing the donor was shown

    @invariant()
    def lines_stay_within_the_bounds(self):
        assert all(
            1 <= quantity <= settings.CART_MAX_QUANTITY for quantity in stored(self.cart).values()
        )

    @invariant()
    def reviewing_never_writes(self):
        before = stored(self.cart)
        cart_service.review(self.cart)
        assert stored(self.cart) == before

    @invariant()
    def the_count_never_promises_more_than_is_stored(self):
        reviewed = cart_service.review(self.cart)
        stored_units = sum(stored(self.cart).values())
        donation = 1 if reviewed.donation else 0
        assert reviewed.count <= stored_units + donation
        if not reviewed.problems:
            assert reviewed.count == stored_units + donation


def test_the_cart_keeps_its_rules_under_any_sequence_of_changes():
    run_state_machine_as_test(
        CartMachine,
        settings=hypothesis_settings(max_examples=40, stateful_step_count=25, deadline=None),
    )
