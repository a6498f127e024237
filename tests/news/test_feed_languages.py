"""/th/news/feed/ and /th/news/atom/: the Thai feeds list the posts translated into Thai, in
Thai, linking under /th/, with the feed's language "th"; the English feeds are unchanged."""

import xml.etree.ElementTree as ET

import pytest

from tests.news.factories import make_category, make_post

pytestmark = pytest.mark.django_db

SITE = "https://freedomstory.example"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(autouse=True)
def stories(settings):
    settings.SITE_URL = SITE
    schools = make_category("Schools", name_th="โรงเรียน")
    make_post(
        "Back to school",
        title_th="กลับไปโรงเรียน",
        body="<p>They are back.</p>",
        body_th="<p>เด็ก ๆ กลับมาเรียนแล้ว</p>",
        categories=[schools],
    )
    make_post("Only in English", body="<p>English words.</p>")


def test_the_thai_rss_feed_has_the_thai_posts_in_thai_linking_under_th(client):
    channel = ET.fromstring(client.get("/th/news/feed/").content).find("channel")
    assert channel.findtext("language") == "th"
    assert channel.findtext("link") == f"{SITE}/th/news/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["กลับไปโรงเรียน"]
    assert "เด็ก ๆ กลับมาเรียนแล้ว" in items[0].findtext("description")
    assert items[0].findtext("link") == f"{SITE}/th/news/back-to-school/"
    assert items[0].findtext("category") == "โรงเรียน"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link").get("href")
    assert self_link == f"{SITE}/th/news/feed/"


def test_the_thai_atom_feed_has_the_thai_posts_in_thai_linking_under_th(client):
    atom = ET.fromstring(client.get("/th/news/atom/").content)
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "th"
    entries = atom.findall("a:entry", ATOM)
    assert [entry.findtext("a:title", namespaces=ATOM) for entry in entries] == ["กลับไปโรงเรียน"]
    assert entries[0].find("a:link", ATOM).get("href") == f"{SITE}/th/news/back-to-school/"
    assert atom.find("a:link[@rel='self']", ATOM).get("href") == f"{SITE}/th/news/atom/"


def test_the_english_feeds_keep_every_post_in_english(client):
    channel = ET.fromstring(client.get("/news/feed/").content).find("channel")
    assert channel.findtext("language") == "en"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Back to school", "Only in English"]
    assert channel.findtext("link") == f"{SITE}/news/"


def test_the_feeds_title_is_said_in_the_feeds_language(client):
    channel = ET.fromstring(client.get("/th/news/feed/").content).find("channel")
    assert channel.findtext("title").endswith(": ข่าวสาร")
