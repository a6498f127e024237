"""Who the charity is, as every page footer and every e-mail says it: one place, from settings."""

from django.conf import settings


def charity_context():
    """The charity's name, public address, postal address, registration number and contact."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "charity_address": settings.CHARITY_ADDRESS,
        "charity_registration_number": settings.CHARITY_REGISTRATION_NUMBER,
        "contact_email": settings.CONTACT_EMAIL,
    }
