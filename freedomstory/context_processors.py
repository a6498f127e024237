from django.conf import settings


def site(request):
    """What every template may say about the site; touches neither the session nor the user."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
    }
