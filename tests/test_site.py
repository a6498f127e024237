"""Project-wide guarantees: settings, health, error pages, one <h1> per page, migrations."""

import os
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError

from tests.subprocesses import PRODUCTION_ENV, run_manage


def run_django(args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_overrides)
    return run_manage(args, env)


def test_production_mode_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_django(["check"], env, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_mode_refuses_the_development_key_and_short_keys():
    result = run_django(["check"], {**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_django(["check"], env, drop=("ALLOWED_HOSTS",))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_healthz_reports_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() | {"release": "", "static": ""} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "release": "",
        "static": "",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_pages(client, settings):
    settings.SITE_URL = "https://freedomstory.example"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /cart/" in body
    assert "Sitemap: https://freedomstory.example/sitemap.xml" in body


# Every public page a visitor can reach; later issues add theirs.
PUBLIC_PAGES = [
    "/",
    "/no-such-page/",
    "/news/",
    "/news/search/?q=school",
    "/quotes/",
    "/shop/",
    "/cart/",
    "/privacy/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_exactly_one_h1(client, url):
    html = client.get(url).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1, f"{url} must have exactly one <h1>"


@pytest.mark.django_db
def test_404_page_is_in_the_site_look(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We couldn&#x27;t find that page" in html or "We couldn't find that page" in html
    assert 'class="site-header"' in html
    assert "Skip to main content" in html
    assert settings.SITE_NAME in html


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_failing")
def test_500_page_is_in_the_site_look(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/failing/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert 'class="site-header"' in html
    assert settings.SITE_NAME in html


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_admin_carries_the_site_name(admin_client, settings):
    html = admin_client.get("/admin/").content.decode()
    assert f"{settings.SITE_NAME} administration" in html


@pytest.mark.django_db
def test_load_demo_is_refused_when_debug_is_off(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db
def test_load_demo_creates_a_staff_account_once_and_prints_how_to_log_in(settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    user = get_user_model().objects.get(username="demo")
    assert user.is_staff and user.check_password("freedom-demo-2026")
    assert "demo / freedom-demo-2026" in first.getvalue()
    assert "Created the demo staff account" not in second.getvalue()
