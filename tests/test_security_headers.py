"""Content-Security-Policy and Permissions-Policy: what every page may load and use, the same
for every visitor of a cached page, the admin's own policy, and nothing inline on public pages."""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import resolve

from freedomstory import views
from freedomstory.core import pagecache
from freedomstory.core.security_headers import ContentSecurityPolicyMiddleware
from tests.news.factories import make_post, make_staff
from tests.signing_in import sign_in_verified

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def directives(response):
    """{directive: [sources]} from the response's Content-Security-Policy."""
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_public_pages_get_the_enforced_policy(client):
    policy = directives(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert resolve(policy["report-uri"][0]).func is views.csp_report
    # Checkout goes on to Stripe after its POST: Chrome checks that redirect against form-action.
    assert policy["form-action"] == [
        "'self'",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
    ]
    assert policy["script-src"] == policy["style-src"] == ["'self'"]
    assert "Content-Security-Policy-Report-Only" not in client.get("/")


def test_the_policy_is_the_same_text_in_every_worker(client):
    """django-csp writes directives in a set's order, which hash randomisation changes from one
    process to the next; the header is sorted, so every worker sends the same bytes."""
    names = [part.split()[0] for part in client.get("/")["Content-Security-Policy"].split("; ")]
    assert names == sorted(names)


def test_no_public_page_allows_inline_code_or_a_nonce(client):
    for path in ("/", "/news/", "/shop/", "/donate/", "/cart/", "/no-such-page/"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy, path
        assert "nonce-" not in policy, path
        assert "'unsafe-eval'" not in policy, path


def test_a_cached_page_carries_the_same_policy_for_every_visitor(client):
    make_post("Open late", slug="open-late")
    first = client.get("/news/open-late/")
    second = client.get("/news/open-late/", HTTP_COOKIE="cart_count=3")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


def test_a_page_that_asked_for_a_nonce_is_never_stored(rf):
    """A nonce is one request's: a shared copy holding one would be wrong for everyone else."""

    @pagecache.public_page
    def asks_for_a_nonce(request):
        return HttpResponse(f"<p data-nonce='{request.csp_nonce}'></p>")

    middleware = ContentSecurityPolicyMiddleware(asks_for_a_nonce)
    first = middleware(rf.get("/nonce/"))
    second = middleware(rf.get("/nonce/"))
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.content != second.content


def test_media_and_static_files_on_another_host_are_allowed_by_origin(client, settings):
    settings.MEDIA_URL = "https://media.cdn.example/freedomstory/media/"
    settings.STATIC_URL = "https://static.cdn.example/static/"
    policy = directives(client.get("/"))
    assert policy["img-src"] == [
        "'self'",
        "https://static.cdn.example",
        "https://media.cdn.example",
    ]
    assert policy["media-src"] == ["'self'", "https://media.cdn.example"]
    for name in ("script-src", "style-src", "font-src"):
        assert policy[name] == ["'self'", "https://static.cdn.example"], name


def test_a_file_host_without_a_scheme_is_allowed_by_host(client, settings):
    settings.MEDIA_URL = "//media.cdn.example/media/"
    assert directives(client.get("/"))["img-src"] == ["'self'", "media.cdn.example"]


def test_files_served_by_the_site_itself_add_no_origin(client):
    assert directives(client.get("/"))["img-src"] == ["'self'"]


def test_the_admin_has_its_own_policy_with_a_nonce_for_its_scripts(client):
    sign_in_verified(client, make_staff(is_superuser=True))
    response = client.get("/admin/news/post/add/")
    policy = directives(response)
    nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    # The editor's import map carries the header's nonce; nothing else inline may run.
    assert re.search(rf'<script type="importmap"[^>]*nonce="{re.escape(nonce)}"', response.text)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_each_admin_page_gets_a_new_nonce(client):
    sign_in_verified(client, make_staff(is_superuser=True))
    first = directives(client.get("/admin/news/post/add/"))["script-src"]
    second = directives(client.get("/admin/news/post/add/"))["script-src"]
    assert first != second


def test_the_admin_sign_in_page_gets_the_admin_policy(client):
    policy = directives(client.get("/admin/login/"))
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["form-action"][0] == "'self'"


# --- Permissions-Policy -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/cart/", "/admin/login/", "/healthz", "/no-such-page/"])
def test_every_response_turns_off_the_features_the_site_does_not_use(client, path):
    features = dict(
        item.split("=", 1) for item in client.get(path)["Permissions-Policy"].split(", ")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature
    assert features["fullscreen"] == "(self)"  # the admin's editor has a full-screen mode


# --- The headers we already had -------------------------------------------------------------


def test_the_other_security_headers_are_kept(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Nothing inline on public pages ----------------------------------------------------------

INLINE = {
    "a <style> element": re.compile(r"<style[\s>]", re.I),
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "an inline event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "a javascript: address": re.compile(r"javascript:", re.I),
    "a nonce": re.compile(r"csp_nonce", re.I),
}
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
DATA_SCRIPT = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.I)


def public_templates():
    """Every template a public page may use: the site's and the apps', not the admin's
    (own policy) nor e-mails (not pages)."""
    folders = [ROOT / "templates", *(ROOT.glob("*/templates")), *ROOT.glob("*/*/templates")]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder).as_posix()
            if not relative.startswith(("admin/", "emails/")):
                yield path


def test_public_templates_hold_no_inline_script_style_or_handler():
    found = []
    paths = list(public_templates())
    assert len(paths) > 20  # the search found the templates
    for path in paths:
        text = path.read_text()
        found += [f"{path}: {what}" for what, pattern in INLINE.items() if pattern.search(text)]
        for attributes in SCRIPT.findall(text):
            # A script runs inline unless it loads a file; JSON-LD is data the browser never runs
            # (CSP does not apply to it: tests/e2e/test_content_security_policy.py shows it).
            if "src=" not in attributes and not DATA_SCRIPT.search(attributes):
                found.append(f"{path}: an inline <script{attributes}>")
    assert found == []


def test_the_template_check_finds_an_inline_style():
    text = '<p style="color: red">Hi</p><script>alert(1)</script>'
    assert INLINE["a style attribute"].search(text)
    assert SCRIPT.findall(text) == [""]


def test_scripts_set_no_style_attribute_nor_inline_html_styles():
    for path in (ROOT / "static" / "js").glob("*.js"):
        text = path.read_text()
        assert not re.search(r"setAttribute\(\s*['\"]style", text), path
        assert not re.search(r"style\s*=\s*\\?['\"]", text), path  # styles in HTML strings
