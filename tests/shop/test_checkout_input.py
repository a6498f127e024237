"""What checkout accepts: no control characters in any field (a `Bcc:` through the name), and a
cart cookie from after checkout that opens its order only for CHECKED_OUT_CART_MINUTES."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from shop.models import Order
from tests.shop.factories import give_cart, make_product, stock_of
from tests.shop.order_factories import DONOR, client_with_cart

pytestmark = pytest.mark.django_db


def test_a_name_with_a_line_break_cannot_add_a_bcc_and_is_refused_by_name(
    client, django_capture_on_commit_callbacks
):
    shirt = make_product("Shirt", stock=5)
    cart = client_with_cart(client, [(shirt, 1)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/checkout/", DONOR | {"name": "Somchai\r\nBcc: everyone@example.net"}
        )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "Your full name holds a line break or another hidden character: please type it again "
        "on one line." in html
    )
    assert not Order.objects.exists() and mail.outbox == []
    cart.refresh_from_db()
    assert cart.is_open and stock_of(shirt) == 5


def test_a_valid_name_still_sends_the_staff_notice(client, django_capture_on_commit_callbacks):
    client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/checkout/", DONOR | {"name": "Somchai Donor-Smith"})
    assert response.status_code == 302
    assert [message.subject.split(" – ")[0] for message in mail.outbox] == [
        f"Your order {Order.objects.get().number}",
        f"New order {Order.objects.get().number} from Somchai Donor-Smith",
    ]


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "Somchai\x00"),
        ("name", "Som\tchai"),
        ("address_line1", "12 Moo 3\nBcc: x@example.net"),
        ("address_line2", "Flat\x1b[2J"),
        ("city", "Chiang\x85Rai"),  # C1: NEL
        ("postcode", "57000\x7f"),
        ("country", "Thai\x0bland"),
        ("email", "somchai@example.org\x00"),
        ("name", "Somchai\u2028Bcc: x@example.net"),  # Unicode's own line break
        ("name", "Somchai \u202enoD"),  # a right-to-left override: the staff notice lies
        ("city", "Chiang\u2029Rai"),  # and its paragraph break
    ],
)
def test_control_characters_are_refused_in_every_field(client, field, value):
    client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    response = client.post("/checkout/", DONOR | {field: value})
    html = response.content.decode()
    assert response.status_code == 400
    assert "holds a line break or another hidden character" in html
    assert f'id="id_{field}-error"' in html  # said at the field itself
    assert not Order.objects.exists()


def test_the_note_keeps_its_line_breaks_but_no_other_control_character(client):
    client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    refused = client.post("/checkout/", DONOR | {"note": "Size M\r\n\x07please"})
    assert refused.status_code == 400
    assert (
        "“A note for us” holds a hidden control character (line breaks are fine)"
        in refused.content.decode()
    )
    assert client.post("/checkout/", DONOR | {"note": "Size M\r\nplease"}).status_code == 302
    assert Order.objects.get().note == "Size M\r\nplease"


def test_the_donate_choice_refuses_control_characters_by_field(client):
    response = client.get("/donate/confirm/", {"other_amount": "2\r\n5", "frequency": "once"})
    assert response.status_code == 400
    assert "Your other amount holds a line break or another hidden character" in (
        response.content.decode()
    )


# --- The cart cookie after checkout ------------------------------------------------------------


def place_and_keep_the_cookie(client):
    """Check out, then send the same cart cookie again (a replay, or a second click)."""
    cart = client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    client.post("/checkout/", DONOR)
    give_cart(client, cart)
    return Order.objects.get()


def test_within_the_hour_the_old_cart_cookie_leads_to_the_order(client):
    order = place_and_keep_the_cookie(client)
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(minutes=59))
    response = client.get("/checkout/")
    assert response["Location"] == order.get_absolute_url()


def test_after_the_hour_the_old_cart_cookie_shows_no_order_and_only_the_token_works(client):
    order = place_and_keep_the_cookie(client)
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(minutes=61))
    response = client.get("/checkout/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/cart/", 302)]
    assert order.token not in html and "Somchai" not in html and "somchai@" not in html
    assert "Your cart is empty" in html
    assert client.get(order.get_absolute_url()).status_code == 200
