"""Lists keep one order in every language: among items staff placed equally (the same sort or
menu order), by their English name, which every item has. The Thai column would put the items
not yet translated first on SQLite and last on PostgreSQL."""

import re

import pytest
from django.utils import translation

from freedomstory.pages.models import Page
from shop.models import Product
from tests.news.factories import make_category, make_post
from tests.pages.factories import make_page
from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db


def product_addresses(html):
    return re.findall(r'href="(?:/th)?/shop/(product-\d+)/"', html)


def test_the_thai_shop_lists_products_in_the_same_order_as_the_english_one(client):
    for name, thai in (("Apron", None), ("Bag", "กระเป๋า"), ("Cap", None)):
        make_product(name, sort_order=0, name_th=thai)
    english = list(dict.fromkeys(product_addresses(client.get("/shop/").content.decode())))
    thai = list(dict.fromkeys(product_addresses(client.get("/th/shop/").content.decode())))
    assert len(english) == 3
    assert thai == english


def header_menu():
    return [page.path for page in Page.objects.in_menus() if page.menu == Page.Menu.HEADER]


def test_the_thai_menus_keep_the_english_menus_order():
    for title, thai in (("About", None), ("Board", "คณะกรรมการ"), ("Contact", None)):
        make_page(title, menu=Page.Menu.HEADER, menu_order=0, title_th=thai)
    english = header_menu()
    with translation.override("th"):
        thai = header_menu()
    assert english == ["about", "board", "contact"]
    assert thai == english


def test_a_posts_categories_and_a_plain_product_query_keep_one_order_in_every_language():
    """The models' own default ordering (Meta.ordering), not only the list pages'."""
    post = make_post("Back to school")
    for name, thai in (("Arts", None), ("Books", "หนังสือ"), ("Crafts", None)):
        post.categories.add(make_category(name, name_th=thai))
    for name, thai in (("Apron", None), ("Bag", "กระเป๋า"), ("Cap", None)):
        make_product(name, sort_order=0, name_th=thai)
    english = (list(post.categories.values_list("slug", flat=True)), list(Product.objects.all()))
    with translation.override("th"):
        thai = (list(post.categories.values_list("slug", flat=True)), list(Product.objects.all()))
    assert english[0] == ["arts", "books", "crafts"]
    assert thai == english
