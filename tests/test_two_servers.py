"""Two real gunicorn servers on one SQLite database and one cache directory, set up as production
is without Redis (DEBUG off, deploy/gunicorn.conf.py): what staff withdraw through one server
stops being served by the other at once, and no client can claim https by a forwarded header.

Each server has one worker, so two servers stand for two workers that share nothing but the
database and the cache. The servers get their own database even when the suite runs on
PostgreSQL: the test needs nothing of the suite's.
"""

import os
import re

import pytest

from tests.cluster_support import free_port, start_gunicorn, stop_groups, wait_until_answering
from tests.scripted_browser import Browser, sign_in_staff
from tests.subprocesses import collecting_static, run_manage

PASSWORD = "two-servers-test-password-0123"
# The superuser's phone: a TOTP key both the site and this test know (the second sign-in step).
PHONE_KEY = "3132333435363738393031323334353637383930"
POST_SLUG = "a-story-to-withdraw"
# The Host a balancer in front of both servers would pass on. It must be in ALLOWED_HOSTS; it is
# not part of a cached page's key (pages key on SITE_URL, tests/test_host_independent_cache.py).
HOST = "127.0.0.1"


def fetch(base, path, headers=None):
    """(status, headers, body) of one bounded request by a visitor without cookies."""
    answer = Browser(HOST).request(base, path, headers=headers, follow=False)
    return answer.status, answer.headers, answer.text


def site_env(workdir):
    # Only what the test sets: nothing of the suite's database, Redis or proxy settings leaks
    # in (an empty REDIS_URL also beats one in a developer's .env).
    dropped = {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "BEHIND_PROXY", "CACHE_DIR"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        {
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "two-servers-test-secret-key-0123456789-abcdefghijkl",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "CACHE_DIR": str(workdir / "cache"),
            "MEDIA_ROOT": str(workdir / "media"),
            "REDIS_URL": "",
            "BEHIND_PROXY": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(args, env):
    result = run_manage(args, env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


CREATE_CONTENT = f"""
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from news.models import Post
staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "{PASSWORD}")
TOTPDevice.objects.create(user=staff, name="Phone", key="{PHONE_KEY}", confirmed=True)
post = Post.objects.create(
    title="A story to withdraw", slug="{POST_SLUG}", body="<p>Told too soon.</p>",
    status=Post.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1), author=staff,
)
# Stays on the site, so the sitemap has an address to show.
Post.objects.create(
    title="A story that stays", slug="a-story-that-stays", body="<p>Still here.</p>",
    status=Post.Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=2), author=staff,
)
print(post.pk)
"""


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("two-servers")
    env = site_env(workdir)
    with collecting_static(env):
        manage(["migrate", "--noinput", "-v0"], env)
        post_pk = int(manage(["shell", "-c", CREATE_CONTENT], env).split()[-1])

    servers, bases = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log_path = workdir / f"gunicorn-{name}.log"
            servers.append((start_gunicorn(port, env, log_path, "--workers", "1"), log_path))
            bases.append(f"http://127.0.0.1:{port}")
        for base, (server, log_path) in zip(bases, servers, strict=True):
            wait_until_answering(base, server, log_path)
        yield {"a": bases[0], "b": bases[1], "post_pk": post_pk, "workdir": workdir}
    finally:
        stop_groups([server for server, _ in servers])


def test_a_post_withdrawn_through_one_server_is_gone_from_both(two_servers):
    a, b = two_servers["a"], two_servers["b"]
    post = f"/news/{POST_SLUG}/"

    status_a, headers_a, _ = fetch(a, post)
    status_b, headers_b, _ = fetch(b, post)
    assert (status_a, status_b) == (200, 200)
    # Server B never rendered the page: it found the copy server A stored.
    assert headers_a["X-Page-Cache"] == "miss"
    assert headers_b["X-Page-Cache"] == "hit"

    staff = Browser(HOST)
    sign_in_staff(staff, a, "editor", PASSWORD, PHONE_KEY)
    action = {
        "action": "return_to_draft",
        "_selected_action": str(two_servers["post_pk"]),
        "index": "0",
    }
    answer = staff.post(a, "/admin/news/post/", action)
    assert answer.status == 200 and "returned to draft" in answer.text, answer

    answers = {
        name: [fetch(base, post)[0] for _ in range(20)] for name, base in (("a", a), ("b", b))
    }
    assert answers == {"a": [404] * 20, "b": [404] * 20}


def test_a_client_cannot_claim_https_without_a_proxy_in_front(two_servers):
    claims_https = {"X-Forwarded-Proto": "https"}
    # The sitemap builds its addresses from the request's scheme, and nobody asked for it
    # before: it is rendered for this very request.
    status, _, body = fetch(two_servers["a"], "/sitemap.xml", headers=claims_https)
    assert status == 200
    addresses = re.findall(r"<loc>([^<]*)</loc>", body)
    assert addresses, body[:2000]
    assert not [address for address in addresses if address.startswith("https:")]
    # A query string of its own: the page is rendered for this request, not found cached.
    status, _, body = fetch(two_servers["a"], "/?forwarded-check", headers=claims_https)
    assert status == 200
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', body)
    assert canonical, body[:2000]
    assert not canonical.group(1).startswith("https:"), canonical.group(1)
