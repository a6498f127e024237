from django.db.models import Max
from django.urls import reverse

from freedomstory.core.languages import in_every_language
from freedomstory.core.sitemaps import PublicSiteSitemap
from shop.models import GiftImpact, Product

# URLs per sitemap file, as for news: past it /sitemap.xml becomes an index of pages.
PAGE_SIZE = 2000


class ProductSitemap(PublicSiteSitemap):
    changefreq = "weekly"
    limit = PAGE_SIZE

    def items(self):
        # The id makes the order total, so OFFSET pages never repeat or skip a product.
        products = Product.objects.active().only("slug", "updated_at")
        return self.with_languages(products).order_by("sort_order", in_every_language("name"), "id")

    def lastmod(self, product):
        return product.updated_at

    def get_latest_lastmod(self):
        return Product.objects.active().aggregate(latest=Max("updated_at"))["latest"]


class GivingSitemap(PublicSiteSitemap):
    """The Donate page: what people search for when they want to give."""

    changefreq = "monthly"
    priority = 0.9

    def items(self):
        return ["shop:donate"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        return GiftImpact.objects.aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"products": ProductSitemap, "giving": GivingSitemap}
