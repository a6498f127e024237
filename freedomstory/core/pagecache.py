"""The shared page cache: every public page rendered once and served to every visitor.

What differs from one visitor to the next on a public page is small and known: the CSRF token
in its forms and a few "slots" apps register (the shop's header count). A shared render puts
markers where those go; each response fills them in from the visitor's own cookies, without a
query. So donors with a cart and the product page (whose form carries a token) are served from
the cache too. Only visitors with a state of their own get a fresh, private page: a logged-in
session that really exists, or messages that really decode. A cookie that merely has one of
those names changes nothing.

An entry is plain bytes, a JSON header line and the zlib-compressed body, never a pickled
object. Its key is the page's path and the query parameters the page declares (`?page=`,
`?q=`) in canonical form, so `?utm_source=…` floods add no entries. Saving content calls
`invalidate_public_pages()`, which changes the generation stored in every entry: a hit checks
it, together with the scheduled retirements, in one `get_many` round trip.
"""

import hashlib
import json
import time
import uuid
import zlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.html import escape

from freedomstory.core.languages import page_address

GENERATION_KEY = "pagecache:generation"
RETIRE_AT_KEY = "pagecache:retire-at"
# Headers a stored page keeps; the others (cookies, caching, the cache's own) are per response.
KEPT_HEADERS = {"content-type", "content-language", "x-robots-tag", "referrer-policy"}

_slot_fillers = {}  # name -> function(request) -> text; registered by apps when they start


def _marker(name):
    # Derived from the secret key, so no text an editor writes can match it and receive
    # a visitor's token or count.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:pagecache:{name}".encode()).hexdigest()
    return f"pc{digest[:24]}"


def register_slot(name, filler):
    """Let `name` vary per visitor on shared pages: `filler(request)` gives its text."""
    _slot_fillers[name] = filler


def slot(request, name):
    """What a template shows for slot `name`: a marker in a shared render, else the text."""
    if is_shared_render(request):
        return _marker(name)
    return _slot_fillers[name](request)


def is_shared_render(request):
    return getattr(request, "shared_render", False)


def csrf_marker():
    return _marker("csrf")


# --- Which query parameters make another page ---------------------------------------------------


def _page_number(value):
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) < 1:
        return None
    return str(int(value))


MAX_WORDS_LENGTH = 200


def canonical_words(value):
    """Words as a search reads them: spaces collapsed, at most 200 characters. Pages that read a
    query use this too, so the cache key and the page agree on what was asked."""
    return " ".join((value or "").split())[:MAX_WORDS_LENGTH]


CANONICAL_FORMS = {"page": _page_number, "p": _page_number, "q": canonical_words}


def canonical_query(request, names):
    """The declared query parameters in canonical form, or None when a value is not valid.

    Parameters a page does not declare are not part of its identity (and it must not read
    them). A value that has no canonical form (`?page=abc`) bypasses the cache entirely.
    """
    pairs = []
    for name in sorted(names):
        value = request.GET.get(name)
        if value is None:
            continue
        canonical = CANONICAL_FORMS[name](value)
        if canonical is None:
            return None
        if canonical:
            pairs.append((name, canonical))
    return urlencode(pairs)


def canonical_url(request):
    """The page's address on the public site (SITE_URL), never built from the request's
    scheme or host, so no request can change what a shared page says about itself."""
    language = getattr(request, "canonical_language", None)
    if language is not None:  # an item shown in English for want of a translation
        return settings.SITE_URL + page_address(request, language)
    query = getattr(request, "canonical_query", "")
    return f"{settings.SITE_URL}{request.path}{'?' + query if query else ''}"


# --- Who gets the shared page ------------------------------------------------------------------


def has_state_of_their_own(request):
    """A logged-in session that exists, or messages waiting that decode: a page of their own."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        session = request.session
        if session.session_key and session.exists(session.session_key):
            return True
    # len() reads and verifies the messages cookie without marking the messages as shown.
    return "messages" in request.COOKIES and len(get_messages(request)) > 0


# --- Retiring ----------------------------------------------------------------------------------


def invalidate_public_pages():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def retire_public_pages_at(moment):
    """Retire every cached page at `moment` too: a scheduled post must appear on time."""
    pending = cache.get(RETIRE_AT_KEY) or []
    cache.set(RETIRE_AT_KEY, sorted({*pending, moment.timestamp()}), None)


def _current_generation(found):
    """The generation in force, from what one get_many returned; retires pages when due."""
    generation = found.get(GENERATION_KEY)
    pending = found.get(RETIRE_AT_KEY)
    now = time.time()
    if pending and pending[0] <= now:
        cache.set(RETIRE_AT_KEY, [moment for moment in pending if moment > now], None)
        generation = None
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, None)
    return generation


# --- Storing -----------------------------------------------------------------------------------


def _page_key(request, query):
    address = f"{settings.SITE_URL}{request.path}?{query}"
    return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _pack(response, generation):
    headers = {k: v for k, v in response.items() if k.lower() in KEPT_HEADERS}
    head = json.dumps({"generation": generation, "headers": headers}).encode()
    return head + b"\n" + zlib.compress(response.content, 6)


def _unpack(entry, generation):
    if not isinstance(entry, bytes) or b"\n" not in entry:
        return None
    head, body = entry.split(b"\n", 1)
    try:
        meta = json.loads(head)
        if meta.get("generation") != generation:
            return None
        response = HttpResponse(zlib.decompress(body))
    except (ValueError, zlib.error):
        return None
    for name, value in meta.get("headers", {}).items():
        response[name] = value
    return response


def _may_store(request, response):
    # A page that touched the session or asked for a real CSRF token is personal, whatever the
    # visitor looked like: never share it. The rule enforces itself instead of relying on every
    # template author's care.
    session = getattr(request, "session", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and "no-store" not in cache_control
        and "private" not in cache_control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
        # A CSP nonce is this request's alone (freedomstory/core/security_headers.py).
        and not getattr(request, "csp_nonce", None)  # true only once a nonce was made
    )


def _fill(request, response):
    """Put this visitor's token and slot texts where a shared render left markers."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/"):
        return response
    body = response.content
    token_marker = csrf_marker().encode()
    if token_marker in body:
        body = body.replace(token_marker, get_token(request).encode())
    for name, filler in _slot_fillers.items():
        marker = _marker(name).encode()
        if marker in body:
            body = body.replace(marker, escape(filler(request)).encode())
    response.content = body
    # The filled page is this visitor's: no shared cache on the way may keep it.
    patch_cache_control(response, private=True)
    return response


def public_page(view=None, *, query=()):
    """Serve `view` from the shared cache. `query` names the parameters the page reads.

    Use as `public_page(view)` or `public_page(view, query=("page",))`.
    """
    if view is None:
        return lambda actual: public_page(actual, query=query)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        canonical = canonical_query(request, query)
        if canonical is not None:
            request.canonical_query = canonical
        if canonical is None or has_state_of_their_own(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        key = _page_key(request, canonical)
        found = cache.get_many([GENERATION_KEY, RETIRE_AT_KEY, key])
        generation = _current_generation(found)
        response = _unpack(found.get(key), generation)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return _fill(request, response)
        request.shared_render = True
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        finally:
            request.shared_render = False
        if _may_store(request, response):
            cache.set(key, _pack(response, generation), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return _fill(request, response)

    return wrapped
