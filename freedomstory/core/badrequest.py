"""Requests the site cannot read answer 400 with a short page, never 500.

A NUL character cannot be stored in PostgreSQL, and a value in the address is looked up as soon
as a view reads it (a search, an order's token, a slug): refused here, before any view, rather
than in each of them; a cookie holding one is dropped. Forms explain a NUL in a field
themselves, field by field (Django's fields refuse it, and ours every control character). A
form body declared in a charset other than UTF-8 (or in one Python does not know) is refused
here with our page: Django refuses some when a form is first read, but its own 400 page reads
the form again and fails with a 500.
"""

import codecs
import logging

from django.core.exceptions import BadRequest
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf

logger = logging.getLogger(__name__)

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class UnreadableRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._refuse(request, unreadable_address(request))
        if refused:
            return refused
        # A cookie with a NUL (sent quoted, as "\\000") is no cookie of ours: treated as absent,
        # so the visitor gets the page as a newcomer instead of a 500 on every page until the
        # cookie goes (the session cookie is looked up in the database on every request).
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if "\x00" not in name and "\x00" not in value
        }
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # A view exempt from CSRF reads its own body (Stripe's webhook verifies the bytes): read
        # as a form first, a multipart body could not be read again.
        if getattr(view, "csrf_exempt", False):
            return None
        return self._refuse(request, unreadable_form(request))

    def _refuse(self, request, problem):
        if not problem:
            return None
        logger.warning("400 for %s %r: %s", request.method, request.path, problem)
        # The site's 400 page, as Django's handler400 would give it.
        return get_resolver(get_urlconf()).resolve_error_handler(400)(request, BadRequest(problem))


def unreadable_address(request):
    """Why the request's address cannot be read, or "" when it can."""
    if "\x00" in request.path:
        return "a NUL character in the address"
    if _holds_nul(request.GET):
        return "a NUL character in the query"
    return ""


def unreadable_form(request):
    """Why the request's form body cannot be read, or "" when it can (or there is none)."""
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return ""
    # Browsers send forms in UTF-8; Django reads an unknown charset as UTF-8 and a multipart
    # body in the one declared, which decodes another charset's bytes to nonsense.
    charset = request.content_params.get("charset")
    if charset and _codec_name(charset) != "utf-8":
        return f"a form body declared in {charset!r}, not UTF-8"
    try:
        request.POST  # noqa: B018  (reading it is the check)
    except (BadRequest, MultiPartParserError) as error:
        return f"a form body that could not be read ({error})"
    return ""


def _codec_name(charset):
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _holds_nul(query):
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query.lists()
    )
