"""/sitemap.xml past its page size: an index of pages that together list every post once."""

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from news.sitemaps import PostSitemap
from tests.news.factories import make_category, make_draft, make_post, make_scheduled

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def public_address(settings):
    """Sitemap addresses come from SITE_URL, never from the request."""
    settings.SITE_URL = "https://freedomstory.example"


def locations(client, url, element):
    """The <loc> of every `element` (url or sitemap) in the XML at `url`."""
    response = client.get(url.removeprefix("https://freedomstory.example"))
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    return root, [node.findtext("s:loc", namespaces=NS) for node in root.findall(element, NS)]


def test_past_its_page_size_the_sitemap_is_an_index_whose_parts_list_every_post_once(
    client, monkeypatch
):
    monkeypatch.setattr(PostSitemap, "limit", 5)
    # One publish time for all: the pages are cut with OFFSET, and a tie must not let a post
    # fall on two pages (or on none).
    moment = timezone.now() - timedelta(days=1)
    category = make_category("Education")
    posts = [make_post(f"Story {n}", published_at=moment, categories=[category]) for n in range(12)]
    make_draft("Draft story")
    make_scheduled("Scheduled story")

    root, parts = locations(client, "/sitemap.xml", "s:sitemap")

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert parts[:3] == [
        "https://freedomstory.example/sitemap-posts.xml",
        "https://freedomstory.example/sitemap-posts.xml?p=2",
        "https://freedomstory.example/sitemap-posts.xml?p=3",
    ]
    assert all(node.findtext("s:lastmod", namespaces=NS) for node in root.findall("s:sitemap", NS))
    listed = Counter(loc for part in parts for loc in locations(client, part, "s:url")[1])
    post_urls = {f"https://freedomstory.example{post.get_absolute_url()}" for post in posts}
    assert {url: listed[url] for url in post_urls} == dict.fromkeys(post_urls, 1)
    assert "https://freedomstory.example/news/category/education/" in listed
    assert not any("draft-story" in url or "scheduled-story" in url for url in listed)


def test_within_its_page_size_the_sitemap_stays_one_file(client, monkeypatch):
    monkeypatch.setattr(PostSitemap, "limit", 5)
    make_post("Only story")

    root, urls = locations(client, "/sitemap.xml", "s:url")

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert urls == [
        "https://freedomstory.example/news/only-story/",
        "https://freedomstory.example/donate/",
        "https://freedomstory.example/th/donate/",  # the Donate page speaks both languages
        "https://freedomstory.example/privacy/",  # a site page, made by migration
    ]


def test_a_section_page_past_the_end_is_not_found(client, monkeypatch):
    monkeypatch.setattr(PostSitemap, "limit", 5)
    for n in range(6):
        make_post(f"Story {n}")
    assert client.get("/sitemap-posts.xml?p=2").status_code == 200
    assert client.get("/sitemap-posts.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_and_its_index_never_take_the_requests_host_or_scheme(
    client, settings, monkeypatch
):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    monkeypatch.setattr(PostSitemap, "limit", 1)
    make_post("First story")
    make_post("Second story")
    assert b"<sitemapindex" in client.get("/sitemap.xml").content
    for path in ("/sitemap.xml", "/sitemap-posts.xml", "/sitemap-posts.xml?p=2"):
        text = client.get(path, HTTP_HOST="other.example").content.decode()
        assert "other.example" not in text and "https://freedomstory.example/" in text
