"""The demo content in Thai: the seed post, its quotes, the categories, the site pages, the
products with their options and the Donate page's lines, filled by load_demo and kept as they
are when it runs again."""

from io import StringIO

import pytest
from django.core.management import call_command

import news.demo
from freedomstory.pages.models import Page
from news.models import Category, Post, Quote
from shop.models import GiftImpact, OptionValue, Product, ProductOption
from tests.news.factories import jpeg_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, monkeypatch):
    settings.DEBUG = True
    # Tiny pictures: the demo's drawn landscapes and their renditions take seconds each.
    monkeypatch.setattr(news.demo, "demo_image", lambda seed: jpeg_upload((60, 40)))
    call_command("load_demo", stdout=StringIO())


def thai_texts():
    """Every Thai field the demo fills, as stored."""
    seed = Post.objects.get(slug="were-expanding-on-multiple-levels")
    return {
        "seed": (seed.title_th, seed.excerpt_th, seed.body_th),
        "quotes": sorted(Quote.objects.values_list("text_th", "speaker_role_th")),
        "categories": sorted(Category.objects.values_list("name_th", flat=True)),
        "pages": sorted(
            Page.objects.filter(path__in=["about", "about/team", "contact"]).values_list(
                "title_th", "body_th"
            )
        ),
        "products": sorted(Product.objects.values_list("name_th", "description_th")),
        "options": sorted(ProductOption.objects.values_list("name_en", "name_th")),
        "values": sorted(set(OptionValue.objects.values_list("name_en", "name_th"))),
        "gifts": sorted(GiftImpact.objects.values_list("text_th", flat=True)),
    }


def test_the_demo_is_in_thai_too(demo):
    seed = Post.objects.get(slug="were-expanding-on-multiple-levels")
    assert seed.title_th == "เรากำลังขยายงานในหลายด้าน"
    body = seed.body_th
    assert body.count("<h2>") == 2 and "<ul><li>" in body and "เชียงราย" in body
    assert seed.excerpt_th
    texts = thai_texts()
    assert all(text and role for text, role in texts["quotes"])
    assert all(texts["categories"])
    assert len(texts["pages"]) == 3 and all(title and body for title, body in texts["pages"])
    assert all(name and description for name, description in texts["products"])
    assert set(texts["options"]) == {("Size", "ขนาด"), ("Colour", "สี")}
    assert ("Black", "สีดำ") in texts["values"] and ("M", "M") in texts["values"]
    assert len(texts["gifts"]) == 3 and all(texts["gifts"])


def test_the_demos_thai_pages_read_as_translated(demo, client):
    seed = Post.objects.get(slug="were-expanding-on-multiple-levels")
    html = client.get(f"/th{seed.get_absolute_url()}").content.decode()
    assert "<h1>เรากำลังขยายงานในหลายด้าน</h1>" in html
    assert "untranslated-note" not in html.split('<div class="post__body')[1].split("</article>")[0]
    assert "ภาคีใหม่ทุกรายคือคนอีกหนึ่งคน" in html  # its pull quote
    about = client.get("/th/about/").content.decode()
    assert "<h1>เกี่ยวกับ The Freedom Story</h1>" in about
    donate = client.get("/th/donate/").content.decode()
    assert "ค่าเดินทางไปโรงเรียนหนึ่งเดือน" in donate


def test_loading_the_demo_again_keeps_the_thai_and_what_staff_changed(demo):
    before = thai_texts()
    Product.objects.filter(slug="woven-tote-bag").update(name_th="กระเป๋าผ้าทอมือ")
    call_command("load_demo", stdout=StringIO())
    after = thai_texts()
    names = {name for name, _description in after.pop("products")}
    assert "กระเป๋าผ้าทอมือ" in names and "กระเป๋าผ้าทอ" not in names
    before.pop("products")
    assert after == before
