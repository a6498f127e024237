from django.conf import settings

from freedomstory.core.charity import site_tagline


def site(request):
    """What every template may say about the site; touches neither the session nor the user."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": site_tagline(),
    }
