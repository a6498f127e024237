"""Every app's sitemaps, gathered for /sitemap.xml."""

from news.sitemaps import sitemaps as news_sitemaps
from shop.sitemaps import sitemaps as shop_sitemaps

sitemaps = {**news_sitemaps, **shop_sitemaps}
