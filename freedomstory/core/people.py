"""How a person of the staff is named in public."""

from django.conf import settings


def display_name(user):
    """The full name, else the site's name: a login name is half of a password and is never
    published (bylines, structured data, feeds)."""
    return user.get_full_name() or settings.SITE_NAME
