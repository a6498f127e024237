"""System checks for a production set-up that `check --deploy` would not otherwise catch."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

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


# Donors copy these into their bank's form: a placeholder there sends a gift nowhere.
BANK_SETTINGS = ["BANK_NAME", "BANK_ACCOUNT_NAME", "BANK_ACCOUNT_NUMBER"]
# Every e-mail and receipt carries these: wrong ones mislead, but no money goes astray.
CHARITY_SETTINGS = ["CHARITY_REGISTRATION_NUMBER", "CHARITY_ADDRESS"]


def _not_set(value):
    """Empty, or still the development default (which holds settings.PLACEHOLDER)."""
    return not value.strip() or settings.PLACEHOLDER in value


@register("charity", deploy=True)
def bank_details_are_real(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    missing = [name for name in BANK_SETTINGS if _not_set(getattr(settings, name))]
    if not missing:
        return []
    return [
        Error(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} empty or still a "
            "placeholder.",
            hint="Set the charity's real bank details in the environment: donors who pay by "
            "transfer read them on their order page and in their receipt.",
            id="freedomstory.E001",
        )
    ]


@register("charity", deploy=True)
def charity_details_are_real(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    missing = [name for name in CHARITY_SETTINGS if _not_set(getattr(settings, name))]
    contact = settings.CONTACT_EMAIL.strip().lower()
    if not contact or contact.endswith("@example.org"):
        missing.append("CONTACT_EMAIL")
    if not missing:
        return []
    return [
        Warning(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} empty or still a "
            "placeholder.",
            hint="Every e-mail and receipt carries the charity's registration number, postal "
            "address and contact address: set the real ones in the environment.",
            id="freedomstory.W003",
        )
    ]
