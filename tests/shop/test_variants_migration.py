"""The move to variants, on a database holding the carts and orders of the site before it."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from shop import cart as cart_service
from shop.models import Cart, CartLine, OrderLine, Variant
from tests.shop.factories import make_cart, make_options, make_product, stock_of
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = import_module("shop.migrations.0012_product_variants").Migration.dependencies[0]


def migrate_to(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


def test_todays_products_carts_and_orders_move_to_plain_variants_unchanged():
    old = migrate_to(BEFORE)
    try:
        Product = old.get_model("shop", "Product")
        OldCart = old.get_model("shop", "Cart")
        OldLine = old.get_model("shop", "CartLine")
        Order = old.get_model("shop", "Order")
        OldOrderLine = old.get_model("shop", "OrderLine")
        shirt = Product.objects.create(name="Shirt", slug="shirt", price=Decimal("20"), stock=7)
        book = Product.objects.create(name="Book", slug="book", price=Decimal("15"), stock=None)
        cart = OldCart.objects.create(status="open")
        OldLine.objects.create(
            cart=cart, product=shirt, product_name="Shirt", quantity=2, unit_price_seen=20
        )
        # A line whose product was deleted keeps only its name.
        OldLine.objects.create(
            cart=cart, product=None, product_name="Old mug", quantity=1, unit_price_seen=9
        )
        paid_cart = OldCart.objects.create(status="submitted")
        order = Order.objects.create(
            number="FS-10001",
            token="t" * 43,
            cart=paid_cart,
            payment_backend="offline",
            name="A donor",
            email="a@example.org",
            currency="USD",
            merchandise_total=Decimal("15"),
            total=Decimal("15"),
        )
        OldOrderLine.objects.create(
            order=order, product=book, product_name="Book", unit_price=15, quantity=1
        )
    finally:
        new = MigrationExecutor(connection).loader.graph.leaf_nodes()
        migrate_to(*new)

    shirt_variant = Variant.objects.get(product_id=shirt.pk)
    book_variant = Variant.objects.get(product_id=book.pk)
    assert (shirt_variant.name, shirt_variant.stock, shirt_variant.is_active) == ("", 7, True)
    assert book_variant.stock is None
    lines = {line.name: line for line in CartLine.objects.filter(cart_id=cart.pk)}
    assert lines["Shirt"].variant == shirt_variant and lines["Shirt"].quantity == 2
    assert lines["Old mug"].variant is None
    assert OrderLine.objects.get(order_id=order.pk).variant == book_variant

    # The moved cart still works: the review drops the deleted product's line, and adding the
    # same product again adds up in its line.
    moved = Cart.objects.get(pk=cart.pk)
    assert [item.name for item in cart_service.review(moved).lines] == ["Shirt"]
    result = cart_service.add(moved, shirt_variant, 1)
    assert result.ok and result.holds == 3


def test_going_back_before_variants_and_forward_again_keeps_what_the_old_schema_can_hold():
    """`migrate shop 0011` on a site with data failed: the lines' product_name came back empty
    (NOT NULL), and two sizes of one shirt in one cart broke the old one-line-per-product rule.
    A line of a plain variant goes back to its product; a line of a chosen size keeps its name
    only, like a line whose product went."""
    long_name = "Freedom Story organic cotton T-shirt, printed in Chiang Rai " * 2
    shirt = make_product(long_name[:120])
    sizes = make_options(shirt, ("Size", "S, M"), stock=5)
    book = make_product("Book", stock=4)
    cart = make_cart([(sizes["S"], 1), (sizes["M"], 2), (book, 3)])
    order = make_order([(book, 1)])
    book_stock = stock_of(book)
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate_to(BEFORE)
        OldLine = old.get_model("shop", "CartLine")
        lines = {
            line.product_name: (line.product_id, line.quantity)
            for line in OldLine.objects.filter(cart_id=cart.pk)
        }
        assert lines == {
            f"{shirt.name} – S"[:120]: (None, 1),
            f"{shirt.name} – M"[:120]: (None, 2),
            "Book": (book.pk, 3),
        }
        assert old.get_model("shop", "Product").objects.get(pk=book.pk).stock == book_stock
    finally:
        migrate_to(*leaf)
    assert CartLine.objects.get(cart_id=cart.pk, name="Book").variant.product_id == book.pk
    assert Variant.objects.get(product_id=book.pk).stock == book_stock
    assert OrderLine.objects.get(order_id=order.pk).variant.product_id == book.pk
