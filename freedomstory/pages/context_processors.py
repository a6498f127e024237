"""What the header and footer of every page show: the site pages placed in them, and who the
charity is (settings). Touches neither the session nor the user, so pages stay shareable."""

from django.conf import settings
from django.utils.functional import cached_property

from freedomstory.core.charity import charity_context
from freedomstory.pages.models import Page

# (label, setting) for the footer's links to the charity elsewhere, in this order.
SOCIAL_SETTINGS = [
    ("Facebook", "SOCIAL_FACEBOOK_URL"),
    ("Instagram", "SOCIAL_INSTAGRAM_URL"),
    ("YouTube", "SOCIAL_YOUTUBE_URL"),
    ("LinkedIn", "SOCIAL_LINKEDIN_URL"),
]


class SiteMenus:
    """The header's and the footer's pages, read together in one query when a template first
    asks (renders that show neither, such as e-mails, ask nothing)."""

    @cached_property
    def _pages(self):
        return list(Page.objects.in_menus())

    @property
    def header(self):
        return [page for page in self._pages if page.menu == Page.Menu.HEADER]

    @property
    def footer(self):
        return [page for page in self._pages if page.menu == Page.Menu.FOOTER]


def social_links():
    return [
        {"label": label, "url": getattr(settings, name)}
        for label, name in SOCIAL_SETTINGS
        if getattr(settings, name, "")
    ]


def site_pages(request):
    return {"site_menus": SiteMenus(), **footer_context()}


def footer_context():
    """What the footer shows from settings alone: also the error pages', which read nothing else."""
    return {
        "charity": charity_context(),
        "social_links": social_links(),
        "newsletter_url": settings.NEWSLETTER_URL,
    }
