"""/healthz as a load balancer uses it: cheap, never served from any cache, reachable over plain
http on an app server's own port, and naming the release and static files each host serves, so
hosts that run different commits show it."""

import json
import subprocess

import pytest
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.db import OperationalError, connection

from freedomstory.core import release

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _release_asked_afresh():
    release.current_release.cache_clear()
    yield
    release.current_release.cache_clear()


def test_healthz_costs_one_query_and_is_never_stored(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_healthz_answers_503_the_moment_the_database_goes(client, monkeypatch):
    """The answer just before (200) must not be served again from any cache."""
    assert client.get("/healthz").status_code == 200

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    assert client.get("/healthz").status_code == 503


def test_a_balancer_asking_over_plain_http_gets_the_answer_not_a_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301  # every page goes to https
    assert client.get("/healthz").status_code == 200


def test_healthz_names_the_release_from_the_environment(client, settings):
    settings.RELEASE = "3f2a9c1b7d4e"
    response = client.get("/healthz")
    assert response.json()["release"] == "3f2a9c1b7d4e"
    assert response["X-Release"] == "3f2a9c1b7d4e"


def test_without_release_set_healthz_names_the_checkouts_commit(client, settings):
    settings.RELEASE = ""
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    if commit.returncode != 0:
        pytest.skip("not a git checkout")
    assert client.get("/healthz")["X-Release"] == commit.stdout.strip()[:12]


def test_without_release_or_git_the_release_is_unknown(client, settings, tmp_path):
    settings.RELEASE = ""
    settings.BASE_DIR = tmp_path  # no checkout here
    assert client.get("/healthz").json()["release"] == "unknown"


def test_healthz_names_the_static_files_manifest_so_mixed_collectstatic_shows(
    client, monkeypatch, tmp_path
):
    """Two hosts' collectstatic output, told apart by its manifest (whitenoise's storage is
    Django's manifest storage, as in production)."""
    for host, manifest_hash in (("a", "a1b2c3d4e5f6"), ("b", "0f9e8d7c6b5a")):
        folder = tmp_path / host
        folder.mkdir()
        (folder / "staticfiles.json").write_text(
            json.dumps({"version": "1.1", "paths": {}, "hash": manifest_hash})
        )
        monkeypatch.setattr(
            release, "staticfiles_storage", ManifestStaticFilesStorage(location=folder)
        )
        assert client.get("/healthz").json()["static"] == manifest_hash
