"""A request the site cannot read answers 400 with a short page, never a 500: a NUL character
in an address, a query or a form (PostgreSQL cannot store or compare one, so every lookup by it
was a 500), and a form body in a charset that is not UTF-8 (Django's own 400 page read the form
again and failed)."""

import pytest
from django.db import connection
from django.test import Client

from shop.models import Order
from tests.news.factories import make_post
from tests.shop.factories import make_product
from tests.shop.order_factories import DONOR, client_with_cart

pytestmark = pytest.mark.django_db

REFUSED = "We couldn't read that request"

# Each reaches a database lookup with the NUL in it.
ADDRESSES_WITH_NUL = [
    "/news/search/?q=school%00",
    "/news/search/?q%00=school",
    "/orders/abc%00def/",
    "/orders/abc%00def/pay/",
    "/news/a%00b/",
    "/shop/a%00b/",
    "/donate/monthly/abc%00/",
    "/about%00/",
    "/news/?page=2%00",
]


def bare_client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("address", ADDRESSES_WITH_NUL)
def test_a_nul_in_an_address_or_query_answers_400_with_the_sites_page(address):
    response = bare_client().get(address)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


@pytest.mark.postgres
@pytest.mark.parametrize("address", ADDRESSES_WITH_NUL)
def test_on_postgresql_a_nul_in_an_address_reaches_no_lookup(address):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run in CI with DATABASE_URL)")
    make_post("School news")
    assert bare_client().get(address).status_code == 400


def test_a_nul_in_a_form_field_answers_400_and_places_no_order(client):
    client_with_cart(client, [(make_product("Shirt"), 1)])
    response = client.post("/checkout/", DONOR | {"name": "Somchai\x00"})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not Order.objects.exists()


def test_a_nul_in_a_monthly_gifts_attempt_token_answers_400(client, settings):
    settings.PAYMENT_BACKEND = "stripe"
    response = client.post("/donate/monthly/", {"donation_amount": "25", "attempt": "a\x00b"})
    assert response.status_code == 400


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "latin-1", "rot13", "shift_jis"])
@pytest.mark.parametrize("address", ["/checkout/", "/cart/add/", "/contact/", "/admin/login/"])
def test_a_form_body_declared_in_another_charset_answers_400(address, charset):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    body = f"csrfmiddlewaretoken={'a' * 32}&name=Somchai&product=1".encode("utf-16")
    response = client.generic(
        "POST",
        address,
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_a_form_body_in_an_unknown_charset_is_read_as_utf8_and_refused_when_it_is_not():
    """Django ignores a charset Python does not know; UTF-16 read as UTF-8 is full of NULs."""
    response = bare_client().generic(
        "POST",
        "/cart/add/",
        "product=1&quantity=1".encode("utf-16"),
        content_type="application/x-www-form-urlencoded; charset=x-no-such-charset",
    )
    assert response.status_code == 400


def test_a_broken_multipart_body_answers_400():
    response = bare_client().generic(
        "POST",
        "/cart/add/",
        b"--edge\r\nContent-Disposition: form-data; name=product\r\n\r\n1",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400


def test_a_readable_form_in_utf8_still_reaches_the_view(client):
    shirt = make_product("Shirt")
    response = client.post(
        "/cart/add/",
        f"product={shirt.pk}&quantity=1".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302
