"""The shared page cache: who gets the shared copy, what varies per visitor, what is never stored,
how keys are formed, how pages are retired, and what an entry holds."""

import zlib
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from freedomstory.core import pagecache
from freedomstory.core.pagecache import invalidate_public_pages, retire_public_pages_at
from tests import urls_pagecache

pytestmark = [pytest.mark.urls("tests.urls_pagecache"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def reset_calls():
    urls_pagecache.calls["count"] = 0


def stored_entry(path, query=""):
    request = type("Request", (), {"path": path})()
    return cache.get(pagecache._page_key(request, query))


def test_a_visitor_without_state_of_their_own_gets_the_shared_copy(client):
    first = client.get("/counted/")
    second = client.get("/counted/?page=2")
    third = client.get("/counted/")
    assert first.content == third.content == b"render number 1"
    assert third["X-Page-Cache"] == "hit"
    assert second.content == b"render number 2"  # a declared parameter makes another page
    assert urls_pagecache.calls["count"] == 2


def test_the_shared_copy_carries_no_vary_cookie_and_sets_no_cookie(client):
    client.get("/counted/")
    response = client.get("/counted/")
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_query_strings_a_page_does_not_read_add_no_entries(client):
    """A flood of ?utm_source=… must not fill the cache: the page is stored once."""
    for number in range(2000):
        response = client.get(f"/counted/?utm_source=mail{number}&x={number}")
        assert response.content == b"render number 1"
    assert urls_pagecache.calls["count"] == 1
    assert client.get("/counted/?page=02").content == client.get("/counted/?page=2").content


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=-1", "?page=²"])
def test_a_parameter_without_a_canonical_form_bypasses_the_cache(client, query):
    client.get(f"/counted/{query}")
    client.get(f"/counted/{query}")
    assert urls_pagecache.calls["count"] == 2
    assert stored_entry("/counted/") is None


@pytest.mark.parametrize("cookie", ["sessionid", "cart", "messages", "cart_count"])
def test_a_cookie_that_merely_has_a_personal_name_still_gets_the_shared_copy(client, cookie):
    client.get("/counted/")
    client.cookies[cookie] = "made-up"
    response = client.get("/counted/")
    assert response.content == b"render number 1"
    assert response["X-Page-Cache"] == "hit"


def test_a_logged_in_visitor_gets_a_fresh_private_page_that_is_never_stored(client):
    staff = get_user_model().objects.create_user(
        "editor", password="pw-long-enough-1", is_staff=True
    )
    client.force_login(staff)
    first = client.get("/counted/")
    second = client.get("/counted/")
    assert (first.content, second.content) == (b"render number 1", b"render number 2")
    assert "private" in second["Cache-Control"] and "X-Page-Cache" not in second
    assert stored_entry("/counted/") is None


def test_a_visitor_with_a_message_waiting_sees_it_on_a_page_of_their_own(client):
    client.get("/with-messages/")  # the shared copy, without messages
    response = client.get("/leave-message/", follow=True)
    assert b"Saved for you alone." in response.content
    assert "private" in response["Cache-Control"]
    shared = Client().get("/with-messages/")
    assert b"Saved for you alone." not in shared.content and shared["X-Page-Cache"] == "hit"
    assert b"Saved for you alone." not in zlib.decompress(
        stored_entry("/with-messages/").split(b"\n", 1)[1]
    )


def test_a_form_on_a_shared_page_carries_each_visitors_own_token_and_submits():
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_page = alice.get("/form/").content.decode()
    bob_page = bob.get("/form/")
    assert bob_page["X-Page-Cache"] == "hit"
    assert urls_pagecache.calls["count"] == 1

    def token(html):
        return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    assert token(alice_page) != token(bob_page.content.decode())
    assert "csrftoken" in bob_page.cookies  # set when the visitor had none
    assert alice.post("/submit/", {"csrfmiddlewaretoken": token(alice_page)}).status_code == 200
    assert bob.post("/submit/", {"csrfmiddlewaretoken": token(alice_page)}).status_code == 403


def test_the_stored_page_holds_markers_never_a_visitors_token(client):
    page = client.get("/form/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    entry = stored_entry("/form/")
    head, body = entry.split(b"\n", 1)
    html = zlib.decompress(body).decode()
    assert token not in html and pagecache.csrf_marker() in html
    assert head.startswith(b"{")  # a JSON header line and compressed bytes: nothing to unpickle


def test_a_page_that_asked_for_a_csrf_token_in_code_is_never_shared(client):
    first = client.get("/with-token/")
    second = client.get("/with-token/")
    assert urls_pagecache.calls["count"] == 2
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_a_page_that_read_the_session_is_never_shared(client):
    client.get("/with-session/")
    client.get("/with-session/")
    assert urls_pagecache.calls["count"] == 2


def test_head_requests_are_served_from_the_cache(client):
    client.get("/counted/")
    response = client.head("/counted/")
    assert response["X-Page-Cache"] == "hit"
    assert urls_pagecache.calls["count"] == 1


def test_a_hit_costs_one_cache_round_trip(client, monkeypatch):
    client.get("/counted/")
    calls, depth = [], [0]
    for name in ("get", "get_many", "set", "get_or_set", "add"):
        original = getattr(cache, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:  # a backend's get_many may call its own get: one trip still
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, spy)
    assert client.get("/counted/")["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


def test_invalidation_retires_every_cached_page(client):
    client.get("/counted/")
    invalidate_public_pages()
    response = client.get("/counted/")
    assert response.content == b"render number 2"


def test_pages_are_retired_when_a_scheduled_moment_arrives(client):
    retire_public_pages_at(timezone.now() + timedelta(hours=1))
    client.get("/counted/")
    assert client.get("/counted/").content == b"render number 1"  # not due yet: still shared
    retire_public_pages_at(timezone.now() - timedelta(seconds=1))
    assert client.get("/counted/").content == b"render number 2"
    assert client.get("/counted/").content == b"render number 2"  # retired once, not every time


def test_an_entry_that_is_not_ours_is_ignored_not_trusted(client):
    client.get("/counted/")
    request = type("Request", (), {"path": "/counted/"})()
    cache.set(pagecache._page_key(request, ""), b"\x80\x04garbage that is not a page")
    assert client.get("/counted/").content == b"render number 2"
