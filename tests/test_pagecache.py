"""The shared page cache: who gets a shared copy, what is never stored, how it is retired."""

import pytest

from freedomstory.core.pagecache import invalidate_public_pages
from tests import urls_pagecache

pytestmark = [pytest.mark.urls("tests.urls_pagecache"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def reset_calls():
    urls_pagecache.calls["count"] = 0


def test_a_visitor_without_personal_cookies_gets_the_shared_copy(client):
    first = client.get("/counted/")
    second = client.get("/counted/?page=2")
    third = client.get("/counted/")
    assert first.content == third.content == b"render number 1"
    assert third["X-Page-Cache"] == "hit"
    assert urls_pagecache.calls["count"] == 2  # another query string is another page
    assert second.content == b"render number 2"


def test_the_shared_copy_carries_no_vary_cookie_and_sets_no_cookie(client):
    client.get("/counted/")
    response = client.get("/counted/")
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


@pytest.mark.parametrize("cookie", ["sessionid", "cart", "messages"])
def test_a_visitor_with_a_session_cart_or_message_gets_a_private_fresh_page(client, cookie):
    client.get("/counted/")  # fills the shared copy
    client.cookies[cookie] = "something"
    response = client.get("/counted/")
    assert response.content == b"render number 2"
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_a_page_that_asked_for_a_csrf_token_is_never_shared(client):
    first = client.get("/with-token/")
    second = client.get("/with-token/")
    assert urls_pagecache.calls["count"] == 2
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_a_page_that_read_the_session_is_never_shared(client):
    client.get("/with-session/")
    client.get("/with-session/")
    assert urls_pagecache.calls["count"] == 2


def test_invalidation_retires_every_cached_page(client):
    client.get("/counted/")
    invalidate_public_pages()
    response = client.get("/counted/")
    assert response.content == b"render number 2"


def test_pages_are_retired_when_a_scheduled_moment_arrives(client):
    from datetime import timedelta

    from django.utils import timezone

    from freedomstory.core.pagecache import retire_public_pages_at

    retire_public_pages_at(timezone.now() + timedelta(hours=1))
    client.get("/counted/")
    assert client.get("/counted/").content == b"render number 1"  # not due yet: still shared
    retire_public_pages_at(timezone.now() - timedelta(seconds=1))
    assert client.get("/counted/").content == b"render number 2"
    assert client.get("/counted/").content == b"render number 2"  # retired once, not every time
