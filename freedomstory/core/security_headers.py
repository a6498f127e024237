"""What a page may load and which browser features it may use: Content-Security-Policy and
Permissions-Policy, on every response.

Public pages get one policy (settings.CONTENT_SECURITY_POLICY), the same for every visitor and
for every copy the page cache serves, since the header is set here, after the view, on hits too.
It holds no nonce: a nonce is per request, and a shared page carrying one would be wrong for
everyone else. So public pages have no inline script, style or event handler at all
(tests/test_security_headers.py reads the templates), and the page cache refuses to store a page
that asked for a nonce (freedomstory/core/pagecache.py).

The admin is never cached and gets its own directives (settings.ADMIN_CONTENT_SECURITY_POLICY):
its scripts need a nonce (the prose editor's import map is an inline <script type="importmap">),
and its styles may be inline (Django's change list writes a <style>, the editor injects one).
"""

import functools
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_urlconf, reverse
from js_asset import Media as AssetMedia

# Which directives the files under STATIC_URL and MEDIA_URL are loaded by.
STATIC_DIRECTIVES = ("script-src", "style-src", "font-src", "img-src")
MEDIA_DIRECTIVES = ("img-src", "media-src")


def other_origin(url):
    """`scheme://host` of an absolute address (files on a CDN or S3), `host` of one without a
    scheme (`//cdn.example/`), None for a path of ours."""
    parts = urlsplit(url or "")
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else parts.netloc


def file_origins():
    """{directive: [origin]} for STATIC_URL and MEDIA_URL when they are on another host: a later
    move of the media to a CDN changes a setting, not the policy."""
    origins = {}
    for url, directives in (
        (settings.STATIC_URL, STATIC_DIRECTIVES),
        (settings.MEDIA_URL, MEDIA_DIRECTIVES),
    ):
        origin = other_origin(url)
        for directive in directives if origin else ():
            if origin not in origins.setdefault(directive, []):
                origins[directive].append(origin)
    return origins


def is_admin(request):
    prefix = _admin_prefix(get_urlconf())
    return prefix is not None and request.path_info.startswith(prefix)


# Both below are asked on every response, cached pages' included, and change only with the
# settings: worked out once per process (and again when a test changes a setting).
@functools.cache
def _admin_prefix(urlconf):
    try:
        return reverse("admin:index", urlconf=urlconf)
    except NoReverseMatch:  # an address book without the admin (some tests')
        return None


@functools.cache
def public_header():
    """The public pages' policy, in sorted order (django-csp orders directives as a set
    iterates, which differs between processes): every worker sends every visitor the same
    bytes."""
    return _sorted(build_policy(update=file_origins()))


def _sorted(header):
    return "; ".join(sorted(header.split("; ")))


@receiver(setting_changed)
def _forget_worked_out_headers(**kwargs):
    _admin_prefix.cache_clear()
    public_header.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the files' origins added and the admin's own directives."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        update = file_origins()
        for directive, sources in (parts.update or {}).items():
            update[directive] = [*update.get(directive, []), *sources]
        parts.update = update
        if is_admin(request):
            parts.replace = {
                **settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
                **(parts.replace or {}),
            }
        return parts

    def process_response(self, request, response):
        if self._is_plain_public(request, response):
            response[HEADER] = public_header()
            # As django-csp does once the header is written: a nonce asked for now could not be
            # in it, so asking is an error rather than a silently refused script.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
        response = super().process_response(request, response)
        if HEADER in response:
            response[HEADER] = _sorted(response[HEADER])
        return response

    @staticmethod
    def _is_plain_public(request, response):
        """A public page with the site's policy as it stands: no nonce asked for, no view's
        own directives, no report-only policy or excluded prefixes to weigh."""
        return not (
            HEADER in response
            or request.csp_nonce  # true only once a nonce was made
            or is_admin(request)
            or any(
                hasattr(response, name)
                for name in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
            )
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            or (settings.DEBUG and response.status_code in (404, 500))
        )

    def process_template_response(self, request, response):
        # The admin renders a form's media (the editor's import map among it) with `{{ media }}`;
        # media that can carry a nonce gets this request's, and the header names the same one.
        media = (response.context_data or {}).get("media")
        if isinstance(media, AssetMedia) and is_admin(request):
            response.context_data["media"] = media.with_nonce(str(request.csp_nonce))
        return response


def permissions_policy(features):
    """The header's text: `camera=(), fullscreen=(self)` from {"camera": [], "fullscreen":
    ["self"]}."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in sorted(features.items())
    )


class PermissionsPolicyMiddleware:
    """Turns off, on every response, the browser features the site does not use, so neither a
    script that got in anyway nor anything embedded in a page can ask for the camera."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy(settings.PERMISSIONS_POLICY)
        return response
