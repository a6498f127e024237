"""The deploy checks that catch a production set-up with the wrong public address, or with the
charity's bank and contact details still the development placeholders."""

import os

import pytest
from django.conf import settings as django_settings

from freedomstory.checks import (
    bank_details_are_real,
    charity_details_are_real,
    site_url_is_the_public_address,
)
from tests.subprocesses import PRODUCTION_ENV, run_manage


def ids(settings):
    return [message.id for message in site_url_is_the_public_address(None)]


def test_production_with_the_development_site_url_is_warned(settings):
    settings.DEBUG, settings.SITE_URL = False, "http://127.0.0.1:8000"
    assert ids(settings) == ["freedomstory.W001"]


def test_production_on_https_with_an_http_site_url_is_warned(settings):
    settings.DEBUG, settings.HTTPS, settings.SITE_URL = False, True, "http://freedomstory.example"
    assert ids(settings) == ["freedomstory.W002"]


def test_a_public_https_site_url_passes(settings):
    settings.DEBUG, settings.HTTPS, settings.SITE_URL = False, True, "https://freedomstory.example"
    assert ids(settings) == []


def test_development_is_never_warned(settings):
    settings.DEBUG, settings.SITE_URL = True, "http://127.0.0.1:8000"
    assert ids(settings) == []


# --- The charity's details --------------------------------------------------------------------


@pytest.fixture
def production_with_real_details(settings):
    settings.DEBUG = False
    for name in (
        "BANK_NAME",
        "BANK_ACCOUNT_NAME",
        "BANK_ACCOUNT_NUMBER",
        "CHARITY_REGISTRATION_NUMBER",
        "CHARITY_ADDRESS",
        "CONTACT_EMAIL",
    ):
        setattr(settings, name, PRODUCTION_ENV[name])
    return settings


def test_real_bank_and_charity_details_pass(production_with_real_details):
    assert bank_details_are_real(None) == []
    assert charity_details_are_real(None) == []


@pytest.mark.parametrize("name", ["BANK_NAME", "BANK_ACCOUNT_NAME", "BANK_ACCOUNT_NUMBER"])
@pytest.mark.parametrize("value", ["", "  ", f"000-0-00000-0 {django_settings.PLACEHOLDER}"])
def test_a_bank_detail_empty_or_placeholder_is_an_error_in_production(
    production_with_real_details, name, value
):
    setattr(production_with_real_details, name, value)
    (error,) = bank_details_are_real(None)
    assert error.id == "freedomstory.E001" and error.is_serious()
    assert error.msg == f"{name} is empty or still a placeholder."


@pytest.mark.parametrize(
    "name, value",
    [
        ("CHARITY_REGISTRATION_NUMBER", ""),
        ("CHARITY_REGISTRATION_NUMBER", f"0000000000 {django_settings.PLACEHOLDER}"),
        ("CHARITY_ADDRESS", ""),
        ("CHARITY_ADDRESS", f"1 Example Road {django_settings.PLACEHOLDER}"),
        ("CONTACT_EMAIL", ""),
        ("CONTACT_EMAIL", "hello@example.org"),
        ("CONTACT_EMAIL", "Hello@Example.org"),
    ],
)
def test_a_charity_detail_empty_or_placeholder_is_a_warning_in_production(
    production_with_real_details, name, value
):
    setattr(production_with_real_details, name, value)
    (warning,) = charity_details_are_real(None)
    assert warning.id == "freedomstory.W003" and not warning.is_serious()
    assert warning.msg == f"{name} is empty or still a placeholder."


def test_every_missing_detail_is_named_in_one_message(production_with_real_details):
    settings = production_with_real_details
    settings.BANK_NAME = settings.BANK_ACCOUNT_NUMBER = ""
    (error,) = bank_details_are_real(None)
    assert error.msg == "BANK_NAME, BANK_ACCOUNT_NUMBER are empty or still a placeholder."


def test_the_development_placeholders_are_never_reported_in_development(settings):
    settings.DEBUG = True
    assert settings.PLACEHOLDER in settings.BANK_NAME  # the development defaults
    assert bank_details_are_real(None) == [] and charity_details_are_real(None) == []


def check_deploy(**env_overrides):
    # PRODUCTION_ENV sets every detail under test, so nothing of the developer's own
    # environment or .env decides the outcome.
    return run_manage(["check", "--deploy"], {**os.environ, **PRODUCTION_ENV, **env_overrides})


def test_check_deploy_fails_while_the_bank_details_are_placeholders():
    placeholder = f"Example Bank {django_settings.PLACEHOLDER}"
    result = check_deploy(BANK_NAME=placeholder, BANK_ACCOUNT_NUMBER="", CONTACT_EMAIL="")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "freedomstory.E001" in output
    assert "BANK_NAME, BANK_ACCOUNT_NUMBER are empty or still a placeholder." in output
    assert "freedomstory.W003" in output and "CONTACT_EMAIL is empty" in output


def test_check_deploy_passes_with_real_details_set_in_the_environment():
    result = check_deploy()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "freedomstory.E001" not in output and "freedomstory.W003" not in output
