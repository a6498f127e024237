"""Products with options: choosing a variant on the product page, a cart line per variant, and
checkout taking stock per variant."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache

from shop import order_states
from shop.models import CartLine, Product, Variant
from tests.shop.factories import (
    give_cart,
    lines_of,
    make_cart,
    make_options,
    make_product,
    set_stock,
    stock_of,
    variant_of,
)
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def tshirt():
    product = make_product("Freedom Story T-shirt", price=Decimal("20.00"))
    sizes = make_options(product, ("Size", "S, M, L, XL"), ("Colour", "Natural, Black"), stock=10)
    return product, sizes


def add(client, product, variant=None, quantity=1, **extra):
    data = {"product": product.pk, "quantity": quantity}
    if variant is not None:
        data["variant"] = variant if isinstance(variant, (int, str)) else variant.pk
    return client.post("/cart/add/", data, **extra)


def test_a_product_without_options_is_sold_through_its_one_plain_variant(client):
    book = make_product("Book", stock=4)
    assert [(variant.name, variant.stock) for variant in book.variants.all()] == [("", 4)]
    add(client, book, quantity=2)
    line = CartLine.objects.get()
    assert (line.variant, line.name, line.quantity) == (variant_of(book), "Book", 2)


def test_each_chosen_variant_is_its_own_cart_line_named_with_its_choices(client, tshirt):
    product, sizes = tshirt
    add(client, product, sizes["M, Black"], 2, **JSON)
    response = add(client, product, sizes["L, Black"], 1)
    assert messages_of(response) == ["Added 1 × “Freedom Story T-shirt – L, Black” to your cart."]
    add(client, product, sizes["M, Black"], 1)  # adds up in the same line
    cart = CartLine.objects.first().cart
    assert lines_of(cart) == {
        "Freedom Story T-shirt – M, Black": 3,
        "Freedom Story T-shirt – L, Black": 1,
    }
    summary = client.get("/cart/summary.json").json()
    assert [line["name"] for line in summary["lines"]] == [
        "Freedom Story T-shirt – M, Black",
        "Freedom Story T-shirt – L, Black",
    ]
    assert summary["count_text"] == "4 items in cart"


def test_a_product_with_options_asks_for_the_choice_and_leaves_the_cart_alone(client, tshirt):
    product, sizes = tshirt
    give_cart(client, make_cart([(sizes["S, Natural"], 1)]))
    response = add(client, product)
    assert response.status_code == 302
    assert messages_of(response) == ["Choose a size and colour."]
    answer = add(client, product, **JSON)
    assert answer.status_code == 400 and answer.json()["message"] == "Choose a size and colour."
    assert lines_of(CartLine.objects.get().cart) == {"Freedom Story T-shirt – S, Natural": 1}


@pytest.mark.parametrize("variant", ["other product", "999999", "abc", "-1", "0", "1.5"])
def test_a_choice_not_offered_for_the_product_is_refused_with_a_message(client, tshirt, variant):
    product, _sizes = tshirt
    if variant == "other product":
        variant = variant_of(make_product("Tote bag")).pk
    response = add(client, product, variant, **JSON)
    assert response.status_code == 400
    assert response.json()["message"] == (
        "That choice is not offered for this product. Please choose again."
    )
    assert not CartLine.objects.exists()


def test_a_variant_taken_off_sale_is_refused_by_name(client, tshirt):
    product, sizes = tshirt
    Variant.objects.filter(pk=sizes["XL, Black"].pk).update(is_active=False)
    response = add(client, product, sizes["XL, Black"], **JSON)
    assert response.status_code == 400
    assert response.json()["message"] == (
        "“Freedom Story T-shirt – XL, Black” is no longer available."
    )
    assert not CartLine.objects.exists()


def test_a_product_taken_off_sale_takes_all_its_variants_with_it(client, tshirt):
    product, sizes = tshirt
    give_cart(client, make_cart([(sizes["M, Black"], 1), (sizes["L, Natural"], 2)]))
    Product.objects.filter(pk=product.pk).update(is_active=False)
    assert add(client, product, sizes["S, Black"], **JSON).status_code == 400
    assert client.get(product.get_absolute_url()).status_code == 404
    html = client.get("/cart/").content.decode()
    assert "“Freedom Story T-shirt – M, Black” is no longer available." in html
    assert "“Freedom Story T-shirt – L, Natural” is no longer available." in html
    assert not CartLine.objects.exists()  # the cart page put it right


def test_a_sold_out_variant_is_refused_while_another_size_sells(client, tshirt):
    product, sizes = tshirt
    set_stock(sizes["M, Black"], 0)
    refused = add(client, product, sizes["M, Black"], **JSON)
    assert refused.json()["message"] == "“Freedom Story T-shirt – M, Black” is sold out."
    added = add(client, product, sizes["L, Black"], **JSON)
    assert added.status_code == 200
    assert [line["name"] for line in added.json()["cart"]["lines"]] == [
        "Freedom Story T-shirt – L, Black"
    ]


def test_each_variant_keeps_its_own_stock_limit(client, tshirt):
    product, sizes = tshirt
    set_stock(sizes["S, Black"], 2)
    response = add(client, product, sizes["S, Black"], 5, **JSON)
    assert response.json()["message"].startswith("Only 2 of “Freedom Story T-shirt – S, Black”")
    assert add(client, product, sizes["L, Black"], 5, **JSON).json()["ok"]
    assert sorted(lines_of(CartLine.objects.first().cart).values()) == [2, 5]


def test_a_variant_with_its_own_price_is_charged_that_price(client, tshirt):
    product, sizes = tshirt
    Variant.objects.filter(pk=sizes["XL, Black"].pk).update(price=Decimal("22.00"))
    add(client, product, sizes["XL, Black"], 2, price="0.01")
    add(client, product, sizes["M, Black"], 1)
    assert client.get("/cart/summary.json").json()["total"] == "$64.00"


def test_update_and_remove_name_the_variant_and_touch_only_its_line(client, tshirt):
    product, sizes = tshirt
    give_cart(client, make_cart([(sizes["M, Black"], 2), (sizes["L, Black"], 1)]))
    client.post(
        "/cart/update/", {"product": product.pk, "variant": sizes["M, Black"].pk, "quantity": 4}
    )
    client.post("/cart/remove/", {"product": product.pk, "variant": sizes["L, Black"].pk})
    assert lines_of(CartLine.objects.first().cart) == {"Freedom Story T-shirt – M, Black": 4}


def test_the_cart_page_names_each_line_and_its_forms_carry_the_variant(client, tshirt):
    product, sizes = tshirt
    give_cart(client, make_cart([(sizes["M, Black"], 2)]))
    html = client.get("/cart/").content.decode()
    assert '<span class="cart-line__variant">M, Black</span>' in html
    assert html.count(f'name="variant" value="{sizes["M, Black"].pk}"') == 2  # update, remove
    assert "Quantity of Freedom Story T-shirt – M, Black" in html


def test_checkout_snapshots_the_variant_and_takes_its_stock_only(tshirt):
    product, sizes = tshirt
    Variant.objects.filter(pk=sizes["M, Black"].pk).update(sku="FS-TEE-M-BLK")
    order = make_order(lines=[(Variant.objects.get(pk=sizes["M, Black"].pk), 2)])
    line = order.lines.get()
    assert (line.product_name, line.variant_name, line.sku) == (
        "Freedom Story T-shirt",
        "M, Black",
        "FS-TEE-M-BLK",
    )
    assert line.name == "Freedom Story T-shirt – M, Black"
    assert (line.product, line.variant_id) == (product, sizes["M, Black"].pk)
    assert stock_of(sizes["M, Black"]) == 8
    assert all(stock_of(variant) == 10 for name, variant in sizes.items() if name != "M, Black")
    Variant.objects.filter(pk=sizes["M, Black"].pk).update(sku="RENAMED")
    assert order.lines.get().sku == "FS-TEE-M-BLK"  # the snapshot does not follow


def test_cancelling_gives_the_stock_back_to_the_variant_sold(tshirt):
    _product, sizes = tshirt
    order = make_order(lines=[(sizes["S, Natural"], 3)])
    assert stock_of(sizes["S, Natural"]) == 7
    assert order_states.transition(order, "cancel")
    assert stock_of(sizes["S, Natural"]) == 10
    assert stock_of(sizes["S, Black"]) == 10


def choices_on(html):
    """The product page's variant radios: (value, disabled, label text)."""
    found = []
    for label in re.findall(r'<label class="variant-choice[^"]*">(.*?)</label>', html, re.S):
        value = re.search(r'name="variant" value="(\d+)"', label).group(1)
        text = " ".join(re.sub(r"<[^>]+>", " ", label).split())
        found.append((int(value), "disabled" in label, text))
    return found


def test_the_product_page_offers_each_variant_as_a_labelled_radio(client, tshirt):
    product, sizes = tshirt
    set_stock(sizes["XL, Black"], 0)
    Variant.objects.filter(pk=sizes["L, Natural"].pk).update(is_active=False)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "<legend>Size and colour</legend>" in html
    assert "<legend>Natural</legend>" in html and "<legend>Black</legend>" in html
    choices = choices_on(html)
    assert [text for _value, _disabled, text in choices] == [
        "S , Natural",
        "M , Natural",
        "XL , Natural",
        "S , Black",
        "M , Black",
        "L , Black",
        "XL , Black Sold out",
    ]
    assert [value for value, disabled, _text in choices if disabled] == [sizes["XL, Black"].pk]
    assert html.count("Sold out") == 1  # on the tile, not again beside it
    assert 'type="radio" name="variant"' in html and "required" in html


def test_few_left_is_said_from_5_down_as_before_variants(client, tshirt):
    """Before variants a product said "Only 5 left." at 5; the move made it 4 and below."""
    book = make_product("Book", stock=5)
    assert "Only 5 left." in client.get(book.get_absolute_url()).content.decode()
    product, sizes = tshirt
    set_stock(sizes["M, Black"], 5)
    set_stock(sizes["L, Black"], 6)
    html = client.get(product.get_absolute_url()).content.decode()
    assert html.count('<span class="variant-choice__note">5 left</span>') == 1
    assert "6 left" not in html
    set_stock(book, 6)
    cache.clear()  # set_stock writes as checkout does, without retiring the cached pages
    assert "left." not in client.get(book.get_absolute_url()).content.decode()


def test_the_price_shown_follows_the_variant(client, tshirt):
    product, sizes = tshirt
    Variant.objects.filter(pk__in=[sizes["XL, Black"].pk, sizes["XL, Natural"].pk]).update(
        price=Decimal("22.00")
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert '<p class="product__price" data-variant-price>From $20.00</p>' in html
    assert f'value="{sizes["XL, Black"].pk}" required data-price="$22.00"' in html
    assert f'value="{sizes["M, Black"].pk}" required data-price="$20.00"' in html
    assert html.count('<span class="variant-choice__note">$22.00</span>') == 2  # without JS too
    listing = client.get("/shop/").content.decode()
    assert "From $20.00" in listing


def test_a_product_whose_every_variant_is_sold_out_shows_sold_out(client, tshirt):
    product, sizes = tshirt
    Variant.objects.filter(product=product).update(stock=0)
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'name="variant"' not in html and '<button type="button" disabled>Sold out' in html
    listing = client.get("/shop/").content.decode()
    assert re.search(r"Freedom Story T-shirt.*Sold out", listing, re.S)


def test_the_product_page_form_works_without_javascript(client, tshirt):
    """What a browser without JavaScript posts: the form's hidden fields and the chosen radio."""
    product, sizes = tshirt
    html = client.get(product.get_absolute_url()).content.decode()
    form = re.search(r'<form class="add-to-cart".*?</form>', html, re.S).group(0)
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))
    chosen = sizes["M, Black"].pk
    assert f'name="variant" value="{chosen}"' in form
    response = client.post("/cart/add/", {**hidden, "variant": chosen, "quantity": "2"})
    assert response.status_code == 302 and response["Location"] == product.get_absolute_url()
    assert messages_of(response) == ["Added 2 × “Freedom Story T-shirt – M, Black” to your cart."]


@pytest.mark.parametrize("values", ["S, M", "S, M, L, XL, XXL, 3XL"])
def test_the_product_page_costs_the_same_queries_for_any_number_of_variants(
    client, django_assert_num_queries, values
):
    product = make_product("Shirt")
    make_options(product, ("Size", values), ("Colour", "Natural, Black, Red"))
    cache.clear()  # the page as first rendered, not served from the shared cache
    # The product, its images, its variants with their choices, and the menus' site pages.
    with django_assert_num_queries(4):
        client.get(product.get_absolute_url())


def test_the_shop_list_costs_the_same_queries_with_variants(client, django_assert_num_queries):
    for number in range(3):
        make_options(make_product(f"Shirt {number}"), ("Size", "S, M, L"), ("Colour", "A, B"))
    # The count, the products, their images, their variants, and the menus' site pages.
    with django_assert_num_queries(5):
        client.get("/shop/")


def test_the_demo_shirts_come_in_sizes_with_one_size_sold_out():
    from io import StringIO

    from shop import demo

    demo.load(StringIO())
    shirts = Product.objects.filter(slug__in=demo.OPTIONS)
    for shirt in shirts:
        sizes = [v.value1.name for v in shirt.offered_variants]
        assert {"S", "M", "L", "XL"} <= set(sizes)
    sold_out = Variant.objects.filter(product__in=shirts, is_active=True, stock=0)
    assert [variant.full_name for variant in sold_out] == ["“Keep them in school” shirt – XL"]
