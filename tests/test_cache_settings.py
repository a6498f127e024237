"""Which cache the site uses: one every process shares whenever DEBUG is off, Redis when there is
one, and a file cache nobody else can write to otherwise."""

import os
import runpy
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from freedomstory.core.cache import PrivateFileBasedCache

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "cache-settings-test-secret-key-0123456789-abcdefgh",
    "ALLOWED_HOSTS": "freedomstory.example",
}


def load_settings(monkeypatch, settings_file=ROOT / "freedomstory" / "settings.py", **env):
    """The settings module's names, as a process with `env` would get them."""
    monkeypatch.setenv("REDIS_URL", "")  # empty: also beats one in a developer's .env
    monkeypatch.delenv("CACHE_DIR", raising=False)
    monkeypatch.delenv("CACHE_MAX_ENTRIES", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/unused.sqlite3")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(settings_file))


def test_development_keeps_the_local_memory_cache(monkeypatch):
    loaded = load_settings(monkeypatch, DEBUG="true")
    assert loaded["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize("cache_dir", [None, ""], ids=["unset", "empty"])
def test_without_redis_production_shares_a_file_cache_outside_the_checkout(monkeypatch, cache_dir):
    env = PRODUCTION if cache_dir is None else {**PRODUCTION, "CACHE_DIR": cache_dir}
    loaded = load_settings(monkeypatch, **env)
    default = loaded["CACHES"]["default"]
    assert default["BACKEND"] == "freedomstory.core.cache.PrivateFileBasedCache"
    location = Path(default["LOCATION"])
    assert location.parent == Path(tempfile.gettempdir())
    assert not location.is_relative_to(ROOT)
    assert default["OPTIONS"]["MAX_ENTRIES"] >= 1000
    assert loaded["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_two_checkouts_on_one_machine_get_two_cache_directories(monkeypatch, tmp_path):
    other_checkout = tmp_path / "other-checkout" / "freedomstory"
    other_checkout.mkdir(parents=True)
    shutil.copy(ROOT / "freedomstory" / "settings.py", other_checkout / "settings.py")
    here = load_settings(monkeypatch, **PRODUCTION)
    there = load_settings(monkeypatch, other_checkout / "settings.py", **PRODUCTION)
    assert here["CACHES"]["default"]["LOCATION"] != there["CACHES"]["default"]["LOCATION"]


def test_cache_dir_names_the_directory(monkeypatch, tmp_path):
    loaded = load_settings(monkeypatch, **PRODUCTION, CACHE_DIR=str(tmp_path / "cache"))
    assert loaded["CACHES"]["default"]["LOCATION"] == str(tmp_path / "cache")


def test_with_redis_the_cache_fails_safe_and_sessions_fall_back_to_the_database(monkeypatch):
    loaded = load_settings(monkeypatch, **PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/0")
    default = loaded["CACHES"]["default"]
    assert default["BACKEND"] == "freedomstory.core.cache.SafeRedisCache"
    assert default["OPTIONS"]["socket_connect_timeout"] <= 0.5
    assert default["OPTIONS"]["socket_timeout"] <= 0.5
    assert loaded["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def file_cache(location):
    return PrivateFileBasedCache(str(location), {"OPTIONS": {"MAX_ENTRIES": 100}})


def test_the_file_cache_makes_its_directory_private_and_works(tmp_path):
    cache = file_cache(tmp_path / "cache")
    cache.set("page", b"<html>", 30)
    assert cache.get("page") == b"<html>"
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700


def test_the_file_cache_refuses_a_directory_others_can_write_to(tmp_path):
    # Its entries are pickles: whoever can write one there runs code in the site.
    planted = tmp_path / "cache"
    planted.mkdir()
    planted.chmod(0o777)
    with pytest.raises(ImproperlyConfigured, match="writable by nobody else"):
        file_cache(planted)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a directory to someone else")
def test_the_file_cache_refuses_a_directory_someone_else_owns(tmp_path):
    planted = tmp_path / "cache"
    planted.mkdir(mode=0o700)
    os.chown(planted, 65534, 65534)  # nobody
    with pytest.raises(ImproperlyConfigured, match="must belong to the user"):
        file_cache(planted)
