from django.db.models import Max

from freedomstory.core.sitemaps import PublicSiteSitemap
from shop.models import Product

# URLs per sitemap file, as for news: past it /sitemap.xml becomes an index of pages.
PAGE_SIZE = 2000


class ProductSitemap(PublicSiteSitemap):
    changefreq = "weekly"
    limit = PAGE_SIZE

    def items(self):
        # The id makes the order total, so OFFSET pages never repeat or skip a product.
        return (
            Product.objects.active().only("slug", "updated_at").order_by("sort_order", "name", "id")
        )

    def lastmod(self, product):
        return product.updated_at

    def get_latest_lastmod(self):
        return Product.objects.active().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"products": ProductSitemap}
