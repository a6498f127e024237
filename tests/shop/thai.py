"""Helpers for the shop's Thai tests: compiled catalogues, and Thai addresses."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from freedomstory.core.languages import address_in


def _stale(locale_dir):
    po = Path(locale_dir) / "th" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    return po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime)


@pytest.fixture(scope="session")
def thai_catalogues():
    """The .mo files are built, not committed: build them once if a .po is newer (a fresh
    checkout), so these tests read the Thai they assert."""
    if any(_stale(path) for path in settings.LOCALE_PATHS):
        call_command("compilemessages", locale=["th"], ignore_patterns=[".venv"], verbosity=0)


@pytest.fixture
def language_restored():
    """A request to /th/… leaves Thai active in this thread (the middleware activates the
    address's language and nothing deactivates it): later tests must not inherit it."""
    with translation.override(translation.get_language()):
        yield


def thai(path):
    """`path` on the Thai site: /cart/ → /th/cart/."""
    return address_in(path, "th")
