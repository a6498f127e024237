"""Every app's sitemaps, gathered for /sitemap.xml.

/sitemap.xml is the address crawlers know. While all the sections together fit one page it is
the sitemap itself; past that it is an index of /sitemap-<section>.xml pages (`?p=N` after the
first), each of at most its section's `limit` URLs, so no request renders thousands of them.
"""

from django.contrib.sitemaps import views

from news.sitemaps import sitemaps as news_sitemaps
from shop.sitemaps import sitemaps as shop_sitemaps

sitemaps = {**news_sitemaps, **shop_sitemaps}


def sitemap_or_index(request, sitemaps, section_url_name="sitemap_section"):
    """The whole sitemap while it fits one page, else the index of its sections' pages."""
    sections = {name: site() if callable(site) else site for name, site in sitemaps.items()}
    counts = {name: site.paginator.count for name, site in sections.items()}
    if sum(counts.values()) <= min(site.limit for site in sections.values()):
        return views.sitemap(request, sections)
    listed = {name: site for name, site in sections.items() if counts[name]}  # no empty parts
    return views.index(request, listed, sitemap_url_name=section_url_name)
