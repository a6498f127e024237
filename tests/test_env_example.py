""".env.example, copied to .env with the required values filled in, gives the documented
defaults: a blank `NAME=` line is an empty value, not the default, so none may stand there for a
setting that has one (a blank HTTPS= turned https off in production; a blank MEDIA_ROOT= put
uploads in the current directory; a blank DATABASE_URL= or EMAIL_URL= refused to start)."""

import runpy
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def example_values():
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_a_copy_of_env_example_with_the_required_values_gives_production_defaults(monkeypatch):
    values = example_values()
    blank = sorted(name for name, value in values.items() if not value)
    assert blank == ["SECRET_KEY"]  # required, and refused when blank

    # Nothing of the environment the tests run in.
    for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "MEDIA_ROOT", "HTTPS", "CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("SECRET_KEY", "env-example-test-secret-key-0123456789-abcdefghij")
    loaded = runpy.run_path(str(ROOT / "freedomstory" / "settings.py"))

    assert loaded["HTTPS"] is True
    assert loaded["MEDIA_ROOT"] == ROOT / "media"
    assert loaded["DATABASES"]["default"]["NAME"] == str(ROOT / "db.sqlite3")
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    cache = loaded["CACHES"]["default"]
    assert cache["BACKEND"] == "freedomstory.core.cache.PrivateFileBasedCache"
    assert Path(cache["LOCATION"]).parent == Path(tempfile.gettempdir())
