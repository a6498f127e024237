"""Absolute addresses of the public site, from the SITE_URL setting.

Shared pages are rendered once for everyone, so what they say about their own address must not
come from one visitor's request (its scheme or Host header): it comes from here.
"""

from django.conf import settings


def absolute(path):
    """`path` on the public site; an address that is already absolute is returned as it is."""
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}{path if path.startswith('/') else '/' + path}"
