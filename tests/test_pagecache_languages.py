"""The shared page cache never serves a page in the wrong language: the address alone says which,
and its key holds the address, never a cookie or Accept-Language."""

import re
import zlib

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from freedomstory.core import pagecache
from tests.news.factories import make_post
from tests.shop.factories import give_cart, make_cart, make_product

pytestmark = pytest.mark.django_db

HTML_LANG = re.compile(r'<html lang="([^"]+)">')


@pytest.fixture
def content():
    """A post and a product in both languages: their titles say which language a page is in
    (whatever the interface catalogue says on this branch)."""
    post = make_post("Back to school", title_th="กลับไปโรงเรียน", body_th="<p>เรียน</p>")
    shirt = make_product("Freedom shirt", name_th="เสื้อเสรีภาพ", description_th="<p>นุ่ม</p>")
    pages = {
        "/news/": "Back to school",
        "/th/news/": "กลับไปโรงเรียน",
        post.get_absolute_url(): "Back to school",
        f"/th{post.get_absolute_url()}": "กลับไปโรงเรียน",
        "/shop/": "Freedom shirt",
        "/th/shop/": "เสื้อเสรีภาพ",
    }
    return pages, shirt


def visitors(shirt):
    plain = Client()
    with_cart = Client(HTTP_ACCEPT_LANGUAGE="th")  # asks for Thai on every address
    with_cart.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    give_cart(with_cart, make_cart([(shirt, 2)]))
    return {"plain": plain, "Thai-asking with a cart": with_cart}


def assert_in_its_language(response, address, words):
    html = response.content.decode()
    language = "th" if address.startswith("/th/") else "en"
    assert HTML_LANG.search(html)[1] == language, address
    assert words in html, address
    other = {"Back to school": "กลับไปโรงเรียน", "Freedom shirt": "เสื้อเสรีภาพ"}
    if language == "en":
        assert other[words] not in html, address


def test_two_visitors_alternating_english_and_thai_always_get_their_addresss_language(content):
    content, shirt = content
    people = visitors(shirt)
    for _round in range(2):
        for address, words in content.items():
            for who, visitor in people.items():
                response = visitor.get(address)
                assert response.status_code == 200, (who, address)
                assert_in_its_language(response, address, words)
                assert response["Content-Language"] == HTML_LANG.search(response.text)[1]


def test_the_thai_asking_visitor_with_a_cart_is_served_the_entry_the_plain_visitor_filled(
    content,
):
    content, shirt = content
    people = visitors(shirt)
    for address in content:
        first = people["plain"].get(address)
        assert first["X-Page-Cache"] == "miss", address
        second = people["Thai-asking with a cart"].get(address)
        assert second["X-Page-Cache"] == "hit", address  # the same key: no cookie, no header
        assert_in_its_language(second, address, content[address])


def test_the_thai_asking_visitor_fills_the_english_entry_in_english(content):
    content, shirt = content
    people = visitors(shirt)
    people["Thai-asking with a cart"].get("/news/")
    stored = stored_html("/news/")
    assert '<html lang="en">' in stored and "Back to school" in stored
    assert "กลับไปโรงเรียน" not in stored


@pytest.mark.usefixtures("content")
def test_english_pages_carry_no_vary_accept_language_and_are_stored(client):
    for address in ("/", "/news/", "/shop/", "/th/", "/th/news/"):
        response = client.get(address, HTTP_ACCEPT_LANGUAGE="th")
        assert "Accept-Language" not in response.get("Vary", ""), address
        assert "Cookie" not in response.get("Vary", ""), address
        assert stored_html(address) is not None, address


def stored_html(path, query=""):
    request = type("Request", (), {"path": path})()
    entry = cache.get(pagecache._page_key(request, query))
    return zlib.decompress(entry.split(b"\n", 1)[1]).decode() if entry else None
