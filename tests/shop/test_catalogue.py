"""The shop's pages and its admin."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db


def test_the_shop_lists_active_products_with_price_and_sold_out(client):
    make_product("Shirt", price=Decimal("20.00"))
    make_product("Backpack", stock=0)
    make_product("Hidden", is_active=False)
    html = client.get("/shop/").content.decode()
    assert "Shirt" in html and "$20.00" in html
    assert re.search(r"Backpack.*Sold out", html, re.S)
    assert "Hidden" not in html


@pytest.mark.parametrize("count", [2, 20])
def test_the_shop_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    from shop.models import ProductImage
    from tests.news.factories import jpeg_upload

    for _ in range(count):
        ProductImage.objects.create(product=make_product(), image=jpeg_upload((300, 300)), alt="A")
    # The products, their images and their variants on sale, with the menus' site pages (as on
    # every page): the same for any number of products.
    with django_assert_max_num_queries(5):
        client.get("/shop/")


def test_a_product_page_has_an_add_to_cart_form(client):
    product = make_product("Shirt", description="<p>Soft <script>x()</script>cotton</p>")
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'action="/cart/add/"' in html
    assert f'name="product" value="{product.pk}"' in html
    assert 'name="quantity"' in html and "Add to cart" in html
    assert "<p>Soft cotton</p>" in html and "<script>x()" not in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_a_sold_out_product_shows_a_disabled_sold_out_button(client):
    product = make_product("Backpack", stock=0)
    html = client.get(product.get_absolute_url()).content.decode()
    assert '<button type="button" disabled>Sold out</button>' in html
    assert 'action="/cart/add/"' not in html


def test_an_inactive_or_unknown_product_is_a_404(client):
    product = make_product("Retired", is_active=False)
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get("/shop/no-such-thing/").status_code == 404


def test_saving_a_product_refreshes_the_cached_shop_page(client):
    product = make_product("Shirt", price=Decimal("20.00"))
    assert "$20.00" in client.get("/shop/").content.decode()
    product.price = Decimal("25.00")
    product.save()
    assert "$25.00" in client.get("/shop/").content.decode()


def test_the_product_admin_edits_price_and_on_sale_in_the_list(admin_client):
    product = make_product("Shirt")
    html = admin_client.get(reverse("admin:shop_product_changelist")).content.decode()
    for field in ("price", "is_active"):
        assert f'name="form-0-{field}"' in html
    assert product.name in html


def test_shop_managers_hold_shop_permissions_only():
    managers = Group.objects.get(name="Shop managers")
    apps = set(managers.permissions.values_list("content_type__app_label", flat=True))
    codenames = set(managers.permissions.values_list("codename", flat=True))
    assert apps == {"shop"}
    assert {"change_product", "add_productimage", "view_cart"} <= codenames


def test_editors_cannot_see_the_shop():
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(content_type__app_label="shop").exists()
