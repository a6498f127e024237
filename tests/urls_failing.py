"""The site's URLs plus one view that fails, to see the 500 page as visitors would."""

from django.urls import path

from freedomstory.urls import handler500
from freedomstory.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("failing/", failing_view), *site_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
