"""What the catalogue admin refuses, with a message on the page and nothing saved: never a
server error, never variants whose choices contradict their options."""

import pytest
from django.urls import reverse

from shop.models import OptionValue, Product, ProductOption, Variant
from tests.shop.admin_forms import change_url, product_form, variant_rows
from tests.shop.factories import make_options, make_product

pytestmark = pytest.mark.django_db


def test_a_new_products_stock_beyond_what_the_database_holds_is_refused(manager_client):
    """The stock box of a new product had no upper bound: a DataError (PostgreSQL) or an
    OverflowError (SQLite), a 500 either way."""
    response = manager_client.post(
        reverse("admin:shop_product_add"),
        {
            "name": "Tote bag",
            "slug": "tote-bag",
            "description": "",
            "price": "18.00",
            "stock": "9" * 20,
            "is_active": "on",
            "sort_order": "0",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to" in response.content.decode()
    assert not Product.objects.exists()


def test_a_choice_still_naming_a_variant_cannot_be_removed(manager_client):
    shirt = make_product("Shirt")
    make_options(shirt, ("Size", "S, M, L"))
    option = ProductOption.objects.get(product=shirt)
    data = product_form(
        shirt,
        options=[{"name": "Size", "position": "1", "values": "S, M"}],
        variants=variant_rows(shirt),
    )
    response = manager_client.post(change_url(shirt), data)
    assert response.status_code == 200
    assert "“L” still names a variant below" in response.content.decode()
    assert [value.name for value in option.values.all()] == ["S", "M", "L"]


def test_an_option_still_naming_variants_cannot_be_deleted(manager_client):
    shirt = make_product("Shirt")
    make_options(shirt, ("Size", "S, M"))
    data = product_form(
        shirt,
        options=[{"name": "Size", "position": "1", "values": "S, M", "DELETE": "on"}],
        variants=variant_rows(shirt),
    )
    response = manager_client.post(change_url(shirt), data)
    assert response.status_code == 200
    assert "Deleting product option Size would require deleting" in response.content.decode()
    assert ProductOption.objects.filter(product=shirt).exists()


def test_two_variants_with_the_same_choices_are_refused_not_a_server_error(manager_client):
    shirt = make_product("Shirt")
    make_options(shirt, ("Size", "S, M"))
    rows = variant_rows(shirt)
    small = str(OptionValue.objects.get(name="S").pk)
    rows.append({"value1": small, "value2": "", "sku": "", "price": "", "stock": "3"})
    response = manager_client.post(change_url(shirt), product_form(shirt, variants=rows))
    assert response.status_code == 200
    assert "same choices" in response.content.decode()


def test_a_variant_cannot_take_another_products_choice(manager_client):
    shirt = make_product("Shirt")
    make_options(shirt, ("Size", "S"))
    other = make_product("Other")
    make_options(other, ("Size", "XXL"))
    rows = variant_rows(shirt)
    rows.append({"value1": str(OptionValue.objects.get(name="XXL").pk), "sku": "", "stock": "1"})
    response = manager_client.post(change_url(shirt), product_form(shirt, variants=rows))
    assert response.status_code == 200  # the page again, with the row marked
    assert "Select a valid choice" in response.content.decode()  # not in this product's list
    assert not Variant.objects.filter(product=shirt, value1__name="XXL").exists()


def test_an_options_place_is_fixed_once_saved_so_swapping_two_is_no_server_error(manager_client):
    """Swapping Size and Colour was an IntegrityError (the first row saved takes the second's
    place), and moving one option alone left its variants' choices in the wrong place."""
    shirt = make_product("Shirt")
    make_options(shirt, ("Size", "S, M"), ("Colour", "Red, Blue"))
    data = product_form(
        shirt,
        options=[
            {"name": "Size", "position": "2", "values": "S, M"},
            {"name": "Colour", "position": "1", "values": "Red, Blue"},
        ],
        variants=variant_rows(shirt),
    )
    response = manager_client.post(change_url(shirt), data)
    assert response.status_code == 302
    places = dict(ProductOption.objects.filter(product=shirt).values_list("name", "position"))
    assert places == {"Size": 1, "Colour": 2}
    assert "Shirt – S, Red" in {str(variant) for variant in Variant.objects.all()}


def test_a_single_option_must_be_the_first(manager_client):
    """A lone second option made variants whose choice no row of the table could show again:
    every later save of the product was refused."""
    hat = make_product("Hat")
    data = product_form(
        hat,
        options=[{"name": "Size", "position": "2", "values": "S, M"}],
        variants=variant_rows(hat),
        create_combinations="on",
    )
    response = manager_client.post(change_url(hat), data)
    assert response.status_code == 200
    assert "A single option is the first" in response.content.decode()
    assert not ProductOption.objects.filter(product=hat).exists()


def test_a_variant_naming_fewer_options_cannot_stay_on_sale_beside_the_others(manager_client):
    """A size added by hand while the plain variant stayed on sale let donors buy the shirt in
    no size at all (its plain variant still passed the purchase rule)."""
    shirt = make_product("Shirt")
    data = product_form(
        shirt,
        options=[{"name": "Size", "position": "1", "values": "S, M"}],
        variants=variant_rows(shirt),
    )
    assert manager_client.post(change_url(shirt), data).status_code == 302
    rows = variant_rows(shirt)  # the plain variant, on sale
    small = OptionValue.objects.get(option__product=shirt, name="S")
    rows.append({"value1": str(small.pk), "sku": "", "stock": "5", "is_active": "on"})
    response = manager_client.post(change_url(shirt), product_form(shirt, variants=rows))
    assert response.status_code == 200
    assert "name every option" in response.content.decode()
    assert not Variant.objects.filter(product=shirt, value1=small).exists()
    rows[0].pop("is_active")  # taken off sale, the size may go on
    response = manager_client.post(change_url(shirt), product_form(shirt, variants=rows))
    assert response.status_code == 302
    assert [variant.name for variant in Product.objects.get(pk=shirt.pk).offered_variants] == ["S"]


def test_a_sku_of_another_product_and_a_negative_price_are_refused_in_plain_words(
    manager_client,
):
    Variant.objects.filter(product=make_product("Mug")).update(sku="FS-MUG")
    shirt = make_product("Shirt")
    rows = variant_rows(shirt)
    rows[0].update(sku="FS-MUG", price="-1")
    response = manager_client.post(change_url(shirt), product_form(shirt, variants=rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another variant already has this SKU." in html
    assert "A price cannot be negative." in html
    assert not Variant.objects.filter(product=shirt, sku="FS-MUG").exists()


def test_a_choice_too_long_to_store_is_refused_not_a_server_error(manager_client):
    """PostgreSQL refused the 41st character with a DataError (a 500); SQLite kept it."""
    shirt = make_product("Shirt")
    long_choice = "Extra large in the organic cotton of our partners"
    data = product_form(
        shirt,
        options=[{"name": "Size", "position": "1", "values": f"S, {long_choice}"}],
        variants=variant_rows(shirt),
    )
    response = manager_client.post(change_url(shirt), data)
    assert response.status_code == 200
    assert "at most 40 characters" in response.content.decode()
    assert not OptionValue.objects.exists()
