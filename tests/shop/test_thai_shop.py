"""The shop in Thai under /th/: the cart, its header count on shared cached pages, the cart's
messages and the checkout's errors, with English left as it was."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from tests.shop.factories import make_product
from tests.shop.order_factories import client_with_cart
from tests.translation_support import thai

pytestmark = [
    pytest.mark.django_db,
]

COUNT = re.compile(r"<span data-cart-count-text>([^<]*)</span>")


def test_an_empty_thai_cart_says_so_in_thai_and_leads_back_to_the_thai_shop(client):
    html = client.get("/th/cart/").content.decode()
    assert "ตะกร้าสินค้าของคุณยังว่างอยู่" in html
    assert '<a class="button" href="/th/shop/">กลับไปที่ร้านค้า</a>' in html
    assert "Your cart is empty" not in html and "Return to Shop" not in html


def test_the_thai_mini_cart_panel_is_thai_when_empty(client):
    summary = client.get("/th/cart/summary.json").json()
    assert summary["count_text"] == "0 ชิ้นในตะกร้า"
    assert "ตะกร้าสินค้าของคุณยังว่างอยู่" in summary["panel_html"]
    assert 'href="/th/shop/"' in summary["panel_html"]


def test_the_english_cart_is_unchanged(client):
    html = client.get("/cart/").content.decode()
    assert '<p class="cart-empty__text">Your cart is empty</p>' in html
    assert '<a class="button" href="/shop/">Return to Shop</a>' in html
    assert client.get("/cart/summary.json").json()["count_text"] == "0 items in cart"


@pytest.mark.parametrize("quantity", [1, 2])
def test_a_cached_thai_page_fills_the_header_count_in_thai(quantity):
    shirt = make_product("Shirt", price=Decimal("20.00"))
    thai_page, english_page = thai(shirt.get_absolute_url()), shirt.get_absolute_url()
    Client().get(thai_page)  # an anonymous visitor fills the shared copy
    donor = Client()
    donor.post("/th/cart/add/", {"product": shirt.pk, "quantity": quantity}, follow=True)
    response = donor.get(thai_page)
    assert response["X-Page-Cache"] == "hit"
    assert COUNT.search(response.content.decode()).group(1) == f"{quantity} ชิ้นในตะกร้า"
    english = COUNT.search(donor.get(english_page).content.decode()).group(1)
    assert english == ("1 item in cart" if quantity == 1 else "2 items in cart")


def test_adding_to_the_cart_from_a_thai_page_answers_in_thai(client):
    shirt = make_product("Shirt", price=Decimal("20.00"), stock=1)
    answer = client.post(
        "/th/cart/add/", {"product": shirt.pk, "quantity": 1}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer["message"] == "เพิ่ม “Shirt” × 1 ลงในตะกร้าสินค้าแล้ว"
    assert answer["cart"]["count_text"] == "1 ชิ้นในตะกร้า"
    page = client.post("/th/cart/add/", {"product": shirt.pk, "quantity": 1}, follow=True)
    assert page.redirect_chain[-1][0] == "/th/cart/"
    assert "“Shirt” เหลือเพียง 1 ชิ้น ในตะกร้าสินค้ามีอยู่แล้ว 1 ชิ้น" in page.content.decode()


def test_a_refused_quantity_is_explained_in_thai(client):
    shirt = make_product("Shirt")
    answer = client.post(
        "/th/cart/add/", {"product": shirt.pk, "quantity": 0}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer == {"ok": False, "message": "จำนวนต้องไม่น้อยกว่า 1"}


def test_checkout_errors_on_the_thai_checkout_are_thai(client):
    client_with_cart(client, [(make_product("Shirt", price=Decimal("20.00")), 1)])
    response = client.post("/th/checkout/", {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "กรุณาตรวจสอบช่องที่มีเครื่องหมายด้านล่าง" in html
    assert "กรุณากรอกชื่อของคุณ" in html
    assert "กรุณากรอกอีเมลให้ถูกต้อง เช่น name@example.org" in html
    assert "กรุณากรอกรหัสไปรษณีย์ เพื่อให้เราจัดส่งคำสั่งซื้อถึงคุณ" in html
    assert "Please tell us your name." not in html


def test_a_thai_gift_out_of_bounds_is_refused_in_thai(client, settings):
    answer = client.post(
        "/th/cart/donation/", {"amount": "0.5"}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer["ok"] is False and answer["message"].startswith("บริจาคได้ตั้งแต่ ")
