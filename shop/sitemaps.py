from django.contrib.sitemaps import Sitemap

from shop.models import Product


class ProductSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Product.objects.active().only("slug", "updated_at").order_by("sort_order", "name")

    def lastmod(self, product):
        return product.updated_at


sitemaps = {"products": ProductSitemap}
