"""Absolute addresses of the public site, from the SITE_URL setting.

Shared pages are rendered once for everyone, so what they say about their own address must not
come from one visitor's request (its scheme or Host header): it comes from here.
"""

import re

from django.conf import settings

# An address in an attribute that starts at the site's root ("/media/…"), not "//host/…".
_ROOTED = re.compile(r'(\s(?:src|href)=")(/(?!/)[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute(path):
    """`path` on the public site; an address that is already absolute is returned as it is."""
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}{path if path.startswith('/') else '/' + path}"


def absolute_in_html(html):
    """`html` with every root-relative src, href and srcset address made absolute: for copies
    read away from the site (feed readers resolve "/media/…" against nothing reliable)."""
    html = _ROOTED.sub(lambda match: f'{match[1]}{absolute(match[2])}"', html)

    def srcset(match):
        entries = [entry.strip().split(" ", 1) for entry in match[2].split(",") if entry.strip()]
        rebuilt = ", ".join(
            " ".join(
                [absolute(url) if url.startswith("/") and not url.startswith("//") else url] + rest
            )
            for url, *rest in entries
        )
        return f'{match[1]}{rebuilt}"'

    return _SRCSET.sub(srcset, html)
