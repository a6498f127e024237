"""The site's addresses with two routes a later change might add before the site pages."""

from django.http import HttpResponse
from django.urls import path, re_path

from freedomstory.urls import urlpatterns as site_urlpatterns


def later(request, **kwargs):
    return HttpResponse("a later page")


urlpatterns = [
    path("events/", later),
    re_path(r"^year-(?P<year>[0-9]{4})/$", later),
    *site_urlpatterns,
]
