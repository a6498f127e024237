"""Accessibility in a real browser: axe-core on every kind of page, the keyboard, the phone."""

import pytest
from selenium.webdriver.common.keys import Keys

from tests.e2e.content import build_site
from tests.shop.order_factories import make_order

pytestmark = pytest.mark.django_db(transaction=True)


def add_to_cart(visitor, slug="t-shirt"):
    visitor.go(f"/shop/{slug}/")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for(lambda: visitor.text("[data-cart-count-text]") != "0 items in cart")


def test_axe_finds_no_serious_or_critical_violation_on_any_kind_of_page(visitor):
    site = build_site()
    order = make_order()
    pages = {
        "home": "/",
        "news list": "/news/",
        "post": site["newer"].get_absolute_url(),
        "category": "/news/category/education/",
        "search results": "/news/search/?q=scholarship",
        "quotes": "/quotes/",
        "shop": "/shop/",
        "product": "/shop/t-shirt/",
        "cart (empty)": "/cart/",
        "order confirmation": order.get_absolute_url(),
        "404": "/no-such-page/",
        "400 (a NUL in the address)": "/orders/no-such%00order/",
        "privacy notice": "/privacy/",
    }
    failures = {}
    for name, path in pages.items():
        visitor.go(path)
        failures[name] = visitor.axe_violations(name)
    add_to_cart(visitor)
    visitor.go("/cart/")
    failures["cart (full)"] = visitor.axe_violations("cart (full)")
    visitor.click(visitor.find("[data-cart-link]"))
    visitor.wait_for_text("[data-cart-panel]", "Freedom Story T-shirt")
    failures["mini-cart panel open"] = visitor.axe_violations("mini-cart panel open")
    visitor.snap("panel-open")
    visitor.go("/checkout/")
    failures["checkout"] = visitor.axe_violations("checkout")
    visitor.find(".checkout__submit").click()  # an empty form: errors must be announced too
    visitor.wait_for(lambda: visitor.find_all(".field-error"))
    failures["checkout with errors"] = visitor.axe_violations("checkout with errors")
    assert {name: found for name, found in failures.items() if found} == {}


def test_no_horizontal_scrolling_at_360_pixels(visitor):
    site = build_site()
    paths = ["/", "/news/", site["newer"].get_absolute_url(), "/shop/", "/shop/t-shirt/", "/cart/"]
    assert visitor.pages_scrolling_sideways(paths) == []


def test_the_skip_link_is_the_first_tab_stop_and_leads_to_the_main_content(desktop_visitor):
    visitor = desktop_visitor
    build_site()
    visitor.go("/news/")
    visitor.find("body").send_keys(Keys.TAB)
    active = visitor.driver.switch_to.active_element
    assert active.text == "Skip to main content" and active.is_displayed()
    active.send_keys(Keys.ENTER)
    visitor.wait_for(lambda: visitor.driver.switch_to.active_element.get_attribute("id") == "main")


def test_the_mini_cart_panel_works_with_the_keyboard_and_traps_focus(desktop_visitor):
    visitor = desktop_visitor
    build_site()
    add_to_cart(visitor)
    opener = visitor.find("[data-cart-link]")
    opener.send_keys(Keys.ENTER)
    visitor.wait_for_text("[data-cart-panel]", "Freedom Story T-shirt")
    assert opener.get_attribute("aria-expanded") == "true"
    panel = visitor.find("[data-cart-panel]")
    for _ in range(12):  # tab through more stops than the panel holds: focus stays inside
        visitor.driver.switch_to.active_element.send_keys(Keys.TAB)
        assert visitor.driver.execute_script(
            "return arguments[0].contains(document.activeElement)", panel
        )
    visitor.driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert visitor.driver.execute_script(
        "return arguments[0].contains(document.activeElement)", panel
    )
    visitor.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    visitor.wait_for(lambda: not panel.is_displayed())
    assert visitor.driver.switch_to.active_element == opener
    assert opener.get_attribute("aria-expanded") == "false"
    opener.send_keys(Keys.SPACE)
    visitor.wait_for(lambda: panel.is_displayed())
    visitor.find("[data-cart-close]").send_keys(Keys.ENTER)
    visitor.wait_for(lambda: not panel.is_displayed())


FOCUS_STYLE = (
    "const el = arguments[0]; const s = getComputedStyle(el);"
    "return [s.outlineStyle, s.outlineWidth, s.boxShadow].join('|');"
)


def test_every_kind_of_control_shows_a_visible_focus_style(desktop_visitor):
    visitor = desktop_visitor
    build_site()
    visitor.go("/shop/t-shirt/")
    for css in (
        "[data-cart-link]",
        ".site-nav a",
        "#quantity",
        ".add-to-cart button",
        ".breadcrumbs a",
    ):
        element = visitor.find(css)
        visitor.driver.execute_script("document.activeElement.blur()")
        before = visitor.driver.execute_script(FOCUS_STYLE, element)
        # Focus as the keyboard does, so :focus-visible applies.
        visitor.driver.execute_script("arguments[0].focus({focusVisible: true})", element)
        after = visitor.driver.execute_script(FOCUS_STYLE, element)
        outline_style, outline_width, _shadow = after.split("|")
        assert after != before, f"{css} looks the same focused and unfocused"
        assert outline_style != "none" and outline_width != "0px", f"{css}: {after}"


def test_a_printed_post_shows_the_story_without_header_footer_or_cart(desktop_visitor):
    visitor = desktop_visitor
    site = build_site()
    visitor.go(site["newer"].get_absolute_url())
    visitor.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for css in (".site-header", ".site-footer", ".mini-cart", ".post-nav"):
            assert not visitor.find(css).is_displayed(), f"{css} is printed"
        assert visitor.find(".post__body").is_displayed()
        assert visitor.find("figure.pull-quote").is_displayed()
    finally:
        visitor.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
