"""The Content-Security-Policy in a real browser: nothing on any kind of public page, nor in the
admin's editor and order desk, is refused by it; and a page with inline code is.

Chromium writes each refusal to its console ("Applying inline style violates the following
Content Security Policy directive 'style-src 'self''. … The action has been blocked.") and posts
a report to /csp-report/, which logs it: the tests read both.
"""

import time

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path
from selenium.webdriver.common.keys import Keys

from freedomstory import urls as site_urls
from shop.models import MonthlyGift
from tests.e2e.conftest import STAFF_PASSWORD
from tests.e2e.content import build_site
from tests.pages.factories import make_page
from tests.shop.factories import make_gift, make_options, make_product
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db(transaction=True)

REFUSED = "Content Security Policy"
REPORTS_LOGGER = "freedomstory.core.csp_reports"


def refusals(visitor):
    """The console's CSP refusals since the last call (reading the log empties it)."""
    return [
        entry["message"]
        for entry in visitor.driver.get_log("browser")
        if REFUSED in entry["message"]
    ]


def reported(caplog, wait=0.0):
    """The violations /csp-report/ logged, after giving the browser `wait` seconds to send."""
    deadline = time.monotonic() + wait
    while True:
        found = [r.getMessage() for r in caplog.records if r.name == REPORTS_LOGGER]
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(0.1)


def visit(visitor, found, name, path_or_action):
    if callable(path_or_action):
        path_or_action()
    else:
        visitor.go(path_or_action)
    visitor.wait_for(
        lambda: visitor.driver.execute_script("return document.readyState") == "complete"
    )
    if messages := refusals(visitor):
        found[name] = messages


def add_to_cart(visitor, slug):
    visitor.go(f"/shop/{slug}/")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for(lambda: visitor.text("[data-cart-count-text]") != "0 items in cart")


def test_no_public_page_breaks_the_policy(desktop_visitor, settings, caplog):
    settings.CSP_REPORT_LOG_LIMIT = 1000  # every report the browser sends is logged
    visitor = desktop_visitor
    site = build_site()
    hoodie = make_product("Freedom Story hoodie", slug="hoodie", stock=None)
    make_options(hoodie, ("Size", "S, M, L"), ("Colour", "Black, Natural"), stock=5)
    make_page("About us", slug="about", body="<p>Who we are.</p>")
    make_page("Contact", slug="contact", body="<p>Write to us.</p>")
    order = make_order()
    gift = make_gift(status=MonthlyGift.Status.ACTIVE)
    refusals(visitor)  # what earlier tests left in the log

    found = {}
    for name, address in {
        "home": "/",
        "news list": "/news/",
        "post with image, pull quote and JSON-LD": site["newer"].get_absolute_url(),
        "category": "/news/category/education/",
        "search": "/news/search/?q=scholarship",
        "quotes": "/quotes/",
        "shop": "/shop/",
        "product with options": "/shop/hoodie/",
        "product": "/shop/t-shirt/",
        "cart (empty)": "/cart/",
        "donate": "/donate/",
        "donate, confirm": "/donate/confirm/?amount=25&frequency=once",
        "order": order.get_absolute_url(),
        "monthly gift": gift.get_absolute_url(),
        "about": "/about/",
        "contact": "/contact/",
        "privacy": "/privacy/",
        "404": "/no-such-page/",
        # A second visit is served from the page cache.
        "home (cached)": "/",
        "post (cached)": site["newer"].get_absolute_url(),
    }.items():
        visit(visitor, found, name, address)

    visit(visitor, found, "add to cart (script)", lambda: add_to_cart(visitor, "t-shirt"))
    visit(visitor, found, "cart (full)", "/cart/")

    def open_mini_cart():
        visitor.click(visitor.find("[data-cart-link]"))
        visitor.wait_for_text("[data-cart-panel]", "Freedom Story T-shirt")

    visit(visitor, found, "mini-cart panel (server markup put in by script)", open_mini_cart)

    def choose_an_option():
        visitor.go("/shop/hoodie/")
        visitor.click(visitor.find(".variant-choice:not(.variant-choice--sold-out)"))

    visit(visitor, found, "product options picked (script)", choose_an_option)
    visit(visitor, found, "checkout", "/checkout/")

    def checkout_with_errors():
        visitor.click(visitor.find(".checkout__submit"))
        visitor.wait_for(lambda: visitor.find_all(".field-error"))

    visit(visitor, found, "checkout with errors", checkout_with_errors)

    assert found == {}
    # JSON-LD is a data block, never run: CSP does not apply to it, and Chromium blocks nothing.
    visitor.go(site["newer"].get_absolute_url())
    assert visitor.find_all("script[type='application/ld+json']")
    assert refusals(visitor) == []
    assert reported(caplog, wait=1.0) == []


def test_the_admin_editor_and_order_desk_break_no_policy(desktop_visitor, settings, caplog):
    settings.CSP_REPORT_LOG_LIMIT = 1000
    visitor = desktop_visitor
    site = build_site()
    order = make_order()
    get_user_model().objects.create_superuser("nok", "nok@example.org", STAFF_PASSWORD)
    refusals(visitor)
    found = {}

    visit(visitor, found, "sign-in", lambda: visitor.sign_in("nok"))
    visit(visitor, found, "post list", "/admin/news/post/")
    visit(visitor, found, "new post", "/admin/news/post/add/")
    assert found == {}  # before the editor is used: a blocked import map leaves no editor

    # The editor works: typing, the toolbar, the link dialog (its script ran under the nonce).
    editor = visitor.find(".prose-editor [contenteditable=true]")
    visitor.click(editor)
    editor.send_keys("Two new classrooms opened.", Keys.ENTER)
    visitor.find("button[data-name=bold]").click()
    editor.send_keys("Bold words")
    visitor.link_first_paragraph(editor, "https://example.org/report")
    visitor.wait_for(lambda: editor.find_elements("css selector", "a[href*='example.org']"))
    assert editor.find_elements("css selector", "strong")
    if messages := refusals(visitor):
        found["editor: typing, bold, link dialog"] = messages

    # Django's own scripts: the inline "Add another", the date shortcuts' calendar.
    def admin_widgets():
        visitor.click(visitor.link("Add another Pull quote"))
        visitor.wait_for(lambda: visitor.find("#id_quotes-0-speaker_name").is_displayed())
        visitor.click(visitor.find(".datetimeshortcuts a"))  # "Today"

    visit(visitor, found, "inline and date shortcuts", admin_widgets)
    visit(visitor, found, "post edit", f"/admin/news/post/{site['newer'].pk}/change/")
    visit(visitor, found, "product edit", f"/admin/shop/product/{site['shirt'].pk}/change/")
    visit(visitor, found, "order desk list", "/admin/shop/order/")
    visit(visitor, found, "order desk", f"/admin/shop/order/{order.pk}/change/")
    visit(visitor, found, "page list", "/admin/pages/page/")
    visit(visitor, found, "new page", "/admin/pages/page/add/")

    assert found == {}
    assert reported(caplog, wait=1.0) == []


# --- The proof that the two tests above would see a violation --------------------------------

INLINE_CODE = (
    "<!doctype html><html><head><title>Before</title><style>p { color: red }</style></head>"
    "<body><p style='color: blue'>Inline styles</p>"
    "<script>document.title = 'The inline script ran';</script></body></html>"
)


def inline_code_page(request):
    return HttpResponse(INLINE_CODE)


# The site's own patterns added, not included: i18n_patterns refuses to be included.
urlpatterns = [path("csp-proof/", inline_code_page), *site_urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_a_page_with_inline_code_is_refused_reported_and_would_fail_the_tests(
    desktop_visitor, settings, caplog
):
    settings.CSP_REPORT_LOG_LIMIT = 1000
    visitor = desktop_visitor
    refusals(visitor)
    found = {}
    visit(visitor, found, "inline code", "/csp-proof/")

    assert visitor.driver.title == "Before"  # the inline script did not run
    [messages] = found.values()
    joined = "\n".join(messages)
    for directive in ("script-src", "style-src"):
        assert f"directive '{directive} 'self''" in joined, joined
    assert len(messages) == 3  # the <style>, the style attribute and the <script>
    logged = reported(caplog, wait=3.0)
    assert logged and all("/csp-proof/" in message for message in logged), logged
