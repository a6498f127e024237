"""The shared page cache for public pages.

A public page seen by a visitor who has no session (not logged in), no cart and no pending
message is the same for everyone, so it is rendered once and served from the cache. Anyone with
one of those cookies gets a freshly rendered page marked private. Saving content calls
`invalidate_public_pages()`, which retires every cached page at once by changing the generation
that is part of each key: nothing has to know which pages showed what.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pagecache:generation"
RETIRE_AT_KEY = "pagecache:retire-at"


def personal_cookie_names():
    return (
        settings.SESSION_COOKIE_NAME,
        settings.CART_COOKIE_NAME,
        "messages",
    )


def is_shared_visitor(request):
    """True when nothing about this request can make the page differ from anyone else's."""
    return request.method == "GET" and not any(
        name in request.COOKIES for name in personal_cookie_names()
    )


def invalidate_public_pages():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def retire_public_pages_at(moment):
    """Retire every cached page at `moment` too: a scheduled post must appear on time."""
    pending = cache.get(RETIRE_AT_KEY) or []
    cache.set(RETIRE_AT_KEY, sorted({*pending, moment.timestamp()}), None)


def _retire_if_due():
    pending = cache.get(RETIRE_AT_KEY)
    if pending and pending[0] <= time.time():
        cache.set(RETIRE_AT_KEY, [moment for moment in pending if moment > time.time()], None)
        invalidate_public_pages()


def _cache_key(request):
    _retire_if_due()
    generation = cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, None)
    raw = f"{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _may_store(request, response):
    # A page that touched the session or asked for a CSRF token is personal, whatever the
    # cookies said: never share it.
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Vary")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
    )


def public_page(view):
    """Serve `view` from the shared cache to visitors for whom the page is the same."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_shared_visitor(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        key = _cache_key(request)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if _may_store(request, response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
