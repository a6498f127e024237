"""Every app's sitemaps, gathered for /sitemap.xml.

/sitemap.xml is the address crawlers know. While all the sections together fit one page it is
the sitemap itself; past that it is an index of /sitemap-<section>.xml pages (`?p=N` after the
first), each of at most its section's `limit` URLs, so no request renders thousands of them.
"""

from django.contrib.sitemaps import views
from django.template.response import TemplateResponse
from django.urls import reverse

from freedomstory.core.siteurl import absolute
from freedomstory.pages.sitemaps import sitemaps as page_sitemaps
from news.sitemaps import sitemaps as news_sitemaps
from shop.sitemaps import sitemaps as shop_sitemaps

sitemaps = {**news_sitemaps, **shop_sitemaps, **page_sitemaps}


def sitemap_or_index(request, sitemaps, section_url_name="sitemap_section"):
    """The whole sitemap while it fits one page, else the index of its sections' pages."""
    sections = {name: site() if callable(site) else site for name, site in sitemaps.items()}
    counts = {name: site.paginator.count for name, site in sections.items()}
    if sum(counts.values()) <= min(site.limit for site in sections.values()):
        return views.sitemap(request, sections)
    # Django's index view takes the host from the request; this one, like every shared page,
    # takes it from SITE_URL.
    items = []
    for name, site in sections.items():
        if not counts[name]:
            continue  # no empty parts
        address = absolute(reverse(section_url_name, kwargs={"section": name}))
        lastmod = site.get_latest_lastmod()
        items.append(views.SitemapIndexItem(address, lastmod))
        pages = site.paginator.num_pages
        items += [
            views.SitemapIndexItem(f"{address}?p={page}", lastmod) for page in range(2, pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
