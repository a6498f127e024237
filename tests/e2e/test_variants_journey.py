"""A T-shirt with sizes and colours, in a real browser: a donor chooses, buys two variants and a
shop manager packs them; the price follows the choice; the picker works without JavaScript, on a
phone, for axe and for the keyboard."""

import shutil
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from shop.models import Order, Variant
from tests.e2e.conftest import STAFF_PASSWORD
from tests.pages.factories import privacy_notice
from tests.shop.factories import make_options, make_product, set_stock, stock_of

pytestmark = pytest.mark.django_db(transaction=True)
SIZES = ["S", "M", "L", "XL"]
COLOURS = ["Natural", "Black"]


@pytest.fixture
def shirt():
    """The T-shirt in 4 sizes × 2 colours, 10 of each, but L in Natural is sold out."""
    privacy_notice()  # the checkout's consent links to it; an earlier browser test flushed it
    product = make_product("Freedom Story T-shirt", slug="t-shirt", price=Decimal("20.00"))
    variants = make_options(
        product, ("Size", ", ".join(SIZES)), ("Colour", ", ".join(COLOURS)), stock=10
    )
    set_stock(variants["L, Natural"], 0)
    return variants


def tile(visitor, name):
    """The tile a donor clicks for `name` ("M, Black"): its label, named as screen readers hear
    it (the size, then the colour said only to them)."""
    return visitor.driver.find_element(
        "xpath",
        "//label[contains(@class, 'variant-choice')][.//span[contains(@class, "
        f"'variant-choice__label') and normalize-space(.) = '{name}']]",
    )


def radio(visitor, name):
    return tile(visitor, name).find_element("css selector", "input[name=variant]")


def choose(visitor, name, quantity=None):
    visitor.click(tile(visitor, name))
    assert radio(visitor, name).is_selected(), f"{name} was not chosen"
    if quantity is not None:
        field = visitor.find("#quantity")
        field.clear()
        field.send_keys(str(quantity))


def shop_manager_logs_in(visitor):
    """A member of "Shop managers", staff but not a superuser. The group and its permissions
    are the migrations' (every shop permission), made again here: the browser tests'
    transactions flush the tables the migrations filled."""
    managers, _created = Group.objects.get_or_create(name="Shop managers")
    managers.permissions.add(*Permission.objects.filter(content_type__app_label="shop"))
    manager = get_user_model().objects.create_user(
        "dao", "dao@example.org", STAFF_PASSWORD, is_staff=True, first_name="Dao"
    )
    manager.groups.add(managers)
    visitor.sign_in("dao")
    return manager


def cells(row):
    return [cell.text.strip() for cell in row.find_elements("css selector", "th, td")]


def test_donor_buys_two_sizes_in_black_and_a_shop_manager_marks_it_paid_and_packs_it(
    desktop_visitor, shirt
):
    visitor = desktop_visitor
    visitor.go("/shop/t-shirt/")
    assert visitor.text("[data-variant-picker] > legend") == "Size and colour"
    groups = visitor.find_all(".variant-picker__group > legend")
    assert [legend.text for legend in groups] == COLOURS
    choose(visitor, "M, Black", quantity=2)
    shutil.copy(visitor.snap("product-chosen"), "/tmp/variants-product.png")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for_text("[data-cart-count-text]", "2 items in cart")

    choose(visitor, "L, Black", quantity=1)
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for_text("[data-cart-count-text]", "3 items in cart")

    visitor.click(visitor.find("[data-cart-link]"))
    visitor.wait_for_text("[data-cart-panel]", "L, Black")
    lines = {
        line.find_element("css selector", ".mini-cart__variant").text: line.text
        for line in visitor.find_all(".mini-cart__line")
    }
    assert set(lines) == {"M, Black", "L, Black"}
    assert "Freedom Story T-shirt" in lines["M, Black"] and "2 × $20.00" in lines["M, Black"]
    assert "Freedom Story T-shirt" in lines["L, Black"] and "1 × $20.00" in lines["L, Black"]
    assert "$60.00" in visitor.text(".mini-cart__total")
    assert visitor.text("[data-cart-count-text]") == "3 items in cart"
    visitor.snap("mini-cart")

    visitor.click(visitor.link("Checkout"))
    visitor.wait_for(lambda: visitor.path == "/checkout/")
    for field, value in {
        "id_name": "Ploy Chaiyasit",
        "id_email": "ploy@example.org",
        "id_address_line1": "45 Moo 7",
        "id_city": "Mae Sai",
        "id_postcode": "57130",
        "id_country": "Thailand",
    }.items():
        visitor.find(f"#{field}").send_keys(value)
    visitor.click(visitor.find("#id_consent"))
    visitor.click(visitor.find(".checkout__submit"))
    visitor.wait_for(lambda: visitor.path.startswith("/orders/"))
    assert "Thank you, Ploy Chaiyasit!" in visitor.text("h1")
    rows = [cells(row) for row in visitor.find_all(".order-table tbody tr")]
    assert rows == [
        ["Freedom Story T-shirt – M, Black", "2", "$20.00", "$40.00"],
        ["Freedom Story T-shirt – L, Black", "1", "$20.00", "$20.00"],
    ]
    visitor.snap("order-page")

    order = Order.objects.get()
    assert order.status == Order.Status.PENDING_PAYMENT
    expected_stock = dict.fromkeys(shirt, 10) | {"L, Natural": 0, "M, Black": 8, "L, Black": 9}
    assert {name: stock_of(variant) for name, variant in shirt.items()} == expected_stock

    shop_manager_logs_in(visitor)
    visitor.go(f"/admin/shop/order/{order.pk}/change/")
    mark_paid = visitor.driver.find_element(
        "xpath", "//form[ancestor::*[contains(@class, 'order-steps')]]//button[. = 'Mark paid']"
    )
    visitor.click(mark_paid)
    visitor.wait_for_text(".messagelist", f"Order {order.number} marked paid")
    history = [cells(row) for row in visitor.find_all(".order-history tbody tr")]
    assert [row[1:] for row in history] == [
        ["Placed at checkout", "Pending payment", "Ploy Chaiyasit (the donor)"],
        ["Marked paid", "Paid", "Dao"],
    ]
    assert "Mark fulfilled" in visitor.text(".order-steps")
    shutil.copy(visitor.snap("admin-order-paid"), "/tmp/variants-order-admin.png")
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    visitor.go("/admin/shop/order/")
    visitor.click(visitor.find(f"#result_list input.action-select[value='{order.pk}']"))
    Select(visitor.find("select[name=action]")).select_by_visible_text("Print packing list")
    visitor.click(visitor.find("#changelist-form button[name=index]"))
    visitor.wait_for(lambda: visitor.find_all("body.packing-list .parcel"))
    parcel = visitor.find(".parcel")
    assert [cells(row)[:3] for row in parcel.find_elements("css selector", "tbody tr")] == [
        ["2", "Freedom Story T-shirt", "M, Black"],
        ["1", "Freedom Story T-shirt", "L, Black"],
    ]
    address = parcel.find_element("css selector", "address").text.splitlines()
    assert address == ["Ploy Chaiyasit", "45 Moo 7", "Mae Sai 57130", "Thailand"]
    visitor.snap("packing-list")
    # Paying takes nothing more off the shelf: the stock is what checkout left.
    assert {name: stock_of(variant) for name, variant in shirt.items()} == expected_stock


def test_the_price_shown_follows_the_size_chosen(desktop_visitor, shirt):
    visitor = desktop_visitor
    Variant.objects.filter(pk__in=[shirt["XL, Natural"].pk, shirt["XL, Black"].pk]).update(
        price=Decimal("22.00")
    )
    visitor.go("/shop/t-shirt/")
    price = visitor.find("[data-variant-price]")
    assert price.text == "From $20.00"
    choose(visitor, "XL, Black")
    visitor.wait_for(lambda: price.text == "$22.00", message=f"XL shows {price.text}")
    visitor.snap("xl")
    choose(visitor, "M, Black")
    visitor.wait_for(lambda: price.text == "$20.00", message=f"M shows {price.text}")


def test_without_javascript_a_tile_is_chosen_and_added_and_a_sold_out_one_cannot_be(
    visitor_without_js, shirt
):
    visitor = visitor_without_js
    visitor.go("/shop/t-shirt/")
    sold_out = radio(visitor, "L, Natural")
    assert not sold_out.is_enabled() and "Sold out" in tile(visitor, "L, Natural").text
    visitor.click(tile(visitor, "L, Natural"))
    assert not sold_out.is_selected()

    # Nothing chosen: the radios are required, so the browser itself refuses to send the form;
    # a browser that sent it anyway would hear the server's refusal.
    stopped_by_browser = bool(visitor.find_all("input[name=variant]:invalid"))
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    if not stopped_by_browser:
        visitor.wait_for_text("main", "Choose a size and colour.")
    visitor.go("/cart/")
    assert "Your cart is empty" in visitor.text("main")
    assert visitor.text("[data-cart-count-text]") == "0 items in cart"

    visitor.go("/shop/t-shirt/")
    choose(visitor, "M, Black")
    visitor.snap("chosen")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for_text("main", "Added 1 × “Freedom Story T-shirt – M, Black” to your cart.")
    assert visitor.path == "/shop/t-shirt/"
    assert visitor.text("[data-cart-count-text]") == "1 item in cart"
    visitor.snap("added")


@pytest.mark.parametrize("visitor", ["phone"], indirect=True)
def test_on_a_phone_every_tile_is_a_big_enough_tap_target_and_the_picker_fits(visitor, shirt):
    visitor.go("/shop/t-shirt/")
    tiles = visitor.find_all(".variant-choice")
    assert len(tiles) == len(SIZES) * len(COLOURS)
    for each in tiles:
        size = each.size
        assert size["width"] >= 44 and size["height"] >= 44, f"{each.text!r} is {size}"
    picker = visitor.find("[data-variant-picker]")
    scroll, visible, right = visitor.driver.execute_script(
        "const picker = arguments[0];"
        "return [picker.scrollWidth, picker.clientWidth, picker.getBoundingClientRect().right];",
        picker,
    )
    width = visitor.driver.execute_script("return document.documentElement.clientWidth")
    assert scroll <= visible, "the picker scrolls sideways"
    assert right <= width, f"the picker ends at {right}px, past the {width}px screen"
    for each in tiles:
        assert each.rect["x"] >= 0 and each.rect["x"] + each.rect["width"] <= width, each.text
    assert visitor.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    visitor.snap("picker")


def test_the_picker_has_no_serious_or_critical_axe_violation_before_or_after_a_choice(
    visitor, shirt
):
    visitor.go("/shop/t-shirt/")
    failures = {"product with options": visitor.axe_violations("product with options")}
    choose(visitor, "M, Black")
    failures["product with a choice made"] = visitor.axe_violations("product with a choice made")
    visitor.snap("chosen")
    assert {name: found for name, found in failures.items() if found} == {}


OUTLINE = (
    "const s = getComputedStyle(arguments[0]);"
    "return [s.outlineStyle, s.outlineWidth, s.outlineColor].join('|');"
)
# The first background behind an element: what an outline drawn outside it stands on.
GROUND = (
    "for (let el = arguments[0].parentElement; el; el = el.parentElement) {"
    "  const colour = getComputedStyle(el).backgroundColor;"
    "  if (colour !== 'rgba(0, 0, 0, 0)') return colour; }"
    "return 'rgb(255, 255, 255)';"
)


def contrast(first, second):
    """WCAG's contrast ratio of two computed colours ("rgb(180, 83, 42)")."""

    def luminance(colour):
        channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_keyboard_tabs_into_the_picker_and_arrows_past_a_sold_out_tile(desktop_visitor, shirt):
    visitor = desktop_visitor
    visitor.go("/shop/t-shirt/")
    unfocused = visitor.driver.execute_script(OUTLINE, tile(visitor, "S, Black"))
    visitor.find(".breadcrumbs a").send_keys(Keys.TAB)  # the last stop before the form
    names = {str(variant.pk): name for name, variant in shirt.items()}

    def focused():
        active = visitor.driver.switch_to.active_element
        assert active.get_attribute("name") == "variant", "the focus left the picker"
        return names[active.get_attribute("value")]

    # With nothing chosen, Tab lands on the first tile; arrows choose the next one that can be
    # bought, skipping L in Natural, and go on to the next colour.
    assert focused() == "S, Natural"
    visited = []
    for _ in range(3):
        visitor.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
        visited.append(focused())
    assert visited == ["M, Natural", "XL, Natural", "S, Black"]
    assert radio(visitor, "S, Black").is_selected()

    chosen = tile(visitor, "S, Black")
    focused_style = visitor.driver.execute_script(OUTLINE, chosen)
    style, width, colour = focused_style.split("|")
    assert style != "none" and width != "0px", focused_style
    assert focused_style != unfocused, "a focused tile looks like the others"
    # The outline is drawn on the page around the tile: it must stand out from it (WCAG 1.4.11).
    ground = visitor.driver.execute_script(GROUND, chosen)
    assert contrast(colour, ground) >= 3, f"a {colour} outline on {ground} is hard to see"
    visitor.snap("keyboard")
