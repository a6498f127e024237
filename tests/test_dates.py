"""Dates read as the site's language writes them ("February 4, 2021" in English), everywhere.

The pattern lives in one format module per language (freedomstory/formats/); templates only say
`|date` or `|date:"DATETIME_FORMAT"`, so a Thai translation brings its own format and no
template changes. Machine dates (ISO 8601 in datetime attributes and feeds) stay as they are.
"""

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from freedomstory.core.dates import date_format, with_buddhist_year
from shop.emails import send_monthly_receipt
from shop.models import MonthlyGift
from tests.news.factories import make_category, make_editor, make_post, make_quote
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
BANGKOK = ZoneInfo("Asia/Bangkok")
FEB_4 = datetime(2021, 2, 4, 10, 0, tzinfo=BANGKOK)
# What the formats must never print again: day first, or the month abbreviated.
OLD_STYLES = ("4 February 2021", "Feb. 4, 2021")


def the_post():
    post = make_post(
        "We’re Expanding on Multiple Levels",
        slug="were-expanding-on-multiple-levels",
        published_at=FEB_4,
        categories=[make_category("Updates")],
        body="<p>Scholarships for every village.</p>",
    )
    make_quote(post=post, is_featured=True)
    return post


def assert_reads_february_4(html, what):
    assert "February 4, 2021" in html, f"{what}: no “February 4, 2021”"
    for old in OLD_STYLES:
        assert old not in html, f"{what}: {old!r}"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/news/",
        "/news/were-expanding-on-multiple-levels/",
        "/news/category/updates/",
        "/news/search/?q=scholarships",
    ],
)
def test_news_pages_print_the_date_as_february_4_2021(client, url):
    the_post()
    html = client.get(url).content.decode()
    assert_reads_february_4(html, url)


def test_machine_dates_stay_iso_8601(client):
    post = the_post()
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<time datetime="2021-02-04T10:00:00+07:00">February 4, 2021</time>' in html
    assert 'content="2021-02-04T10:00:00+07:00"' in html  # article:published_time
    assert '"datePublished": "2021-02-04T03:00:00+00:00"' in html
    assert "<pubDate>Thu, 04 Feb 2021 03:00:00 +0000</pubDate>" in client.get("/news/feed/").text


def test_the_preview_banner_gives_a_scheduled_posts_date_and_time(client):
    post = make_post(published_at=datetime(2031, 2, 4, 9, 30, tzinfo=BANGKOK))
    client.force_login(make_editor())
    html = client.get(post.get_absolute_url()).content.decode()
    assert "scheduled for February 4, 2031, 9:30 a.m. is not on the public site" in html


def test_the_order_page_gives_the_order_date_and_time(client):
    order = make_order()
    type(order).objects.filter(pk=order.pk).update(created_at=FEB_4)
    html = client.get(order.get_absolute_url()).content.decode()
    assert f"{order.number}</strong> · February 4, 2021, 10:00 a.m. ·" in html


def monthly_gift(**fields):
    gift = MonthlyGift.objects.create(
        amount=Decimal("50"), currency="USD", email="malee@example.org", **fields
    )
    payment = gift.payments.create(invoice_id="in_1", amount=Decimal("50"), paid_at=FEB_4)
    return gift, payment


def test_the_monthly_gift_page_dates_its_start_and_its_payments(client):
    gift, _ = monthly_gift(status="active", started_at=FEB_4)
    html = client.get(gift.get_absolute_url()).content.decode()
    assert "$50 every month, since February 4, 2021." in html
    assert '<th scope="row">February 4, 2021</th>' in html
    for old in OLD_STYLES:
        assert old not in html


def test_an_ended_monthly_gift_gives_its_last_day(client):
    gift, _ = monthly_gift(status="cancelled", cancelled_at=FEB_4)
    html = client.get(gift.get_absolute_url()).content.decode()
    assert "Thank you for everything you gave until February 4, 2021." in html


def test_the_monthly_receipt_dates_the_payment_in_text_and_html():
    _, payment = monthly_gift(status="active", started_at=FEB_4)
    mail.outbox.clear()
    send_monthly_receipt.call(payment.pk)
    [receipt] = mail.outbox
    assert "Date: February 4, 2021" in receipt.body
    html = receipt.alternatives[0][0]
    assert re.search(r">February 4, 2021</td>", html)


def test_another_language_brings_its_own_format_without_a_template_change():
    post = the_post()
    card = "news/includes/post_card.html"
    assert "February 4, 2021" in render_to_string(card, {"post": post})
    with translation.override("th"):
        assert "4 กุมภาพันธ์ 2564" in render_to_string(card, {"post": post})


# --- Thai: the Buddhist-era year (Gregorian + 543), Thai month names ----------------------------

THAI_FEB_4 = "4 กุมภาพันธ์ 2564"


def the_thai_post():
    post = the_post()
    post.title_th = "เราขยายงานในหลายระดับ"
    post.body_th = "<p>ทุนการศึกษาสำหรับทุกหมู่บ้าน</p>"
    post.save()
    return post


@pytest.mark.parametrize(
    "url",
    [
        "/th/",
        "/th/news/",
        "/th/news/were-expanding-on-multiple-levels/",
        "/th/news/category/updates/",
    ],
)
def test_thai_news_pages_print_the_date_with_the_buddhist_year(client, url):
    the_thai_post()
    html = client.get(url).content.decode()
    assert THAI_FEB_4 in html, url
    assert "2021</time>" not in html and "February" not in html


def test_the_english_twin_of_a_thai_page_keeps_the_gregorian_year(client):
    the_thai_post()
    client.get("/th/news/were-expanding-on-multiple-levels/")  # a Thai render first
    html = client.get("/news/were-expanding-on-multiple-levels/").content.decode()
    assert_reads_february_4(html, "the English post")
    assert "2564" not in html


def test_thai_machine_dates_stay_gregorian_iso_8601(client):
    the_thai_post()
    html = client.get("/th/news/were-expanding-on-multiple-levels/").content.decode()
    assert f'<time datetime="2021-02-04T10:00:00+07:00">{THAI_FEB_4}</time>' in html
    assert 'content="2021-02-04T10:00:00+07:00"' in html


def test_the_thai_order_page_gives_the_date_and_time_in_thai(client):
    order = make_order()
    type(order).objects.filter(pk=order.pk).update(created_at=FEB_4)
    with translation.override("th"):
        url = order.get_absolute_url()
    assert url.startswith("/th/")
    html = client.get(url).content.decode()
    assert f"{THAI_FEB_4} เวลา 10:00 น." in html


def test_the_monthly_receipt_of_a_gift_begun_in_thai_dates_the_payment_with_the_buddhist_year():
    # The task runs in whatever language its worker has: the gift's own language decides.
    _, payment = monthly_gift(status="active", started_at=FEB_4, language="th")
    mail.outbox.clear()
    send_monthly_receipt.call(payment.pk)
    [receipt] = mail.outbox
    assert THAI_FEB_4 in receipt.body
    assert f">{THAI_FEB_4}</td>" in receipt.alternatives[0][0]
    assert "2021" not in receipt.body.split("Date")[-1].splitlines()[0]


def test_python_code_writes_thai_dates_through_the_same_function():
    with translation.override("th"):
        assert date_format(FEB_4) == THAI_FEB_4
        assert date_format(FEB_4, "SHORT_DATETIME_FORMAT") == "4 ก.พ. 2564, 10:00"
        assert date_format(FEB_4, "DATETIME_FORMAT") == f"{THAI_FEB_4} เวลา 10:00 น."
        assert date_format(FEB_4, "c") == "2021-02-04T10:00:00+07:00"
    with translation.override("en"):
        assert date_format(FEB_4) == "February 4, 2021"
        assert date_format(FEB_4, "SHORT_DATETIME_FORMAT") == "4 Feb 2021, 10:00"


def test_the_year_2000_is_2543_and_two_digit_years_follow():
    with translation.override("th"):
        assert date_format(datetime(2000, 1, 1, tzinfo=BANGKOK), "j F Y (y)") == (
            "1 มกราคม 2543 (43)"
        )


def test_an_escaped_y_stays_a_letter_and_only_unescaped_ones_become_the_year():
    assert with_buddhist_year(r"\Y Y", 2021) == r"\Y \2\5\6\4"
    # As Django reads it: a y right after a backslash is a letter, even an escaped backslash's.
    assert with_buddhist_year(r"\\y", 2021) == r"\\y"
    with translation.override("th"):
        assert date_format(FEB_4, r"\Y=Y \y=y") == "Y=2564 y=64"


def test_the_thai_date_filter_handles_what_django_s_does(client):
    from django.template import Context, Template

    template = Template("[{{ none|date }}][{{ text|date }}][{{ moment|date:'Y' }}]")
    with translation.override("th"):
        html = template.render(Context({"none": None, "text": "not a date", "moment": FEB_4}))
    assert html == "[][][2564]"


HUMAN_PATTERN = re.compile(r"""\|date:\s*["'](?P<format>[^"']*)["']""")
MACHINE_OR_NAMED = {
    "c",
    "r",
    "U",
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
}


def test_no_template_writes_a_date_pattern_of_its_own():
    """Guards "everywhere": a new `|date:"j F Y"` would bypass the language's format."""
    templates = [
        path
        for folder in ("templates", "news", "shop", "freedomstory")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".html", ".txt", ".xml")
    ]
    offences = [
        f"{path.relative_to(ROOT)}: |date:{match['format']!r}"
        for path in templates
        for match in HUMAN_PATTERN.finditer(path.read_text())
        if match["format"] not in MACHINE_OR_NAMED
    ]
    assert templates and offences == []
