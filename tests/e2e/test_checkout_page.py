"""The checkout page as a browser lays it out: where the order summary sits at each size, and
how a field with an error looks (axe checks its contrast in test_accessibility.py)."""

import pytest

from tests.e2e.content import build_site

pytestmark = pytest.mark.django_db(transaction=True)
ERROR_RED = "rgb(161, 38, 34)"  # --error in site.css
WHITE = "rgb(255, 255, 255)"


def reach_checkout(visitor):
    build_site()
    visitor.go("/shop/t-shirt/")
    visitor.click(visitor.find(".add-to-cart button[type=submit]"))
    visitor.wait_for_text("[data-cart-count-text]", "1 item in cart")
    visitor.go("/checkout/")


def test_the_summary_comes_before_the_button_on_a_phone_and_beside_the_form_on_a_desktop(
    visitor,
):
    reach_checkout(visitor)
    fields = visitor.find(".checkout__form").rect
    summary = visitor.find(".checkout__summary").rect
    button = visitor.find(".checkout__submit").rect
    if visitor.size_name == "phone":
        # One column: fields, then the summary, then the button, all under one another.
        assert fields["y"] + fields["height"] <= summary["y"]
        assert summary["y"] + summary["height"] <= button["y"]
        assert summary["x"] == fields["x"]
    else:
        # Two columns: the summary on the right, level with the top of the form; the button
        # under the fields on the left.
        assert summary["x"] >= fields["x"] + fields["width"]
        assert abs(summary["y"] - fields["y"]) < 1
        assert button["x"] == fields["x"] and button["y"] >= fields["y"] + fields["height"]
    visitor.snap("layout")


def style(visitor, element, *properties):
    return [
        visitor.driver.execute_script(
            "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", element, name
        )
        for name in properties
    ]


def test_a_field_with_an_error_has_a_bar_beside_it_and_a_tinted_bordered_input(desktop_visitor):
    visitor = desktop_visitor
    reach_checkout(visitor)
    visitor.find("#id_email").send_keys("somchai@example.org")
    visitor.click(visitor.find(".checkout__submit"))
    visitor.wait_for(lambda: visitor.find_all(".field-error"))

    name = visitor.find("#id_name")
    wrapper = name.find_element("xpath", "..")
    assert style(visitor, wrapper, "border-left-width", "border-left-color") == ["4px", ERROR_RED]
    width, colour, background = style(
        visitor, name, "border-top-width", "border-top-color", "background-color"
    )
    assert (width, colour) == ("2px", ERROR_RED) and background != WHITE

    email = visitor.find("#id_email")  # valid: not marked
    assert style(visitor, email.find_element("xpath", ".."), "border-left-width") == ["0px"]
    assert style(visitor, email, "background-color") == [WHITE]
    visitor.snap("errors")
