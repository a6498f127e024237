"""The deploy checks that catch a production set-up with the wrong public address."""

from freedomstory.checks import site_url_is_the_public_address


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
