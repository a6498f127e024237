"""Tiny views behind the page cache, to test the cache itself apart from any app."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from freedomstory.core.pagecache import public_page

calls = {"count": 0}


def counted_page(request):
    calls["count"] += 1
    return HttpResponse(f"render number {calls['count']}")


def page_with_csrf_token(request):
    calls["count"] += 1
    return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")


def page_touching_the_session(request):
    calls["count"] += 1
    return HttpResponse(f"visits: {request.session.get('visits', 0)}")


urlpatterns = [
    path("counted/", public_page(counted_page)),
    path("with-token/", public_page(page_with_csrf_token)),
    path("with-session/", public_page(page_touching_the_session)),
]
