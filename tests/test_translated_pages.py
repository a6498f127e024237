"""A Thai page of an item: its Thai text when translated (canonical to itself, hreflang for
both), else the English text marked lang="en" under a short note (canonical to the English page,
no hreflang). Lists show each item in Thai when translated, else its English title marked."""

import re

import pytest
from django.core.exceptions import ValidationError

from freedomstory.pages.models import Page
from news.models import Post
from tests.news.factories import jpeg_upload, make_category, make_post, make_quote
from tests.pages.factories import make_page
from tests.shop.factories import make_product
from tests.translation_support import thai

pytestmark = pytest.mark.django_db

SITE = "https://freedomstory.example"
THAI_POST = {"title_th": "กลับไปโรงเรียนอีกครั้ง", "body_th": "<p>เด็ก ๆ ได้กลับไปเรียนแล้ว</p>"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


def test_an_untranslated_posts_thai_page_shows_the_english_marked_under_a_note(client):
    post = make_post("Back to school", body="<p>The children are back.</p>")
    html = client.get(thai(post.get_absolute_url())).content.decode()
    assert '<html lang="th">' in html
    assert '<h1 lang="en">Back to school</h1>' in html
    assert '<div class="post__body prose" lang="en">' in html
    assert 'class="untranslated-note" role="note" lang="th"' in html
    assert canonical(html) == SITE + post.get_absolute_url()
    assert hreflangs(html) == {}


def test_a_translated_posts_thai_page_is_thai_canonical_to_itself_with_both_alternates(client):
    post = make_post("Back to school", **THAI_POST)
    address = thai(post.get_absolute_url())
    html = client.get(address).content.decode()
    assert "<h1>กลับไปโรงเรียนอีกครั้ง</h1>" in html
    assert "เด็ก ๆ ได้กลับไปเรียนแล้ว" in html
    assert "untranslated-note" not in html and 'lang="en">' not in html.split("<main")[1]
    assert canonical(html) == SITE + address
    assert hreflangs(html) == {
        "en": SITE + post.get_absolute_url(),
        "th": SITE + address,
        "x-default": SITE + post.get_absolute_url(),
    }


def test_the_english_page_of_an_untranslated_post_has_no_note_and_no_alternates(client):
    post = make_post("Back to school")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "untranslated-note" not in html and '<h1 lang="en">' not in html
    assert canonical(html) == SITE + post.get_absolute_url()
    assert hreflangs(html) == {}


def test_an_untranslated_quote_in_a_translated_post_is_marked_english(client):
    post = make_post(**THAI_POST)
    make_quote(post=post, position=1, text="Every child in school counts.")
    html = client.get(thai(post.get_absolute_url())).content.decode()
    quote = html[html.index('<figure class="pull-quote">') :]
    assert '<blockquote lang="en"><p>Every child in school counts.' in quote
    assert "untranslated-note" in quote[: quote.index("</figure>")]


def test_a_translated_quote_is_shown_in_thai(client):
    post = make_post(**THAI_POST)
    make_quote(post=post, position=1, text="Every child.", text_th="เด็กทุกคน")
    html = client.get(thai(post.get_absolute_url())).content.decode()
    assert "<blockquote><p>เด็กทุกคน" in html


def test_an_untranslated_products_thai_page_shows_the_english_marked_under_a_note(client):
    shirt = make_product("Freedom shirt", description="<p>Soft cotton.</p>")
    html = client.get(thai(shirt.get_absolute_url())).content.decode()
    assert '<h1 lang="en">Freedom shirt</h1>' in html
    assert '<div class="prose product__description" lang="en">' in html
    assert "untranslated-note" in html
    assert canonical(html) == SITE + shirt.get_absolute_url()
    assert hreflangs(html) == {}


def test_a_translated_products_thai_page_is_thai_with_both_alternates(client):
    shirt = make_product(
        "Freedom shirt", name_th="เสื้อเสรีภาพ", description="<p>Soft.</p>", description_th="<p>นุ่ม</p>"
    )
    html = client.get(thai(shirt.get_absolute_url())).content.decode()
    assert "<h1>เสื้อเสรีภาพ</h1>" in html and "untranslated-note" not in html
    assert set(hreflangs(html)) == {"en", "th", "x-default"}


def test_an_untranslated_site_pages_thai_page_shows_the_english_marked_under_a_note(client):
    page = make_page("Our story", slug="our-story")
    html = client.get(thai(page.get_absolute_url())).content.decode()
    assert '<h1 lang="en">Our story</h1>' in html
    assert '<div class="prose site-page__body" lang="en">' in html
    assert "untranslated-note" in html
    assert canonical(html) == SITE + page.get_absolute_url()
    assert hreflangs(html) == {}


def test_a_translated_site_pages_thai_page_is_thai(client):
    page = make_page("Our story", slug="our-story", title_th="เรื่องของเรา", body_th="<p>เรา</p>")
    html = client.get(thai(page.get_absolute_url())).content.decode()
    assert "<h1>เรื่องของเรา</h1>" in html and "untranslated-note" not in html
    assert set(hreflangs(html)) == {"en", "th", "x-default"}


def test_an_untranslated_categorys_thai_page_is_marked_and_canonical_to_english(client):
    category = make_category("Education")
    make_post(categories=[category], **THAI_POST)
    html = client.get(thai(category.get_absolute_url())).content.decode()
    assert '<span lang="en">Education</span>' in html and "untranslated-note" in html
    assert canonical(html) == SITE + category.get_absolute_url()
    assert hreflangs(html) == {}
    translated = make_category("Health", name_th="สุขภาพ")
    html = client.get(thai(translated.get_absolute_url())).content.decode()
    assert "สุขภาพ" in html and "untranslated-note" not in html
    assert set(hreflangs(html)) == {"en", "th", "x-default"}


def test_the_thai_news_list_shows_translated_posts_in_thai_and_marks_the_others(
    client, django_assert_max_num_queries
):
    make_post("In English only")
    make_post("Back to school", **THAI_POST)
    with django_assert_max_num_queries(12):
        html = client.get("/th/news/").content.decode()
    assert '">กลับไปโรงเรียนอีกครั้ง</a>' in html
    assert '" lang="en">In English only</a>' in html
    assert '" lang="en">Back to school' not in html


def test_the_thai_shop_and_home_mark_the_names_of_untranslated_products(client):
    make_product("Tote bag", is_featured=True)
    make_product("Shirt", name_th="เสื้อ", description_th="<p>เสื้อ</p>", is_featured=True)
    for address in ("/th/shop/", "/th/"):
        html = client.get(address).content.decode()
        assert '" lang="en">Tote bag</a>' in html, address
        assert '">เสื้อ</a>' in html, address


def test_no_site_page_can_take_a_language_prefix_as_its_address():
    for slug in ("th", "en"):
        with pytest.raises(ValidationError) as refused:
            Page(title="Thai", slug=slug).full_clean()
        assert "slug" in refused.value.message_dict


def test_each_languages_excerpt_comes_from_its_own_body(client):
    post = make_post("Back to school", body="<p>They are back.</p>", **THAI_POST)
    assert (post.excerpt_en, post.excerpt_th) == ("They are back.", "เด็ก ๆ ได้กลับไปเรียนแล้ว")
    assert "เด็ก ๆ ได้กลับไปเรียนแล้ว</p>" in client.get("/th/news/").content.decode()


def test_the_neighbouring_posts_and_the_voices_page_mark_english_titles(client):
    post = make_post("Back to school", **THAI_POST)
    older = make_post("An older story")  # the factory dates each post an hour before the last
    make_quote(post=older, text="Words from the older story.", text_th="ถ้อยคำ")
    html = client.get(thai(post.get_absolute_url())).content.decode()
    assert '<span lang="en">An older story</span></a>' in html
    voices = client.get("/th/quotes/").content.decode()
    assert '" lang="en">An older story</a>' in voices


def test_a_thai_page_describes_images_and_categories_in_thai_and_falls_back_to_english(client):
    category = make_category("Education", description="Keeping children in school.")
    category.description_th = "ช่วยให้เด็ก ๆ ได้เรียนต่อ"
    category.name_th = "การศึกษา"
    category.save()
    post = make_post(
        "Back to school",
        body="<p>The children are back.</p>",
        categories=[category],
        image=jpeg_upload(),
        image_alt="Pupils at their desks",
    )
    Post.objects.filter(pk=post.pk).update(
        title_th="กลับสู่โรงเรียน", body_th="<p>เด็ก ๆ กลับมาแล้ว</p>", image_alt_th="นักเรียนที่โต๊ะเรียน"
    )
    thai_post = client.get(thai(post.get_absolute_url())).content.decode()
    assert 'alt="นักเรียนที่โต๊ะเรียน"' in thai_post
    assert 'alt="Pupils at their desks"' in client.get(post.get_absolute_url()).content.decode()
    thai_category = client.get(thai(category.get_absolute_url())).content.decode()
    assert "ช่วยให้เด็ก ๆ ได้เรียนต่อ" in thai_category
    assert "Keeping children in school." not in thai_category

    product = make_product("Tote bag")
    photo = product.images.create(image=jpeg_upload(), alt="Photo of the tote bag")
    html = client.get(thai(product.get_absolute_url())).content.decode()
    assert 'alt="Photo of the tote bag"' in html  # no Thai yet: the English, never nothing
    photo.alt_th = "ภาพกระเป๋าผ้า"
    photo.save()
    html = client.get(thai(product.get_absolute_url())).content.decode()
    assert 'alt="ภาพกระเป๋าผ้า"' in html
