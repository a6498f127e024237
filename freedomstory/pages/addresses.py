"""Which addresses belong to the rest of the site, so that no page can shadow them.

Site pages are served by a catch-all route that comes last: a page called "news" would never be
shown, and a page called "orders" would hide nothing today but would be half-hidden by
/orders/<token>/. So a page's first segment must not be the first segment of any other route.
That list is read from the URL resolver, so a route added later is protected without anyone
remembering to add it here; only what Django does not route itself is named by hand.
"""

import re

from django.conf import settings
from django.urls import Resolver404, URLResolver, get_resolver, resolve

LITERAL_SEGMENT = re.compile(r"[\w.-]+")


def taken_by_the_site(path):
    """The address of the site that page `path` ("about/team") would collide with, or None."""
    first = path.split("/", 1)[0]
    if first in reserved_first_segments():
        return f"/{first}/"
    # Routes whose first segment is not a plain word (a converter, a pattern) cannot be listed:
    # ask the resolver who would answer the page's address.
    try:
        match = resolve(f"/{path}/")
    except Resolver404:
        return None
    return None if serves_site_pages(match.func) else f"/{path}/"


def reserved_first_segments():
    """The first segments of every route that is not a site page, and of what is served before
    Django sees the request."""
    return (
        set(_first_segments(get_resolver().url_patterns))
        | _served_outside_the_resolver()
        | _language_prefixes()
    )


def serves_site_pages(view):
    """Whether `view` is the site pages' own view (the catch-all, or a named route to a page)."""
    view_class = getattr(view, "view_class", None)
    return getattr(view_class, "serves_site_pages", False)


def _first_segments(patterns, prefix=""):
    for entry in patterns:
        route = prefix + _route_text(entry.pattern)
        if isinstance(entry, URLResolver):
            # An include's own prefix may already be the segment ("admin/"); else its routes say.
            yield from _first_segments(entry.url_patterns, route)
        elif not serves_site_pages(entry.callback):
            segment = route.split("/", 1)[0]
            if LITERAL_SEGMENT.fullmatch(segment):
                yield segment


def _route_text(pattern):
    # path() routes are literal but for <converters>; re_path() regexes are read as far as they
    # are plain text (an escaped dot counts as a dot).
    text = str(pattern)
    if text.startswith("^"):
        text = text[1:].removesuffix("$").replace(r"\.", ".")
    return text


def _served_outside_the_resolver():
    # Static files are answered by whitenoise (or the web server) and media by the storage or the
    # web server in production, before any route is tried.
    return {
        url.strip("/").split("/", 1)[0]
        for url in (settings.STATIC_URL, settings.MEDIA_URL)
        if url and "://" not in url
    }


def _language_prefixes():
    # /th/… is the Thai site (i18n_patterns); a page "th" would be its home's shadow, and a page
    # "en" would read as the English prefix on a site that may one day use it.
    return {code.lower() for code, _name in settings.LANGUAGES}
