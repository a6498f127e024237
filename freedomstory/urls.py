from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from freedomstory import views
from freedomstory.core.pagecache import public_page
from freedomstory.sitemaps import sitemap_or_index, sitemaps

admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Publish news and run the shop"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path(
        "privacy/",
        public_page(TemplateView.as_view(template_name="privacy.html")),
        name="privacy",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
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
    path("", include("news.urls")),
    path("", include("shop.urls")),
]

if settings.SERVE_MEDIA:
    # Development and `make serve` only; a real deployment serves media from shared storage.
    from django.views.static import serve

    def serve_media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)  # read when asked

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_media))

handler500 = "freedomstory.views.server_error"
