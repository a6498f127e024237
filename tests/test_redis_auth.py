"""Redis as production runs it for several app servers: with a password (AUTH) and a memory limit.
Each test starts its own `redis-server` on a free loopback port (nothing of the suite's Redis):
the password in REDIS_URL works, a wrong one leaves the site answering without its cache, and
under the memory limit the policy we recommend (README, "Running on several servers") evicts
pages but never the page cache's generation and scheduled retirements."""

import logging
import shutil
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from redis.connection import SSLConnection

from freedomstory.core import pagecache
from freedomstory.core.cache import SafeRedisCache
from tests.news.factories import make_post
from tests.test_cache_backend import safe_cache_settings
from tests.test_two_servers import free_port

PASSWORD = "s3cret-for-this-test-only"
STARTUP_SECONDS = 10

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


class RedisServer:
    def __init__(self, policy, maxmemory="8mb"):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--requirepass", PASSWORD),
                *("--maxmemory", maxmemory, "--maxmemory-policy", policy),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.client = redis.Redis(port=self.port, password=PASSWORD, socket_timeout=2)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise
                time.sleep(0.05)

    def url(self, password=PASSWORD):
        return f"redis://:{password}@127.0.0.1:{self.port}/0"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=STARTUP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STARTUP_SECONDS)


@pytest.fixture
def redis_server(request):
    server = RedisServer(getattr(request, "param", "volatile-lru"))
    yield server
    server.stop()


def test_the_cache_works_with_the_password_in_redis_url(redis_server, settings):
    settings.CACHES = safe_cache_settings(redis_server.url())
    post = make_post("Cached in a guarded Redis")
    assert Client().get(post.get_absolute_url())["X-Page-Cache"] == "miss"
    assert Client().get(post.get_absolute_url())["X-Page-Cache"] == "hit"
    assert Client().get("/healthz").json()["cache"] == "ok"
    assert redis_server.client.dbsize() >= 2  # the page and the generation are in it


def test_a_wrong_password_leaves_the_site_answering_without_its_cache(
    redis_server, settings, caplog
):
    settings.CACHES = safe_cache_settings(redis_server.url("not-the-password"))
    post = make_post("Served without a cache")
    with caplog.at_level(logging.WARNING, logger="freedomstory.core.cache"):
        pages = [Client().get(post.get_absolute_url()) for _ in range(2)]
        health = Client().get("/healthz")
    assert [page.status_code for page in pages] == [200, 200]
    assert b"Served without a cache" in pages[1].content
    assert pages[1]["X-Page-Cache"] == "miss"  # never stored, never served from Redis
    assert (health.status_code, health.json()["status"]) == (200, "degraded")
    assert "Redis is unavailable" in caplog.text
    assert PASSWORD not in caplog.text and "not-the-password" not in caplog.text
    assert redis_server.client.dbsize() == 0


def test_rediss_urls_speak_tls_with_the_password_and_database_they_name():
    pool = SafeRedisCache("rediss://:pw-in-url@redis.example:6380/2", {})._cache
    options = pool._get_connection_pool(write=True)
    assert options.connection_class is SSLConnection
    assert options.connection_kwargs["password"] == "pw-in-url"
    assert options.connection_kwargs["db"] == 2


def fill_with_pages(count=400, size=64 * 1024):
    """Page-sized entries with their TTL, as the page cache writes them (incompressible)."""
    import os

    stored = 0
    for number in range(count):
        # SafeRedisCache.set answers False for a write Redis refused (None when taken).
        stored += cache.set(f"pagecache:page:filler-{number}", os.urandom(size), 300) is not False
    return stored


@pytest.mark.parametrize("redis_server", ["volatile-lru"], indirect=True)
def test_under_the_memory_limit_pages_are_evicted_and_the_retirement_keys_kept(
    redis_server, settings
):
    settings.CACHES = safe_cache_settings(redis_server.url())
    pagecache.invalidate_public_pages()
    generation = cache.get(pagecache.GENERATION_KEY)
    pagecache.retire_public_pages_at(timezone.now() + timedelta(hours=1))

    stored = fill_with_pages()

    info = redis_server.client.info("stats")
    assert info["evicted_keys"] > 0  # 400 × 64 KB does not fit in 8 MB
    assert stored == 400  # and yet every write was taken: the oldest pages made room
    assert cache.get(pagecache.GENERATION_KEY) == generation
    assert len(cache.get(pagecache.RETIRE_AT_KEY)) == 1


@pytest.mark.parametrize("redis_server", ["noeviction"], indirect=True)
def test_with_redis_default_policy_a_full_cache_refuses_writes_and_the_site_still_answers(
    redis_server, settings
):
    settings.CACHES = safe_cache_settings(redis_server.url())
    stored = fill_with_pages()
    assert 0 < stored < 400  # Redis answers "OOM" once full
    post = make_post("Still served")
    page = Client().get(post.get_absolute_url())
    assert page.status_code == 200 and b"Still served" in page.content
