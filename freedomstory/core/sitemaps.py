"""Sitemaps whose addresses come from SITE_URL, like every other shared page's."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class PublicSiteSitemap(Sitemap):
    """A sitemap is cached and served to every crawler: its addresses must not take the
    scheme or host of whichever request rendered it."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
