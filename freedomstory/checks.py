"""System checks for a production set-up that `check --deploy` would not otherwise catch."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


@register(Tags.security, deploy=True)
def site_url_is_the_public_address(app_configs, **kwargs):
    """Shared pages, feeds, sitemaps and emails take every absolute address from SITE_URL."""
    if settings.DEBUG:
        return []
    if settings.SITE_URL == DEVELOPMENT_SITE_URL:
        return [
            Warning(
                "SITE_URL is still the development address.",
                hint="Set SITE_URL to the public address, e.g. https://freedomstory.example: "
                "canonical links, feeds, sitemaps and emails are built from it.",
                id="freedomstory.W001",
            )
        ]
    if settings.HTTPS and not settings.SITE_URL.startswith("https://"):
        return [
            Warning(
                "SITE_URL is not https while the site redirects to https.",
                hint="Use the https address in SITE_URL.",
                id="freedomstory.W002",
            )
        ]
    return []
