"""The one publication rule, as every public surface applies it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Post, Quote
from tests.news.factories import make_category, make_draft, make_post, make_quote, make_scheduled

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_states():
    category = make_category("Education")
    return {
        "published": make_post("Published story", categories=[category]),
        "draft": make_draft("Draft story", categories=[category]),
        "scheduled": make_scheduled("Scheduled story", categories=[category]),
    }


def test_published_queryset_holds_only_published_posts_whose_time_has_come(three_states):
    assert list(Post.objects.published()) == [three_states["published"]]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/news/",
        "/news/category/education/",
        "/news/search/?q=story",
        "/news/feed/",
        "/news/atom/",
        "/sitemap.xml",
    ],
)
def test_every_public_surface_shows_published_posts_and_hides_drafts_and_scheduled(
    client, three_states, url
):
    html = client.get(url).content.decode()
    assert "published-story" in html or "Published story" in html
    assert "Draft story" not in html and "draft-story" not in html
    assert "Scheduled story" not in html and "scheduled-story" not in html


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_drafts_and_scheduled_posts_are_404_for_the_public(client, three_states, state):
    response = client.get(three_states[state].get_absolute_url())
    assert response.status_code == 404


def test_a_scheduled_post_appears_on_time_with_no_job_even_through_the_page_cache(
    client, monkeypatch
):
    post = make_scheduled(
        "Morning announcement", published_at=timezone.now() + timedelta(minutes=5)
    )
    assert "Morning announcement" not in client.get("/news/").content.decode()
    assert client.get("/news/")["X-Page-Cache"] == "hit"

    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    monkeypatch.setattr("freedomstory.core.pagecache.time.time", lambda: later.timestamp())

    assert "Morning announcement" in client.get("/news/").content.decode()
    assert client.get(post.get_absolute_url()).status_code == 200


def test_staff_preview_a_draft_with_a_banner_and_it_is_never_cached(client, three_states):
    from tests.news.factories import make_editor

    client.force_login(make_editor())
    response = client.get(three_states["draft"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview:" in html and "is not on the public site" in html
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html


def test_quotes_of_unpublished_posts_are_not_public(client, three_states):
    shown = make_quote(text="Words in a published post", post=three_states["published"])
    make_quote(text="Words in a draft", post=three_states["draft"], is_featured=True)
    make_quote(text="Words in a scheduled post", post=three_states["scheduled"])
    standalone = make_quote(text="Words on their own")
    make_quote(text="Words hidden by staff", is_public=False)

    assert set(Quote.objects.published()) == {shown, standalone}
    html = client.get("/quotes/").content.decode()
    assert "Words in a published post" in html and "Words on their own" in html
    assert "Words in a draft" not in html and "Words hidden by staff" not in html
    assert "Words in a draft" not in client.get("/").content.decode()


def test_feeds_parse_as_xml_with_the_latest_twenty_published_posts_in_full(client, settings):
    for number in range(22):
        make_post(f"Story {number}", body=f"<p>Full text of story {number}.</p><h2>More</h2>")
    make_draft("Secret draft")

    rss = ET.fromstring(client.get("/news/feed/").content)
    items = rss.findall("./channel/item")
    assert len(items) == 20
    assert items[0].findtext("title") == "Story 0"
    assert "<h2>More</h2>" in items[0].findtext("description")

    atom = ET.fromstring(client.get("/news/atom/").content)
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", namespace)
    assert len(entries) == 20
    assert all(
        entry.findtext("a:title", namespaces=namespace) != "Secret draft" for entry in entries
    )


def test_sitemap_lists_posts_and_categories_with_last_modified_times(
    client, three_states, settings
):
    settings.SITE_URL = "https://freedomstory.example"
    xml = ET.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
        for url in xml.findall("s:url", namespace)
    }
    assert "https://freedomstory.example/news/published-story/" in urls
    assert "https://freedomstory.example/news/category/education/" in urls
    assert "https://freedomstory.example/news/draft-story/" not in urls
    assert all(urls.values())


def test_an_empty_category_is_left_out_of_the_sitemap(client):
    make_category("Empty")
    assert b"/news/category/empty/" not in client.get("/sitemap.xml").content


def test_feeds_link_to_the_public_site_whatever_the_request_said(client, settings):
    """Feeds are shared pages: a forwarded scheme or another Host must not end up in them."""
    settings.SITE_URL = "https://freedomstory.example"
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    make_post("Linked story")
    for url in ("/news/feed/", "/news/atom/"):
        body = client.get(url, HTTP_HOST="other.example", HTTP_X_FORWARDED_PROTO="https")
        text = body.content.decode()
        assert "https://freedomstory.example/news/linked-story/" in text
        assert "other.example" not in text and "http://" not in text.replace(
            "http://www.w3.org", ""
        ).replace("http://purl.org", "")
