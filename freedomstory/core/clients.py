"""Who is asking: the one place that says which network address a request came from."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or behind the site's proxy (BEHIND_PROXY) the address that proxy saw: the
    last entry of X-Forwarded-For. Behind a proxy REMOTE_ADDR is the proxy's for everyone; the
    entries before the last are whatever the client sent, and are believed by nobody."""
    if settings.BEHIND_PROXY:
        last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
