"""The demo's seed post matches the charity's own: title, date, headings, intro line, speaker."""

import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest

import news.demo
from news.models import Post, Quote
from tests.news.factories import jpeg_upload

pytestmark = pytest.mark.django_db

TITLE = "We\u2019re Expanding on Multiple Levels"
SPEAKER = "Veerawit Tianchainan, Thailand Executive Director"


@pytest.fixture
def demo(monkeypatch):
    # Tiny pictures: the demo's drawn landscapes and their renditions take seconds each.
    monkeypatch.setattr(news.demo, "demo_image", lambda seed: jpeg_upload((60, 40)))
    news.demo.load(StringIO())
    return Post.objects.get(slug="were-expanding-on-multiple-levels")


def test_the_seed_post_has_the_charitys_title_address_and_date(demo):
    assert demo.title == TITLE and "\u2019" in demo.title
    assert demo.is_public
    local = demo.published_at.astimezone(ZoneInfo("Asia/Bangkok"))
    assert (local.year, local.month, local.day) == (2021, 2, 4)


def test_the_seed_post_has_the_intro_line_then_a_list_and_the_two_headings(demo):
    body = str(demo.body)
    assert re.search(
        r"<p>Here are some of the ways we\u2019re expanding:</p><ul>(<li>.+?</li>){3,}</ul>", body
    )
    assert "<h2>What These Collaborations Helps Us Achieve</h2>" in body
    assert "<h2>Growing Recognition</h2>" in body
    recognition = body[body.index("<h2>Growing Recognition</h2>") :]
    assert "governor of Chiang Rai" in recognition and "Human Rights Award" in recognition
    assert body.index("ways we\u2019re expanding") < body.index("What These Collaborations")


def test_the_seed_posts_two_quotes_are_the_thailand_executive_directors(demo, client):
    quotes = Quote.objects.filter(post=demo)
    assert [quote.attribution for quote in quotes] == [SPEAKER, SPEAKER]
    html = client.get(demo.get_absolute_url()).content.decode()
    assert html.count(f"<figcaption>– {SPEAKER}</figcaption>") == 2
    assert '<time datetime="2021-02-04T10:00:00+07:00">February 4, 2021</time>' in html
    # The first quote follows the list of ways, before the next heading.
    body = html[html.index('class="post__body') :]
    assert body.index("</ul>") < body.index("pull-quote") < body.index("What These Collaborations")


def test_loading_the_demo_again_changes_nothing(demo):
    counts = Post.objects.count(), Quote.objects.count()
    news.demo.load(StringIO())
    assert (Post.objects.count(), Quote.objects.count()) == counts
    assert Post.objects.filter(title=TITLE).count() == 1
