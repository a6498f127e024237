from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from freedomstory import views
from freedomstory.core.pagecache import public_page
from freedomstory.pages.views import site_page
from freedomstory.sitemaps import sitemap_or_index, sitemaps
from shop.views.orders import stripe_webhook

admin.site.site_header = format_lazy(_("{site_name} administration"), site_name=settings.SITE_NAME)
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Publish news and run the shop")

# Addresses that are the same in every language: machines' and staff's.
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("csp-report/", views.csp_report, name="csp_report"),
    path(
        "sitemap.xml",
        public_page(sitemap_or_index, query=("p",)),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap, query=("p",)),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
    # Stripe's calls: one address, outside the languages (a webhook has none).
    path("shop/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.SERVE_MEDIA:
    # Development and `make serve` only; a real deployment serves media from shared storage.
    from django.views.static import serve

    def serve_media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)  # read when asked

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_media))

# The pages people read, in each language: English where they always were, Thai under /th/
# (freedomstory/core/languages.py says why the address alone decides).
public_patterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    # The privacy notice is a site page (its text is edited in the admin) with a name of its own,
    # for the link to it from checkout's consent.
    path(
        f"{settings.PRIVACY_PAGE_SLUG}/",
        site_page,
        {"path": settings.PRIVACY_PAGE_SLUG},
        name="privacy",
    ),
    path("", include("news.urls")),
    path("", include("shop.urls")),
    # Last: any other address of one or more slugs may be a site page (About, /about/team/...).
    path("", include("freedomstory.pages.urls")),
]
urlpatterns += i18n_patterns(*public_patterns, prefix_default_language=False)

handler500 = "freedomstory.views.server_error"
# The site's 400 page, without Django's default view's CSRF check (which reads a form
# that could not be read a second time, and turned the 400 into a 500).
handler400 = "freedomstory.views.bad_request"
