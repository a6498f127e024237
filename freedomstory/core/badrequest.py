"""Requests the site cannot read answer 400 with a short page, never 500.

A NUL character cannot be stored in PostgreSQL, and an address or form value is looked up as
soon as a view reads it (a search, an order's token, a slug): refused here, before any view,
rather than in each of them. A form body declared in a charset other than UTF-8 is refused by
Django when a form is first read, but its own 400 page reads the form again and fails with a
500; here the body is read once and the refusal answered with our page.
"""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

from freedomstory.core.charity import charity_context

logger = logging.getLogger(__name__)

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class UnreadableRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = unreadable(request)
        if problem:
            logger.warning("400 for %s %r: %s", request.method, request.path, problem)
            return bad_request(request)
        return self.get_response(request)


def unreadable(request):
    """Why `request` cannot be read, or "" when it can."""
    if "\x00" in request.path:
        return "a NUL character in the address"
    if _holds_nul(request.GET):
        return "a NUL character in the query"
    if request.method == "POST" and request.content_type in FORM_TYPES:
        try:
            form = request.POST
        except (BadRequest, MultiPartParserError) as error:
            return f"a form body that could not be read ({error})"
        if _holds_nul(form):
            return "a NUL character in the form"
    return ""


def _holds_nul(query):
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query.lists()
    )


def bad_request(request, exception=None):
    """The site's 400 page (also Django's handler400). Rendered without the request's context,
    like the 500 page: what is wrong with the request may be what the context would read."""
    return HttpResponseBadRequest(
        render_to_string(
            "400.html", {"site_name": settings.SITE_NAME, "charity": charity_context()}
        )
    )
