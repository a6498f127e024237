"""The cart domain (shop/cart.py) without any request: typed results, pure reads, one count."""

from decimal import Decimal

import pytest
from django.conf import settings

from shop import cart as cart_service
from shop import purchase, wording
from shop.checkout import CheckoutProblem, Donor, place_order
from shop.models import Cart, CartLine, Order
from shop.problems import Kind, Problem
from tests.shop.factories import (
    cart_cookie_value,
    give_cart,
    lines_of,
    make_cart,
    make_product,
    set_stock,
    variant_of,
)

pytestmark = pytest.mark.django_db


def stored_lines(cart):
    return sorted(
        CartLine.objects.filter(cart=cart).values_list("name", "quantity", "unit_price_seen")
    )


def a_cart_with_every_kind_of_change():
    """Four lines: one fine, one taken off sale, one sold out, one above its stock, one repriced."""
    fine = make_product("Fine", price=Decimal("10.00"))
    gone = make_product("Gone")
    sold = make_product("Sold", stock=5)
    scarce = make_product("Scarce", stock=10)
    repriced = make_product("Repriced", price=Decimal("20.00"))
    cart = make_cart([(fine, 1), (gone, 1), (sold, 2), (scarce, 6), (repriced, 1)])
    gone.is_active = False
    gone.save()
    set_stock(sold, 0)
    set_stock(scarce, 4)
    repriced.price = Decimal("25.00")
    repriced.save()
    return cart


def test_reviewing_a_cart_reports_typed_problems_and_writes_nothing():
    cart = a_cart_with_every_kind_of_change()
    before = stored_lines(cart)
    reviewed = cart_service.review(cart)
    assert {(problem.kind, problem.name) for problem in reviewed.problems} == {
        (Kind.UNAVAILABLE, "Gone"),
        (Kind.SOLD_OUT, "Sold"),
        (Kind.LOW_STOCK, "Scarce"),
        (Kind.PRICE_CHANGED, "Repriced"),
    }
    assert Problem(Kind.LOW_STOCK, "Scarce", allowed=4) in reviewed.problems
    assert [(item.product.name, item.quantity) for item in reviewed.lines] == [
        ("Fine", 1),
        ("Scarce", 4),
        ("Repriced", 1),
    ]
    assert stored_lines(cart) == before  # reading never writes
    assert cart_service.review(cart).problems == reviewed.problems


def test_reconcile_applies_the_review_once_and_then_there_is_nothing_to_say():
    cart = a_cart_with_every_kind_of_change()
    reviewed = cart_service.reconcile(cart)
    assert len(reviewed.problems) == 4
    assert stored_lines(cart) == [
        ("Fine", 1, Decimal("10.00")),
        ("Repriced", 1, Decimal("25.00")),
        ("Scarce", 4, Decimal("20.00")),
    ]
    assert cart_service.review(cart).problems == []


def test_one_count_rule_for_the_review_the_cookie_the_summary_and_the_header(client):
    """A sold-out line counts 0 and a line above its stock counts what is left, everywhere."""
    cart = a_cart_with_every_kind_of_change()
    Cart.objects.filter(pk=cart.pk).update(donation_amount=Decimal("5"))
    cart.refresh_from_db()
    expected = 1 + 4 + 1 + 1  # fine, scarce lowered to 4, repriced, the donation
    assert cart_service.count(cart) == cart_service.review(cart).count == expected
    client.cookies[settings.CART_COOKIE_NAME] = cart_cookie_value(cart)  # no count cookie yet
    response = client.get("/cart/summary.json")
    assert response.json()["count"] == expected
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == str(expected)
    html = client.get("/news/").content.decode()
    assert f"<span data-cart-count-text>{expected} items in cart</span>" in html


def test_a_change_returns_data_and_the_words_are_made_apart():
    shirt = make_product("Shirt", stock=3)
    cart = Cart()
    result = cart_service.add(cart, variant_of(shirt), 5)
    assert (result.ok, result.added, result.holds) == (True, 3, 3)
    assert result.problem == Problem(Kind.LOW_STOCK, "Shirt", allowed=3)
    assert not cart.is_new  # the first add stored the cart
    assert wording.result_text(result) == (
        "Only 3 of “Shirt” left. We added 3; your cart now holds 3."
    )
    refused = cart_service.remove(cart, variant_of(make_product("Bag")))
    assert not refused.ok and refused.problem.kind == Kind.NOT_IN_CART


def test_the_purchase_rule_answers_with_a_typed_problem_not_a_sentence():
    verdict = purchase.check(variant_of(make_product("Mug", stock=2)), 5)
    assert verdict.quantity == 2
    assert verdict.problem == Problem(Kind.LOW_STOCK, "Mug", allowed=2)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_of_problem_has_words_for_donors(kind):
    problem = Problem(kind, "Shirt", allowed=2, was=Decimal("1"), now=Decimal("2"))
    text = wording.problem_text(problem)
    assert text.endswith(".") and "None" not in text and "{" not in text


def test_reading_a_new_visitors_cart_costs_no_query_and_stores_nothing(
    django_assert_num_queries,
):
    cart = Cart()
    with django_assert_num_queries(0):
        reviewed = cart_service.review(cart)
        assert cart_service.count(cart) == 0
    assert reviewed.is_empty and not Cart.objects.exists()


def test_a_problem_found_inside_checkout_rolls_back_and_changes_nothing_in_the_cart():
    shirt = make_product("Shirt", stock=5)
    cart = make_cart([(shirt, 3)])
    set_stock(shirt, 1)
    with pytest.raises(CheckoutProblem) as raised:
        place_order(cart, Donor(name="A", email="a@example.org"), "offline")
    assert raised.value.problems == [Problem(Kind.LOW_STOCK, "Shirt", allowed=1)]
    assert lines_of(cart) == {"Shirt": 3}  # placing an order never fixes a cart
    assert not Order.objects.exists()


def test_checkout_puts_the_cart_right_outside_the_transaction_and_the_fix_stays(client):
    shirt = make_product("Shirt", stock=5)
    cart = give_cart(client, make_cart([(shirt, 3)]))
    set_stock(shirt, 1)
    response = client.post("/checkout/", {"name": "A", "email": "a@example.org"}, follow=True)
    assert response.redirect_chain == [("/cart/", 302)]
    assert "Only 1 of “Shirt” left. We changed your cart to 1." in response.content.decode()
    assert lines_of(cart) == {"Shirt": 1}
    assert not Order.objects.exists()


def test_a_cookie_naming_a_cart_that_is_gone_is_cleared_and_no_cart_is_made(client):
    cart = give_cart(client, make_cart([(make_product("Shirt"), 2)]))
    cart.delete()  # as clear_stale_carts would
    response = client.get("/cart/")
    assert "Your cart is empty" in response.content.decode()
    assert response.cookies[settings.CART_COOKIE_NAME]["max-age"] == 0
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "0"
    assert not Cart.objects.exists()


def test_a_page_that_never_looks_at_the_cart_costs_no_cart_query_nor_cart_cookie(
    client, django_assert_num_queries
):
    product = make_product("Shirt")
    client.post("/cart/add/", {"product": product.pk, "quantity": 1})
    client.get(product.get_absolute_url())  # warm anything lazily built once per process
    # The product, its images, its variants and the menus' site pages (every page has those);
    # nothing about
    # the cart.
    with django_assert_num_queries(4):
        response = client.get(product.get_absolute_url())
    assert settings.CART_COOKIE_NAME not in response.cookies
    assert settings.CART_COUNT_COOKIE_NAME not in response.cookies
    assert "1 item in cart" in response.content.decode()


def test_only_the_middleware_reads_or_writes_the_cart_cookies():
    """Views and services never handle cart cookies; shop/middleware.py is the one place."""
    from pathlib import Path

    import shop

    words = ("CART_COOKIE_NAME", "CART_COUNT_COOKIE_NAME", "set_cookie", "delete_cookie")
    words += ("set_signed_cookie", "get_signed_cookie", "COOKIES")
    root = Path(shop.__file__).parent
    offenders = [
        f"{path.relative_to(root)}: {word}"
        for path in root.rglob("*.py")
        if path.name != "middleware.py" and "migrations" not in path.parts
        for word in words
        if word in path.read_text()
    ]
    assert offenders == []


@pytest.mark.parametrize("value", ["²", "¹", "1e3", "-1", "99999", "abc", ""])
def test_a_malformed_count_cookie_reads_as_zero_and_never_breaks_a_page(client, value):
    give_cart(client, make_cart([(make_product("Shirt"), 1)]))
    client.cookies[settings.CART_COUNT_COOKIE_NAME] = value
    html = client.get("/news/").content.decode()
    assert "<span data-cart-count-text>0 items in cart</span>" in html
    response = client.get("/cart/")
    assert response.status_code == 200
    assert response.cookies[settings.CART_COUNT_COOKIE_NAME].value == "1"  # put right
    assert client.get("/cart/summary.json").status_code == 200


def test_the_mini_cart_tells_of_a_change_without_putting_it_right(client):
    """Only the cart page and checkout fix a cart; the mini-cart keeps saying what changed."""
    shirt = make_product("Shirt", price=Decimal("20.00"))
    cart = give_cart(client, make_cart([(shirt, 1)]))
    shirt.price = Decimal("35.00")
    shirt.save()
    for _ in range(2):
        notices = client.get("/cart/summary.json").json()["notices"]
        assert notices == ["The price of “Shirt” changed from $20.00 to $35.00."]
    assert stored_lines(cart) == [("Shirt", 1, Decimal("20.00"))]
    response = client.get("/checkout/", follow=True)
    assert response.redirect_chain == [("/cart/", 302)]  # checkout stops to show the new price


def test_a_line_added_while_the_cart_becomes_an_order_goes_into_a_new_cart():
    """The visitor's request loaded the cart just before another request checked it out."""
    shirt, book = make_product("Shirt"), make_product("Book")
    stored_cart = make_cart([(shirt, 1)])
    visitors_copy = Cart.objects.get(pk=stored_cart.pk)
    place_order(stored_cart, Donor(name="A", email="a@example.org"), "offline")
    result = cart_service.add(visitors_copy, variant_of(book), 1)
    assert result.ok and visitors_copy.pk != stored_cart.pk
    assert lines_of(visitors_copy) == {"Book": 1}
    assert lines_of(stored_cart) == {"Shirt": 1}  # the order's cart took nothing more
    assert Cart.objects.get(pk=visitors_copy.pk).is_open
