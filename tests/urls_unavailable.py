"""The site's URLs plus views that meet a database that went away, as during a restart."""

from django.db import InterfaceError, OperationalError
from django.urls import path

from freedomstory.urls import handler500
from freedomstory.urls import urlpatterns as site_urlpatterns


def connection_refused(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


def connection_closed(request):
    raise InterfaceError("connection already closed")


def a_bug(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("refused/", connection_refused),
    path("closed/", connection_closed),
    path("bug/", a_bug),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
