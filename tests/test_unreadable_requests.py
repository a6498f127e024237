"""A request the site cannot read answers 400 with a short page, never a 500: a NUL character
in an address or a query (PostgreSQL cannot store or compare one, so every lookup by it was a
500), and a form body in a charset that is not UTF-8 (Django's own 400 page read the form again
and failed). A NUL in a form's field is the form's to explain."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.client import encode_multipart

from freedomstory.core.badrequest import UnreadableRequestMiddleware
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


@pytest.mark.parametrize("field", ["name", "email", "address_line1", "note"])
def test_a_nul_in_a_checkout_field_is_refused_by_the_form_and_places_no_order(client, field):
    """The form says which field is wrong (on PostgreSQL too: the value is never stored)."""
    client_with_cart(client, [(make_product("Shirt"), 1)])
    response = client.post("/checkout/", DONOR | {field: DONOR[field] + "\x00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "holds a line break or another hidden character" in html or (
        "holds a hidden control character" in html
    )
    assert f'name="{field}"' in html and REFUSED not in html  # the form, not the bare 400 page
    assert not Order.objects.exists()


def test_the_400_page_keeps_the_visitors_cart_count_and_the_charitys_footer(settings):
    """Like the 500 and 503 pages: from settings and the cookie alone, never "0 items"."""
    settings.CHARITY_REGISTRATION_NUMBER = "TH-0042"
    client = bare_client()
    client.cookies[settings.CART_COUNT_COOKIE_NAME] = "3"
    html = client.get("/news/search/?q=school%00").content.decode()
    assert REFUSED in html
    assert "3 items in cart" in html and "0 items in cart" not in html
    assert "Registered charity no. TH-0042" in html and settings.SITE_TAGLINE in html


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


@pytest.mark.parametrize("charset", ["x-no-such-charset", "utf-16"])
@pytest.mark.parametrize("form_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_form_body_in_an_unknown_charset_or_a_multipart_one_not_utf8_answers_400(
    client, charset, form_type
):
    """Django reads an unknown charset as UTF-8, and a multipart body's fields in the charset
    declared: either way, nonsense reached the view."""
    shirt = make_product("Shirt")
    content = encode_multipart("edge", {"product": str(shirt.pk), "quantity": "1"})
    if form_type.startswith("application/"):
        content = f"product={shirt.pk}&quantity=1".encode()
    else:
        form_type += "; boundary=edge"
    response = client.generic(
        "POST", "/cart/add/", content, content_type=f"{form_type}; charset={charset}"
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_a_broken_multipart_body_answers_400():
    response = bare_client().generic(
        "POST",
        "/cart/add/",
        b"--edge\r\nContent-Disposition: form-data; name=product\r\n\r\n1",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_a_readable_form_in_utf8_still_reaches_the_view(client):
    shirt = make_product("Shirt")
    response = client.post(
        "/cart/add/",
        f"product={shirt.pk}&quantity=1".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302


def test_a_view_that_reads_its_own_body_still_can_after_a_form_was_posted_to_it(settings):
    """Stripe's webhook reads the raw bytes to verify them; a multipart body read as a form
    first could not be read again (a 500)."""
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    response = bare_client().post(
        "/shop/stripe/webhook/", {"a": "b"}, HTTP_STRIPE_SIGNATURE="t=1,v1=forged"
    )
    assert response.status_code == 400


# Cookies are sent quoted with an octal escape; Django's parser turns "\000" into a NUL.
COOKIES_WITH_NUL = 'sessionid="abcdefghij\\000k"; csrftoken="a\\000"; theme=dark'


def test_a_cookie_holding_a_nul_is_treated_as_absent_and_the_others_kept():
    seen = {}

    def view(request):
        seen.update(request.COOKIES)
        return HttpResponse()

    request = RequestFactory(HTTP_COOKIE=COOKIES_WITH_NUL).get("/")
    UnreadableRequestMiddleware(view)(request)
    assert seen == {"theme": "dark"}


@pytest.mark.postgres
@pytest.mark.parametrize(
    "address, title", [("/news/", "<title>News"), ("/admin/login/", "<title>Log in")]
)
def test_on_postgresql_a_session_cookie_holding_a_nul_still_gets_the_page(address, title):
    """The session key was looked up as it came: a 500 on every page for that visitor."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run in CI with DATABASE_URL)")
    response = Client(HTTP_COOKIE=COOKIES_WITH_NUL).get(address)
    assert response.status_code == 200 and title in response.content.decode()
