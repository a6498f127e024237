"""When the database cannot be reached: 503 and "try again in a moment", never a 500.

A PostgreSQL restart or a dropped connection shows as OperationalError or InterfaceError from
wherever the request met it: a view, a middleware, a context processor. Django hands every
uncaught exception to the 500 handler (freedomstory/views.py), which asks `is_unavailable` here:
one place for every path, middleware included. Nothing half-done stays behind: each cart and
order change is one transaction, rolled back with the connection that broke.
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers


def is_unavailable(exception):
    """Whether `exception` means the database is away, not that the code is wrong."""
    return isinstance(exception, OperationalError | InterfaceError)


def unavailable_response(context):
    """The site's "try again in a moment" page, 503 with Retry-After. Rendered from `context`
    alone, made without the database (no request context, no session, no query): the database is
    what is missing."""
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    # A shared cache or a proxy must not keep the outage after it ends.
    add_never_cache_headers(response)
    return response
