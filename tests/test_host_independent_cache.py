"""Several app servers behind one balancer: each sees the Host the visitor typed (with or without a
port, or a server's own address when the balancer passes that), and all of them must share one
cached copy of a page. The page cache keys on SITE_URL (freedomstory/core/pagecache.py), never on
the request's Host; ALLOWED_HOSTS still refuses every other name before a page is rendered."""

import pytest
from django.test import Client

from tests.news.factories import make_post

pytestmark = pytest.mark.django_db

SITE = "https://freedomstory.example"
# The names one balancer may forward: the public name, an alias, with a port, an app server's own.
HOSTS = [
    "freedomstory.example",
    "www.freedomstory.example",
    "freedomstory.example:8000",
    "10.0.0.11:8000",
]


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["freedomstory.example", "www.freedomstory.example", "10.0.0.11"]
    return settings


def cache_state(response):
    return response.headers.get("X-Page-Cache")


@pytest.mark.parametrize("other_host", HOSTS[1:])
def test_two_hosts_of_the_same_site_share_one_cached_page(site, other_host):
    post = make_post("Shared by every server")
    first = Client(HTTP_HOST=HOSTS[0]).get(post.get_absolute_url())
    second = Client(HTTP_HOST=other_host).get(post.get_absolute_url())
    assert (first.status_code, cache_state(first)) == (200, "miss")
    assert (second.status_code, cache_state(second)) == (200, "hit")
    assert second.content == first.content


def test_a_host_with_a_port_and_without_share_the_home_page_and_feeds(site):
    make_post("On the home page")
    for path in ("/", "/news/", "/news/feed/", "/sitemap.xml"):
        assert cache_state(Client(HTTP_HOST="freedomstory.example:8000").get(path)) == "miss"
        assert cache_state(Client(HTTP_HOST="freedomstory.example").get(path)) == "hit", path


def test_a_host_outside_allowed_hosts_is_refused_and_stores_nothing(site):
    post = make_post("Not for strangers")
    refused = Client(HTTP_HOST="evil.example").get(post.get_absolute_url())
    assert refused.status_code == 400
    assert cache_state(refused) is None
    # Had the refused request stored the page (under SITE_URL's key), this would be a hit.
    assert cache_state(Client(HTTP_HOST="freedomstory.example").get(post.get_absolute_url())) == (
        "miss"
    )


def test_the_shared_page_names_site_url_whichever_host_rendered_it(site):
    post = make_post("Addresses from the setting")
    url = post.get_absolute_url()
    Client(HTTP_HOST="10.0.0.11:8000").get(url)  # renders and stores the shared copy
    html = Client(HTTP_HOST="freedomstory.example").get(url).content.decode()
    assert f'<link rel="canonical" href="{SITE}{url}">' in html
    assert f'<meta property="og:url" content="{SITE}{url}">' in html
    assert "10.0.0.11" not in html and "freedomstory.example:8000" not in html
    Client(HTTP_HOST="10.0.0.11:8000").get("/news/feed/")
    feed = Client(HTTP_HOST="freedomstory.example").get("/news/feed/")
    assert cache_state(feed) == "hit"
    assert f"{SITE}{url}" in feed.content.decode() and "10.0.0.11" not in feed.content.decode()
