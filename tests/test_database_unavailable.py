"""With the database away (a restart, a dropped connection) visitors get 503 and the site's own
"back in a moment" page with Retry-After, never a 500, and nothing half-written stays behind."""

import socket

import pytest
from django.db import OperationalError, connection

from shop.models import Cart, Order
from tests.shop.factories import give_cart, lines_of, make_cart, make_product, stock_of
from tests.shop.order_factories import DONOR

UNAVAILABLE = "We will be back in a moment"


def _visitor(client):
    client.raise_request_exception = False  # answer as production does, not raise in the test
    return client


@pytest.mark.urls("tests.urls_unavailable")
@pytest.mark.parametrize("url", ["/refused/", "/closed/"])
def test_a_database_error_is_503_with_retry_after_and_the_sites_page(client, settings, url):
    """No django_db mark: a query while answering would be refused (a 500), so the page is
    shown without asking the database anything."""
    settings.DEBUG = False
    settings.DATABASE_RETRY_AFTER_SECONDS = 17
    response = _visitor(client).get(url)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "17"
    assert "no-store" in response["Cache-Control"]
    assert UNAVAILABLE in html and "Please try again in a moment." in html
    assert 'class="site-header"' in html and settings.SITE_NAME in html
    assert "cart_count" not in response.cookies and "sessionid" not in response.cookies


@pytest.mark.urls("tests.urls_unavailable")
def test_the_503_page_keeps_the_visitors_cart_count_and_the_charitys_footer(client, settings):
    """It says "your cart is as you left it": the header must not say 0 items, and the footer
    names the charity as every page does (from settings and the cookie alone)."""
    settings.DEBUG = False
    settings.CHARITY_REGISTRATION_NUMBER = "TH-0042"
    client.cookies[settings.CART_COUNT_COOKIE_NAME] = "3"
    html = _visitor(client).get("/refused/").content.decode()
    assert "3 items in cart" in html and "0 items in cart" not in html
    assert "Registered charity no. TH-0042" in html
    assert f'href="mailto:{settings.CONTACT_EMAIL}"' in html
    assert settings.SITE_TAGLINE in html


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_unavailable")
def test_a_bug_is_still_a_500_not_a_503(client, settings):
    settings.DEBUG = False
    response = _visitor(client).get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def unreachable_database(django_db_blocker, tmp_path):
    """The real connection pointed where no database is: a closed port for PostgreSQL, a file in
    a folder that does not exist for SQLite. Restored afterwards."""
    with django_db_blocker.unblock():
        saved = dict(connection.settings_dict)
        connection.close()
        if connection.vendor == "postgresql":
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
        else:
            connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


@pytest.mark.parametrize("url", ["/news/", "/shop/", "/cart/"])
def test_pages_answer_503_when_the_database_is_really_unreachable(
    client, settings, unreachable_database, url
):
    settings.DEBUG = False
    with pytest.raises(OperationalError):
        connection.ensure_connection()  # the database is really gone, not mocked
    visitor = _visitor(client)
    visitor.cookies["cart"] = "a-cart-the-site-cannot-look-up"
    response = visitor.get(url)
    assert response.status_code == 503, response.content[:500]
    assert response["Retry-After"] == str(settings.DATABASE_RETRY_AFTER_SECONDS)
    assert UNAVAILABLE in response.content.decode()


def _fail_on(fragment):
    """An execute wrapper: the connection drops just as a statement containing `fragment` goes."""

    def wrapper(execute, sql, params, many, context):
        if fragment in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db
def test_a_first_add_that_fails_midway_leaves_no_cart_and_no_cookie(client, settings):
    settings.DEBUG = False
    product = make_product(stock=5)
    # The cart row is written first, then the line: the line's statement fails.
    with connection.execute_wrapper(_fail_on("ON CONFLICT")):
        response = _visitor(client).post("/cart/add/", {"product": product.pk, "quantity": 2})
    assert response.status_code == 503
    assert not Cart.objects.exists()
    assert settings.CART_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_an_add_to_a_held_cart_that_fails_midway_leaves_the_cart_as_it_was(client, settings):
    settings.DEBUG = False
    shirt, bag = make_product("Shirt", stock=5), make_product("Bag", stock=5)
    cart = give_cart(_visitor(client), make_cart([(shirt, 1)]))
    updated_at = Cart.objects.get(pk=cart.pk).updated_at
    with connection.execute_wrapper(_fail_on("ON CONFLICT")):
        response = client.post("/cart/add/", {"product": bag.pk, "quantity": 2})
    assert response.status_code == 503
    assert lines_of(cart) == {"Shirt": 1}
    assert Cart.objects.get(pk=cart.pk).updated_at == updated_at


@pytest.mark.django_db
def test_a_checkout_that_fails_midway_keeps_stock_and_cart_and_stores_no_order(client, settings):
    settings.DEBUG = False
    shirt = make_product("Shirt", stock=5)
    cart = give_cart(_visitor(client), make_cart([(shirt, 2)]))
    # Stock is taken and the order row written before its lines: the lines' insert fails.
    with connection.execute_wrapper(_fail_on('INSERT INTO "shop_orderline"')):
        response = client.post("/checkout/", DONOR)
    assert response.status_code == 503
    assert not Order.objects.exists()
    assert stock_of(shirt) == 5
    cart.refresh_from_db()
    assert cart.status == Cart.Status.OPEN and lines_of(cart) == {"Shirt": 2}
    # Once the database is back, the same checkout goes through.
    assert client.post("/checkout/", DONOR).status_code == 302
    assert Order.objects.count() == 1 and stock_of(shirt) == 3
