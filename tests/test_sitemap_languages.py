"""The sitemap lists each item at its English address and, where translated, its Thai one, with
`xhtml:link` alternates for exactly those languages (and x-default)."""

import xml.etree.ElementTree as ET

import pytest

from news.sitemaps import PostSitemap
from tests.news.factories import make_category, make_post
from tests.pages.factories import make_page
from tests.shop.factories import make_product

pytestmark = pytest.mark.django_db

SITE = "https://freedomstory.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def entries(client, address="/sitemap.xml"):
    """{loc: {hreflang: href}} for every <url> of the sitemap at `address`."""
    root = ET.fromstring(client.get(address).content)
    return {
        node.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in node.findall("x:link", NS)
        }
        for node in root.findall("s:url", NS)
    }


BOTH = {"en", "th", "x-default"}


def test_a_translated_post_is_listed_in_both_languages_with_alternates(client):
    make_post("Back to school", title_th="กลับไปโรงเรียน", body_th="<p>เรียน</p>")
    listed = entries(client)
    english, thai = f"{SITE}/news/back-to-school/", f"{SITE}/th/news/back-to-school/"
    expected = {"en": english, "th": thai, "x-default": english}
    assert listed[english] == expected
    assert listed[thai] == expected


def test_an_untranslated_post_is_listed_in_english_alone_with_no_thai_alternate(client):
    make_post("Only English")
    make_post("Half done", title_th="ครึ่งทาง")  # no Thai body: not translated yet
    listed = entries(client)
    assert listed[f"{SITE}/news/only-english/"] == {}
    assert listed[f"{SITE}/news/half-done/"] == {}
    assert not any("/th/news/" in loc for loc in listed)


def test_products_pages_and_categories_are_listed_in_the_languages_they_are_translated_into(client):
    make_product("Shirt", slug="shirt", name_th="เสื้อ", description_th="<p>เสื้อ</p>")
    make_product("Bag", slug="bag")
    make_page("Our story", slug="our-story", title_th="เรื่องของเรา", body_th="<p>เรา</p>")
    education = make_category("Education", name_th="การศึกษา")
    make_post(categories=[education])
    listed = entries(client)
    for address in ("/shop/shirt/", "/our-story/", "/news/category/education/"):
        assert set(listed[SITE + address]) == BOTH, address
        assert SITE + "/th" + address in listed, address
    assert listed[f"{SITE}/shop/bag/"] == {}
    assert f"{SITE}/th/shop/bag/" not in listed


def test_the_index_pages_count_items_and_list_every_language_of_each_once(client, monkeypatch):
    monkeypatch.setattr(PostSitemap, "limit", 3)
    for number in range(7):
        make_post(f"Story {number}", title_th=f"เรื่อง {number}", body_th="<p>ไทย</p>")
    listed = {}
    for page in ("", "?p=2", "?p=3"):
        listed |= entries(client, f"/sitemap-posts.xml{page}")
    assert len(listed) == 14
    assert client.get("/sitemap-posts.xml?p=4").status_code == 404


def test_the_sitemap_costs_the_same_queries_for_any_number_of_translated_items(
    client, django_assert_max_num_queries
):
    for number in range(30):
        make_post(f"Story {number}", title_th=f"เรื่อง {number}", body_th="<p>ไทย</p>")
        make_product(f"Item {number}", name_th=f"ของ {number}", description_th="<p>ของ</p>")
    with django_assert_max_num_queries(14):
        assert len(entries(client)) > 120


def test_the_default_alternate_of_a_page_whose_own_segment_is_en_is_its_english_address(client):
    guide = make_page("Guide", slug="guide", title_th="คู่มือ", body_th="<p>คู่มือ</p>")
    make_page("English", slug="en", parent=guide, title_th="ภาษาอังกฤษ", body_th="<p>ไทย</p>")
    listed = entries(client)
    assert listed[f"{SITE}/guide/en/"]["x-default"] == f"{SITE}/guide/en/"
