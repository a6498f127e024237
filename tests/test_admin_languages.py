"""Staff write both languages in the admin: each translated field twice (English, Thai) under our
own tabs script, the same rich-text editor and the same sanitising for each language."""

import pytest
from django.db import connection
from django.urls import reverse

from freedomstory.pages.models import Page
from news.models import Post
from shop.models import GiftImpact, Product
from tests.admin_translated import in_both_languages
from tests.news.factories import admin_post_data, make_category, make_post, make_quote
from tests.pages.factories import admin_page_data, make_page
from tests.shop.admin_forms import change_url, product_form
from tests.shop.factories import make_options, make_product

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">สวัสดี <a href="javascript:alert(1)">คลิก</a></p>'
    "<script>alert('x')</script><img src=x onerror=alert(1)><h2>หัวข้อ</h2>"
)


def stored(model, pk, column):
    """The column as the database holds it (the field sanitises on reading too)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk]
        )
        return cursor.fetchone()[0]


def assert_clean(html):
    for needle in ("<script", "onclick", "onerror", "javascript:", "<img", "alert("):
        assert needle not in html, needle
    assert "<h2>หัวข้อ</h2>" in html


def test_a_thai_body_posted_through_the_admin_is_sanitised_exactly_as_the_english(admin_client):
    data = admin_post_data(body=HOSTILE, body_th=HOSTILE, title_th="จากหน้าผู้ดูแล")
    response = admin_client.post(reverse("admin:news_post_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(slug="from-the-admin")
    assert stored(Post, post.pk, "body_th") == stored(Post, post.pk, "body_en")
    assert_clean(stored(Post, post.pk, "body_th"))
    assert post.title_th == "จากหน้าผู้ดูแล"


def test_a_thai_page_body_posted_through_the_admin_is_sanitised(admin_client):
    data = admin_page_data(body_th=HOSTILE, title_th="หน้าจากผู้ดูแล")
    response = admin_client.post(reverse("admin:pages_page_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="from-the-admin")
    assert_clean(stored(Page, page.pk, "body_th"))


def test_a_thai_product_description_posted_through_the_admin_is_sanitised(admin_client):
    shirt = make_product("Shirt")
    data = product_form(shirt, description_th=HOSTILE, name_th="เสื้อยืด")
    response = admin_client.post(change_url(shirt), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    shirt.refresh_from_db()
    assert shirt.name_th == "เสื้อยืด"
    assert_clean(stored(Product, shirt.pk, "description_th"))


def _change_pages():
    post = make_post()
    make_quote(post=post)
    shirt = make_product("Shirt")
    make_options(shirt, ("Size", "S, M"))
    return {
        "post": reverse("admin:news_post_change", args=[post.pk]),
        "quote": reverse("admin:news_quote_change", args=[post.quotes.get().pk]),
        "category": reverse("admin:news_category_change", args=[make_category().pk]),
        "product": change_url(shirt),
        "gift line": reverse("admin:shop_giftimpact_add"),
        "page": reverse("admin:pages_page_change", args=[make_page().pk]),
    }


THAI_FIELD = {
    "post": ["title_th", "body_th", "excerpt_th", "seo_description_th", "quotes-0-text_th"],
    "quote": ["text_th", "speaker_role_th"],
    "category": ["name_th"],
    "product": ["name_th", "description_th", "options-0-name_th", "options-0-values_th"],
    "gift line": ["text_th"],
    "page": ["title_th", "body_th", "menu_label_th", "seo_description_th"],
}


@pytest.mark.parametrize("kind", THAI_FIELD)
def test_every_translated_admin_form_has_both_languages_under_our_own_tabs(admin_client, kind):
    html = admin_client.get(_change_pages()[kind]).content.decode()
    for name in THAI_FIELD[kind]:
        assert f'name="{name}"' in html, name
    assert "/static/js/admin-language-tabs.js" in html
    assert "/static/css/admin-language-tabs.css" in html
    assert "googleapis" not in html and "jquery-ui" not in html


def test_each_languages_rich_text_gets_the_same_editor(admin_client):
    html = admin_client.get(_change_pages()["post"]).content.decode()
    for name in ("body_en", "body_th"):
        textarea = html[html.index(f'<textarea name="{name}"') :]
        assert "data-django-prose-editor-configurable" in textarea[: textarea.index(">")], name


def test_the_english_fields_stay_required_and_the_thai_ones_optional(admin_client):
    response = admin_client.post(
        reverse("admin:news_post_add"), admin_post_data(title="", title_th="มีแต่ภาษาไทย")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"title_en"}


def test_an_options_choices_are_named_in_thai_in_the_same_order(admin_client):
    shirt = make_product("Shirt")
    option = {"name": "Size", "name_th": "ขนาด", "position": "1"}
    data = product_form(shirt, options=[option | {"values": "S, M", "values_th": "เล็ก, กลาง"}])
    response = admin_client.post(change_url(shirt), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    option = shirt.options.get()
    assert (option.name_en, option.name_th) == ("Size", "ขนาด")
    assert [(v.name_en, v.name_th) for v in option.values.order_by("sort_order")] == [
        ("S", "เล็ก"),
        ("M", "กลาง"),
    ]


def test_thai_choices_that_do_not_match_the_english_one_for_one_are_refused(admin_client):
    shirt = make_product("Shirt")
    row = {"name": "Size", "position": "1", "values": "S, M, L", "values_th": "เล็ก, กลาง"}
    response = admin_client.post(change_url(shirt), product_form(shirt, options=[row]))
    assert response.status_code == 200
    assert "Give one Thai choice for each choice above" in response.content.decode()
    assert not shirt.options.exists()


def test_a_gift_line_is_written_in_both_languages(admin_client, settings):
    from decimal import Decimal

    settings.DONATION_PRESETS = [Decimal("25")]
    GiftImpact.objects.filter(amount=25).delete()
    data = in_both_languages(GiftImpact, {"amount": "25.00", "text": "A school uniform"})
    response = admin_client.post(
        reverse("admin:shop_giftimpact_add"), data | {"text_th": "ชุดนักเรียนหนึ่งชุด"}
    )
    assert response.status_code == 302
    line = GiftImpact.objects.get(amount=25)
    assert (line.text_en, line.text_th) == ("A school uniform", "ชุดนักเรียนหนึ่งชุด")


def test_staff_find_a_post_by_its_thai_title(admin_client):
    make_post("Back to school", title_th="กลับไปโรงเรียน")
    make_post("Something else")
    response = admin_client.get(reverse("admin:news_post_changelist"), {"q": "โรงเรียน"})
    assert [post.title for post in response.context["cl"].result_list] == ["Back to school"]


def test_a_thai_choice_too_long_to_store_is_refused_not_a_server_error(admin_client):
    shirt = make_product("Shirt")
    row = {"name": "Size", "position": "1", "values": "S", "values_th": "ก" * 200}
    response = admin_client.post(change_url(shirt), product_form(shirt, options=[row]))
    assert response.status_code == 200
    assert "A choice has at most" in response.content.decode()
