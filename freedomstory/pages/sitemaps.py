from django.db.models import Max

from freedomstory.core.sitemaps import PublicSiteSitemap
from freedomstory.pages.models import Page


class PageSitemap(PublicSiteSitemap):
    changefreq = "monthly"
    limit = 2000  # as news and shop: past it /sitemap.xml becomes an index of pages

    def items(self):
        # The path is unique, so OFFSET pages never repeat or skip a page.
        pages = Page.objects.published().only("path", "updated_at")
        return self.with_languages(pages).order_by("path")

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return Page.objects.published().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"pages": PageSitemap}
