"""SafeRedisCache: a Redis that refuses or hangs costs a request a fraction of a second, never an
error page, and nothing read from Redis is ever unpickled.

Most tests need no Redis at all: a port where nothing listens stands for a Redis that is down,
and a socket that accepts connections and never answers for one that hangs. The tests that
plant entries in a real Redis run when REDIS_URL is set (in CI).
"""

import logging
import os
import pickle
import socket
import threading
import time
from datetime import datetime

import pytest
import redis
from asgiref.sync import async_to_sync
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import override_settings
from redis.connection import Encoder

from freedomstory.core.cache import SafeRedisCache, SafeSerializer, UnreadableEntry
from tests.news.factories import make_post, make_staff
from tests.signing_in import code_for, give_phone

CACHED_DB = "django.contrib.sessions.backends.cached_db"
REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (REDIS_URL, as in CI)")
# Far above what the timeouts allow (a fraction of a second), far below a visitor giving up.
SLOW = 3.0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_redis():
    """A Redis address where nothing listens: every connection is refused."""
    return f"redis://127.0.0.1:{free_port()}/0"


class HangingServer:
    """Accepts connections and never answers, like a Redis stuck or behind a broken network."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.connections = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"

    def _accept(self):
        while not self.stopping.is_set():
            try:
                self.connections.append(self.listener.accept()[0])
            except TimeoutError:
                continue

    def close(self):
        self.stopping.set()
        self.thread.join(timeout=2)
        for connection in [*self.connections, self.listener]:
            connection.close()


@pytest.fixture
def hanging_server():
    server = HangingServer()
    yield server
    server.close()


@pytest.fixture
def hanging_redis(hanging_server):
    return hanging_server.url


def safe_cache_settings(url, **options):
    return {
        "default": {
            "BACKEND": "freedomstory.core.cache.SafeRedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        }
    }


def timed(call, *args, **kwargs):
    started = time.perf_counter()
    result = call(*args, **kwargs)
    return result, time.perf_counter() - started


# --- the site without its cache ------------------------------------------------------------


CODE_STEP = "/admin/sign-in/code/"


@pytest.mark.django_db
@pytest.mark.parametrize("redis_state", ["dead", "hanging"])
def test_public_pages_and_the_admin_login_answer_when_redis_does_not(client, request, redis_state):
    url = request.getfixturevalue(f"{redis_state}_redis")
    post = make_post()
    # What a visitor would see on each page, not only that it answered.
    pages = {
        "/": post.title,
        "/news/": post.title,
        post.get_absolute_url(): f"<h1>{post.title}</h1>",
        "/shop/": "<h1>Shop</h1>",
        "/admin/login/": 'name="password"',
    }
    with override_settings(CACHES=safe_cache_settings(url), SESSION_ENGINE=CACHED_DB):
        for page, seen in pages.items():
            response, took = timed(client.get, page)
            print(f"{redis_state} Redis: {page} {response.status_code} in {took * 1000:.0f} ms")
            assert response.status_code == 200 and seen in response.content.decode(), page
            assert took < SLOW, page
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        response, took = timed(client.get, "/healthz")
        print(f"{redis_state} Redis: /healthz {response.status_code} in {took * 1000:.0f} ms")
    assert response.status_code == 200
    checks = {key: response.json()[key] for key in ("status", "database", "cache")}
    assert checks == {"status": "degraded", "database": "ok", "cache": "unavailable"}
    assert took < SLOW


@pytest.mark.django_db
def test_with_every_call_waiting_its_timeout_a_page_still_answers_in_time(client, hanging_redis):
    # No pause after a failure: each cache call of the request waits for its own timeout.
    make_post()
    settings = safe_cache_settings(hanging_redis, RETRY_AFTER=0)
    with override_settings(CACHES=settings, SESSION_ENGINE=CACHED_DB):
        response, took = timed(client.get, "/news/")
    print(f"hanging Redis, no pause: /news/ {response.status_code} in {took * 1000:.0f} ms")
    assert response.status_code == 200
    assert took < SLOW


@pytest.mark.django_db
@pytest.mark.parametrize("redis_state", ["dead", "hanging"])
def test_staff_log_in_and_keep_their_session_when_redis_does_not_answer(
    client, request, redis_state
):
    url = request.getfixturevalue(f"{redis_state}_redis")
    staff = make_staff(is_superuser=True)
    phone = give_phone(staff)  # a superuser: the password, then the code from their phone
    with override_settings(CACHES=safe_cache_settings(url), SESSION_ENGINE=CACHED_DB):
        response, took = timed(
            client.post,
            "/admin/login/",
            {"username": staff.username, "password": "a-long-test-password", "next": "/admin/"},
        )
        print(f"{redis_state} Redis: login POST {response.status_code} in {took * 1000:.0f} ms")
        assert response.status_code == 302 and response["Location"].startswith(CODE_STEP)
        # The code step reads the session back and writes the verification into it.
        response = client.post(CODE_STEP, {"token": code_for(phone), "next": "/admin/"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        # The next request reads the session back: from the database, the cache being out.
        response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user == staff


@pytest.mark.django_db
def test_a_session_loads_from_the_database_when_redis_is_down(dead_redis):
    with override_settings(CACHES=safe_cache_settings(dead_redis), SESSION_ENGINE=CACHED_DB):
        session = SessionStore()
        session["favourite"] = "the school fund"
        session.save()
        assert SessionStore(session.session_key)["favourite"] == "the school fund"


# --- every operation degrades ----------------------------------------------------------------


def assert_every_operation_degrades(cache):
    missing = object()
    assert cache.get("key", missing) is missing
    assert cache.get_many(["key", "other"]) == {}
    assert cache.has_key("key") is False
    assert cache.set("key", "value") is False
    assert cache.add("key", "value") is False
    assert cache.set_many({"key": 1, "other": 2}) == ["key", "other"]
    assert cache.touch("key") is False
    assert cache.delete("key") is False
    assert cache.delete_many(["key", "other"]) is None
    assert cache.clear() is False
    assert cache.get_or_set("key", lambda: "computed") == "computed"
    assert async_to_sync(cache.aget)("key", missing) is missing
    # As for a missing key, which every caller of incr() handles already.
    with pytest.raises(ValueError):
        cache.incr("counter")
    with pytest.raises(ValueError):
        cache.decr("counter")


def test_every_operation_degrades_when_redis_refuses(dead_redis):
    cache = SafeRedisCache(dead_redis, {"OPTIONS": {"RETRY_AFTER": 0}})  # each call tries
    assert_every_operation_degrades(cache)
    assert cache.healthy() is False


def test_every_operation_degrades_when_redis_hangs(hanging_redis):
    cache = SafeRedisCache(hanging_redis, {})
    (_, took) = timed(assert_every_operation_degrades, cache)
    print(f"hanging Redis: every operation in {took * 1000:.0f} ms")
    assert took < SLOW


def test_a_hanging_redis_costs_one_call_its_timeout_and_no_more(hanging_redis):
    cache = SafeRedisCache(hanging_redis, {"OPTIONS": {"RETRY_AFTER": 0}})
    value, took = timed(cache.get, "key", "default")
    print(f"hanging Redis: one get in {took * 1000:.0f} ms")
    assert value == "default"
    assert 0.2 < took < 1.0  # the 0.25 s timeout, once: no retries
    healthy, took = timed(cache.healthy)
    assert healthy is False and took < 1.0


def test_after_a_failure_redis_is_left_alone_for_a_while(hanging_server):
    cache = SafeRedisCache(hanging_server.url, {})
    cache.get("key")  # waits for its timeout once
    _, took = timed(lambda: [cache.get("key") for _ in range(100)])
    assert took < 0.1
    assert len(hanging_server.connections) == 1


def answering(cache, *answers):
    """Make `cache`'s client answer PING, and GETs with `answers` in turn (an exception is
    raised)."""
    calls = []

    class Client:
        def ping(self):
            return True

        def get(self, key):
            calls.append(key)
            answer = answers[len(calls) - 1]
            if isinstance(answer, Exception):
                raise answer
            return answer

    cache._cache.get_client = lambda *args, **kwargs: Client()
    return calls


def test_a_refused_call_degrades_without_pausing_the_cache():
    # Redis answered at once ("OOM command not allowed", say): nothing was lost waiting.
    cache = SafeRedisCache("redis://127.0.0.1:1/0", {})
    calls = answering(cache, redis.exceptions.ResponseError("OOM"), b"7")
    assert cache.get("key", "default") == "default"
    assert cache.get("key") == 7
    assert len(calls) == 2


def test_a_health_check_that_gets_an_answer_ends_the_pause(dead_redis):
    cache = SafeRedisCache(dead_redis, {})
    assert cache.get("key") is None  # refused: calls are paused for a while
    calls = answering(cache, b"j1")  # Redis is back
    assert cache.get("key") is None and calls == []  # still paused: not asked
    assert cache.healthy() is True
    assert cache.get("key") == 1


def test_options_reach_redis_py_and_the_defaults_are_short():
    pool_kwargs = (
        SafeRedisCache("redis://127.0.0.1:1/0", {})
        ._cache._get_connection_pool(write=True)
        .connection_kwargs
    )
    assert pool_kwargs["socket_connect_timeout"] == pool_kwargs["socket_timeout"] == 0.25
    chosen = SafeRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_timeout": 0.1}})
    assert chosen._cache._get_connection_pool(write=True).connection_kwargs["socket_timeout"] == 0.1


def test_an_outage_is_logged_once_a_minute_not_once_a_request(dead_redis, caplog):
    cache = SafeRedisCache(dead_redis, {"OPTIONS": {"RETRY_AFTER": 0}})
    with caplog.at_level(logging.WARNING, logger="freedomstory.core.cache"):
        for _ in range(20):
            cache.get("key")
            cache.set("key", "value")
        assert len(caplog.records) == 1
        cache._warned_at -= 61  # a minute later
        cache.get("key")
    assert len(caplog.records) == 2
    assert "39 more failed calls since the last warning" in caplog.records[1].getMessage()


# --- no pickles ------------------------------------------------------------------------------


def as_redis_returns(data):
    """What a GET gives back for what the serializer handed to redis-py."""
    return Encoder("utf-8", "strict", decode_responses=False).encode(data)


@pytest.mark.parametrize(
    "value",
    [
        0,
        42,
        -7,
        2**80,
        True,
        1.5,
        "",
        "42",
        "ผ้าไหม and “quotes”",
        b"",
        b"\x80\x04raw bytes\n",
        {"_auth_user_id": "3", "cart": [1, 2], "nested": {"ok": None}},
        [1, "two", 3.0, False, None],
    ],
)
def test_values_come_back_as_they_were_stored(value):
    serializer = SafeSerializer()
    back = serializer.loads(as_redis_returns(serializer.dumps(value)))
    assert back == value
    assert type(back) is type(value)


def test_integers_are_stored_as_digits_so_redis_can_count_them():
    assert SafeSerializer().dumps(41) == 41  # redis-py writes b"41"; INCR works on it


def test_a_value_json_cannot_express_is_refused_not_stored():
    with pytest.raises(TypeError):
        SafeSerializer().dumps({"when": datetime(2026, 1, 1)})


class CreatesAFile:
    """A pickle that runs code when loaded: it opens (creates) a file."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_a_pickle_is_never_unpickled(tmp_path, protocol):
    target = tmp_path / "created-by-a-pickle"
    payload = pickle.dumps(CreatesAFile(target), protocol)
    pickle.loads(payload).close()  # the payload is live: loading it creates the file
    assert target.exists()
    target.unlink()

    with pytest.raises(UnreadableEntry):
        SafeSerializer().loads(payload)
    assert not target.exists()


def test_a_foreign_entry_reads_as_missing(caplog):
    cache = SafeRedisCache("redis://127.0.0.1:1/0", {})
    # Redis answers with a pickle, as one someone else wrote to would.
    answering(cache, pickle.dumps({"not": "ours"}))
    with caplog.at_level(logging.WARNING, logger="freedomstory.core.cache"):
        assert cache.get("key", "default") == "default"
    assert "not one this site stored" in caplog.text


# --- against a real Redis (CI) -----------------------------------------------------------------


@pytest.fixture
def real_redis():
    prefix = f"{os.environ.get('CACHE_KEY_PREFIX', 'freedomstory')}-backend-test"
    cache = SafeRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    raw = redis.Redis.from_url(REDIS_URL)
    yield cache, raw
    keys = raw.keys(f"{prefix}:*")
    if keys:
        raw.delete(*keys)
    raw.close()


@needs_redis
def test_a_pickle_planted_in_redis_reads_as_missing_and_never_runs(real_redis, tmp_path):
    cache, raw = real_redis
    target = tmp_path / "created-by-a-pickle"
    raw.set(cache.make_key("page"), pickle.dumps(CreatesAFile(target)))
    assert cache.get("page") is None
    assert not target.exists()
    cache.set("page", "rendered afresh")  # and the next write replaces it
    assert cache.get("page") == "rendered afresh"


@needs_redis
def test_values_round_trip_through_redis_and_integers_count(real_redis):
    cache, raw = real_redis
    values = {"int": 5, "bytes": b"\x00\x80", "str": "text", "dict": {"a": [1]}, "list": [1, "b"]}
    cache.set_many(values)
    assert cache.get_many(list(values)) == values
    assert cache.incr("int") == 6
    assert cache.get("int") == 6
    assert raw.get(cache.make_key("str")) == b'j"text"'
    assert cache.healthy() is True
