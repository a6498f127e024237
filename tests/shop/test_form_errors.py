"""A field with an error is marked as a whole (its wrapper) and at its input, not only by red
words under it: on checkout and on the gift form. (What the marks look like, and that they pass
axe, is checked in a browser: tests/e2e/test_checkout_page.py.)"""

import re

import pytest
from django.template.loader import render_to_string

from shop.forms.cart import DonationForm
from tests.shop.factories import make_product
from tests.shop.order_factories import DONOR, client_with_cart

pytestmark = pytest.mark.django_db


def wrapper_classes(page, field_id):
    """The class of the wrapper around the label for `field_id`, and its input's opening tag."""
    found = re.search(
        rf'<div class="([^"]*)">\s*(?:<input[^>]*>\s*)?<label for="{field_id}"', page, re.S
    )
    return found.group(1).split() if found else None


def control(page, field_id):
    return re.search(rf'<(?:input|textarea)[^>]*id="{field_id}"[^>]*>', page).group(0)


def test_checkout_marks_the_fields_with_errors_and_only_those(client):
    client_with_cart(client, [(make_product("Shirt"), 1)])
    posted = DONOR | {"name": "", "note": "x" * 1001}
    del posted["consent"]
    page = client.post("/checkout/", posted).content.decode()
    marked = {
        "id_name": ["field", "field--error"],
        "id_note": ["field", "field--error"],
        "id_consent": ["field", "field--checkbox", "field--error"],
    }
    for field_id, classes in marked.items():
        assert wrapper_classes(page, field_id) == classes, field_id
        assert 'aria-invalid="true"' in control(page, field_id), field_id
    for field_id in ("id_email", "id_city"):
        assert wrapper_classes(page, field_id) == ["field"], field_id
        assert "aria-invalid" not in control(page, field_id), field_id


def test_an_untouched_checkout_marks_nothing(client):
    client_with_cart(client, [(make_product("Shirt"), 1)])
    page = client.get("/checkout/").content.decode()
    assert "field--error" not in page and "aria-invalid" not in page


def render_gift_form(data=None):
    return render_to_string(
        "shop/includes/donation_form.html", {"donation_form": DonationForm(data), "next": "/"}
    )


def test_the_gift_form_marks_an_amount_it_refused():
    page = render_gift_form({"amount": "0"})
    assert wrapper_classes(page, "id_amount") == ["field", "field--error"]
    assert 'aria-invalid="true"' in control(page, "id_amount")
    assert 'aria-describedby="donation-help donation-error"' in control(page, "id_amount")


def test_the_gift_form_marks_nothing_before_an_error():
    page = render_gift_form()
    assert wrapper_classes(page, "id_amount") == ["field"]
    assert "aria-invalid" not in control(page, "id_amount")
