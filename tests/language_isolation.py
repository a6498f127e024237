"""A fixture for test modules that visit Thai pages: the language a request to `/th/…` activates
stays active in the test's thread after the response (LanguageFromAddressMiddleware does not
restore it), and would turn a later test's e-mails and amounts Thai. Import it into a module
(autouse) to leave every test of it in English."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def back_in_english():
    yield
    translation.activate("en")
