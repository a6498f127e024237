import shutil

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.task_queue import database_tasks  # noqa: F401 (a fixture for every area)


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    """Each test starts with an empty cache (Redis is shared in CI) and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _thai_catalogues_compiled():
    """The .mo files are built, not committed: `make test` compiles them, and a plain `pytest`
    after editing a .po gets them compiled here. Without gettext, the tests that read Thai say
    so themselves (tests/translation_support.py)."""
    if shutil.which("msgfmt"):
        from tests.translation_support import compile_catalogues

        compile_catalogues()


@pytest.fixture(autouse=True)
def _back_in_english():
    """Whatever language a test activated, the next starts in the site's default one (the
    middleware restores the thread's language after each request; code under test may not)."""
    yield
    translation.deactivate()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, signed in as a superuser really is: with the phone's code
    (tests/signing_in.py)."""
    from django.test import Client

    from tests.signing_in import sign_in_verified

    return sign_in_verified(Client(), admin_user)


# A moto S3 server for the session and a bucket per test (tests/s3.py).
from tests.s3 import s3_endpoint, s3_media  # noqa: E402, F401
