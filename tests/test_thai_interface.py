"""The site's and the news' interface in Thai on /th/ pages, and unchanged in English elsewhere:
the words around the content (headings, buttons, labels, errors, messages), not the content."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import translation

from freedomstory.core.ratelimit import wait_words
from freedomstory.pages.emails import send_contact_message
from freedomstory.views import server_error
from news.views import PostListView
from tests.news.factories import make_category, make_post, make_quote
from tests.pages.factories import make_page
from tests.translation_support import ROOT, compile_catalogues

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    # The language middleware leaves the last request's language active in the thread: content
    # made by a test after a /th/ request would otherwise be written as Thai.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def says(html, present, absent=()):
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


def test_thai_home_page_speaks_thai_around_the_content(client):
    make_post("School reopens")
    make_quote(is_featured=True)
    says(
        page(client, "/th/"),
        [
            '<html lang="th">',
            "ข้ามไปยังเนื้อหาหลัก",
            "อ่านข่าวสารของเรา",
            "เยี่ยมชมร้านค้า",
            "ข่าวล่าสุด",
            "ข่าวสารทั้งหมด →",
            "ติดตามเรา" if settings.SOCIAL_FACEBOOK_URL else "สำรวจ",
            "ป้องกันการค้ามนุษย์",  # the default tagline, in the page's language
        ],
        ["Skip to main content", "Read our news", "Latest news", "Preventing trafficking"],
    )


def test_english_home_page_is_unchanged(client):
    make_post("School reopens")
    says(
        page(client, "/"),
        ['<html lang="en">', "Skip to main content", "Read our news", "Latest news", "Explore"],
        ["ข้ามไปยังเนื้อหาหลัก", "ข่าวล่าสุด"],
    )
    assert settings.SITE_TAGLINE in page(client, "/")


def test_an_operators_own_tagline_is_shown_as_given_on_thai_pages(client, settings):
    settings.SITE_TAGLINE = "Our own words for every reader."
    html = page(client, "/th/")
    says(html, ["Our own words for every reader."], ["ป้องกันการค้ามนุษย์"])


def test_thai_news_list_and_its_pages_of_posts(client, monkeypatch):
    monkeypatch.setattr(PostListView, "paginate_by", 1)
    make_post("First")
    make_post("Second")
    says(
        page(client, "/th/news/"),
        ["ค้นหาข่าวสาร", "ติดตามข่าวสารของเรา:", "ฟีด RSS", "หน้า 1 จาก 2", "เก่ากว่า →"],
        ["Search the news", "Follow our news", "Page 1 of 2", "Older"],
    )
    says(page(client, "/news/"), ["Search the news", "Follow our news", "Page 1 of 2"])


def test_thai_post_page_speaks_thai_around_the_story(client):
    category = make_category("Education", slug="education")
    post = make_post("Back to school", categories=[category])
    make_post("Another", categories=[category])
    html = page(client, f"/th/news/{post.slug}/")
    says(
        html,
        [
            "อ่าน 1 นาที",
            "แบ่งปันเรื่องนี้",
            "(เปิดในแท็บใหม่)",
            ">อีเมล<",
            "ทุกเรื่องราวที่นี่เริ่มต้นจากการให้",
            ">บริจาค</a>",
            "เพิ่มเติมในหมวด Education",
            "ทั้งหมดในหมวด Education",
        ],
        [
            "min read",
            "Share this story",
            "Every story here begins",
            "More in Education",
            ">E-mail<",
        ],
    )
    english = page(client, f"/news/{post.slug}/")
    says(english, ["1 min read", "Share this story", "More in Education", ">E-mail<"])


def test_thai_category_page(client):
    make_category("Education", slug="education")
    says(
        page(client, "/th/news/category/education/"),
        ["ข่าวสาร</a>ในหมวด Education", "ยังไม่มีข่าวในหมวด Education"],
        ["Nothing in Education yet", "</a> in Education"],
    )


def test_thai_search_with_and_without_results(client):
    make_post("Scholarships for Mae Chan", title_th="ทุนการศึกษาสำหรับ Mae Chan")
    says(
        page(client, "/th/news/search/?q=zzzz"),
        ["ไม่พบผลลัพธ์สำหรับ “zzzz” กรุณาลองใช้คำที่น้อยลงหรือคำอื่น", "ค้นหา: zzzz"],
        ["Nothing matched", "Search: zzzz"],
    )
    says(page(client, "/th/news/search/?q=Chan"), ["พบ 1 รายการสำหรับ “Chan”"], ["1 result for"])
    says(page(client, "/th/news/search/"), ["พิมพ์คำหนึ่งหรือสองคำเพื่อค้นหาข่าวสารของเรา"])
    says(page(client, "/news/search/?q=Chan"), ["1 result for “Chan”"])


def test_thai_quotes_page(client):
    make_quote()
    says(
        page(client, "/th/quotes/"),
        ["<h1>เสียงจากงานของเรา</h1>"],
        ["Voices from our work"],
    )


def test_thai_site_page_with_its_section(client):
    about = make_page("About", slug="about")
    make_page("Team", slug="team", parent=about)
    says(page(client, "/th/about/"), ["ในหมวดนี้"], ["In this section"])
    says(page(client, "/about/"), ["In this section"])


def test_thai_contact_form_labels_errors_and_thanks(client, django_capture_on_commit_callbacks):
    make_page("Contact us", slug=settings.CONTACT_PAGE_SLUG, body="<p>Write to us.</p>")
    says(
        page(client, "/th/contact/"),
        ["ส่งข้อความถึงเรา", "ชื่อของคุณ", "อีเมลของคุณ", "ส่งข้อความ</button>", "ช่องทางติดต่อเรา"],
        ["Your name", "Send message", "How to reach us"],
    )
    response = client.post("/th/contact/", {"name": "", "email": "nope", "message": ""})
    assert response.status_code == 400
    says(
        response.content.decode(),
        [
            "กรุณาตรวจสอบช่องที่มีเครื่องหมายด้านล่าง",
            "กรุณากรอกชื่อของคุณ",
            "กรุณากรอกอีเมลในรูปแบบ name@example.org",
            "กรุณาเขียนข้อความของคุณ",
        ],
        ["Please tell us your name", "Please check the fields"],
    )
    too_long = client.post("/th/contact/", {"name": "ก" * 121, "email": "a@b.org", "message": "x"})
    says(too_long.content.decode(), ["กรุณาย่อชื่อให้ไม่เกิน 120 ตัวอักษร (ตอนนี้มี 121 ตัวอักษร)"])
    good = {"name": "สมชาย", "email": "somchai@example.org", "message": "สวัสดีครับ"}
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/th/contact/", good, REMOTE_ADDR="203.0.113.9")
    assert sent.status_code == 302 and sent["Location"] == "/th/contact/"
    says(page(client, "/th/contact/"), ["ขอบคุณสำหรับข้อความของคุณ"], ["Thank you for your message"])


def test_thai_contact_form_refusals_in_thai(client, settings):
    make_page("Contact us", slug=settings.CONTACT_PAGE_SLUG, body="<p>Write to us.</p>")
    settings.CONTACT_RATE_LIMIT, settings.CONTACT_RATE_WINDOW_SECONDS = 1, 3600
    broken = {"name": "สม\nชาย", "email": "somchai@example.org", "message": "สวัสดี"}
    says(
        client.post("/th/contact/", broken).content.decode(),
        ["ช่อง “ชื่อของคุณ” มีการขึ้นบรรทัดใหม่หรืออักขระที่มองไม่เห็นปนอยู่"],
        ["holds a line break"],
    )
    good = broken | {"name": "สมชาย"}
    assert client.post("/th/contact/", good).status_code == 302
    refused = client.post("/th/contact/", good)
    assert refused.status_code == 429
    says(
        refused.content.decode(),
        ["คุณส่งข้อความถึงเรา 1 ข้อความในเวลาอันสั้น", "กรุณาลองใหม่อีกครั้งในอีก 1 ชั่วโมง"],
        ["You have sent us", "an hour"],
    )


def test_nginx_error_pages_say_it_in_english_then_thai():
    for name in ("413", "429", "502"):
        html = (ROOT / "deploy" / "errors" / f"{name}.html").read_text()
        english, _, thai = html.partition('<div lang="th">')
        assert '<html lang="en">' in english and "Go to the home page" in english, name
        assert re.search("[\u0e00-\u0e7f]{10}", thai) and 'href="/th/"' in thai, name


def test_thai_not_found_page(client):
    says(
        page(client, "/th/nope/", status=404),
        ['<html lang="th">', "เราไม่พบหน้าที่คุณต้องการ", "ไปที่หน้าแรก"],
        ["We couldn't find that page", "Go to the home page"],
    )
    says(page(client, "/nope/", status=404), ["We couldn't find that page"])


def test_an_unreadable_request_is_refused_in_its_addresss_language():
    client = Client(raise_request_exception=False)
    thai = client.get("/th/news/search/?q=a%00")
    assert thai.status_code == 400
    says(
        thai.content.decode(),
        ['<html lang="th">', "เราไม่สามารถอ่านคำขอนี้ได้"],
        ["We couldn't read that request"],
    )
    # Refused before the language middleware runs: not in the last request's language.
    english = client.get("/news/search/?q=a%00")
    says(
        english.content.decode(),
        ['<html lang="en">', "We couldn't read that request"],
        ["เราไม่สามารถอ่าน"],
    )


def test_the_500_page_speaks_its_addresss_language_whatever_ran_before():
    # What failed may have run before the language middleware, with another request's language.
    with translation.override("th"):
        english = server_error(RequestFactory().get("/news/")).content.decode()
    with translation.override("en"):
        thai = server_error(RequestFactory().get("/th/news/")).content.decode()
    says(english, ['<html lang="en">', "Something went wrong on our side"], ["เกิดข้อผิดพลาด"])
    says(thai, ['<html lang="th">', "เกิดข้อผิดพลาดในระบบของเรา"], ["Something went wrong"])


def test_thai_feed_is_titled_in_thai(client):
    make_post("Back to school")
    says(page(client, "/th/news/feed/"), [f"<title>{settings.SITE_NAME}: ข่าวสาร</title>"])
    says(page(client, "/news/feed/"), [f"<title>{settings.SITE_NAME}: news</title>"])


def test_waits_are_said_in_the_pages_language():
    with translation.override("th"):
        assert [wait_words(s) for s in (60, 600, 3600, 7200)] == [
            "1 นาที",
            "10 นาที",
            "1 ชั่วโมง",
            "2 ชั่วโมง",
        ]
    assert [wait_words(s) for s in (60, 600, 3600, 7200)] == [
        "a minute",
        "10 minutes",
        "an hour",
        "2 hours",
    ]


def test_staff_read_a_contact_message_in_english_even_when_sent_from_a_thai_page():
    mail.outbox.clear()
    with translation.override("th"):  # the task may run inside the Thai visitor's request
        send_contact_message.call(name="สมชาย", email="somchai@example.org", message="สวัสดีครับ")
    [to_staff] = mail.outbox
    assert "Charity registration number:" in to_staff.alternatives[0][0]
    assert "เลขทะเบียน" not in to_staff.alternatives[0][0]
