"""Who the charity is, as every page footer and every e-mail says it: one place, from settings."""

from django.conf import settings
from django.utils.translation import gettext


def charity_context():
    """The charity's name, public address, postal address, registration number and contact."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "charity_address": settings.CHARITY_ADDRESS,
        "charity_registration_number": settings.CHARITY_REGISTRATION_NUMBER,
        "contact_email": settings.CONTACT_EMAIL,
    }


def site_tagline():
    """SITE_TAGLINE in the active language when it is our default; an operator's own, as given."""
    if settings.SITE_TAGLINE == settings.DEFAULT_SITE_TAGLINE:
        return gettext(settings.SITE_TAGLINE)
    return settings.SITE_TAGLINE
