"""Checkout: the form, order placement, stock, double submits, emails, the confirmation page."""

from decimal import Decimal

import pytest
from django.core import mail

from shop.checkout import CheckoutProblem, Donor, place_order
from shop.models import Cart, Order, Product
from tests.shop.factories import make_cart, make_product, set_stock, stock_of
from tests.shop.order_factories import DONOR, client_with_cart, make_order

pytestmark = pytest.mark.django_db


def test_checkout_with_an_empty_cart_sends_the_donor_back_to_the_cart(client):
    response = client.get("/checkout/")
    assert response.status_code == 302 and response["Location"] == "/cart/"
    response = client.post("/checkout/", DONOR, follow=True)
    assert "Your cart is empty" in response.content.decode()
    assert not Order.objects.exists()


def test_the_checkout_page_repeats_lines_gift_and_total_from_the_servers_prices(client):
    shirt = make_product("Shirt", price=Decimal("20.00"))
    client_with_cart(client, [(shirt, 2)], donation=Decimal("15"))
    html = client.get("/checkout/").content.decode()
    assert "2 × Shirt" in html and "$40.00" in html
    assert "Your gift</span><span>$15.00" in html
    assert "Place order · $55.00" in html
    assert 'name="address_line1"' in html


def test_a_gift_only_cart_asks_for_no_postal_address(client, django_capture_on_commit_callbacks):
    client_with_cart(client, [], donation=Decimal("30"))
    html = client.get("/checkout/").content.decode()
    assert 'name="address_line1"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/checkout/", {"name": "A", "email": "a@example.org", "consent": "on"}
        )
    order = Order.objects.get()
    assert response["Location"] == order.get_absolute_url()
    assert (order.total, order.donation_amount, order.address_line1) == (
        Decimal("30"),
        Decimal("30"),
        "",
    )


@pytest.mark.parametrize(
    "missing, message",
    [
        ("name", "Please tell us your name."),
        ("email", "Please give an email address for your receipt."),
        ("address_line1", "Please give your address: we post your order to it."),
        ("city", "Please give your town or city: we post your order to it."),
        ("consent", "Please agree to the privacy notice so we can handle your order."),
    ],
)
def test_missing_fields_are_named_and_no_order_is_made(client, missing, message):
    shirt = make_product("Shirt", stock=5)
    cart = client_with_cart(client, [(shirt, 1)])
    data = {k: v for k, v in DONOR.items() if k != missing}
    response = client.post("/checkout/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert not Order.objects.exists()
    cart.refresh_from_db()
    assert stock_of(shirt) == 5 and cart.is_open


def test_an_invalid_email_is_refused(client):
    client_with_cart(client, [(make_product(), 1)])
    response = client.post("/checkout/", DONOR | {"email": "not-an-email"})
    assert "Enter an email address like name@example.org." in response.content.decode()


def test_tampered_prices_and_totals_in_the_post_are_ignored(client):
    shirt = make_product("Shirt", price=Decimal("20.00"))
    client_with_cart(client, [(shirt, 2)])
    client.post("/checkout/", DONOR | {"total": "0.01", "price": "0.01", "unit_price": "1"})
    order = Order.objects.get()
    assert order.total == Decimal("40.00")
    assert order.lines.get().unit_price == Decimal("20.00")


def test_placing_an_order_snapshots_lines_takes_stock_and_submits_the_cart(
    client, django_capture_on_commit_callbacks
):
    shirt = make_product("Shirt", price=Decimal("20.00"), stock=5)
    book = make_product("Book", price=Decimal("15.00"), stock=None)
    cart = client_with_cart(client, [(shirt, 2), (book, 1)], donation=Decimal("25"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/checkout/", DONOR)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.token}/"
    assert order.number == f"FS-{10000 + order.pk}"
    assert order.status == Order.Status.PENDING_PAYMENT
    assert (order.merchandise_total, order.donation_amount, order.total) == (
        Decimal("55.00"),
        Decimal("25.00"),
        Decimal("80.00"),
    )
    assert [(line.product_name, line.unit_price, line.quantity) for line in order.lines.all()] == [
        ("Shirt", Decimal("20.00"), 2),
        ("Book", Decimal("15.00"), 1),
    ]
    cart.refresh_from_db()
    assert stock_of(shirt) == 3
    assert cart.status == Cart.Status.SUBMITTED
    assert response.cookies["cart_count"].value == "0"
    assert len(order.token) >= 40
    shirt.name, shirt.price = "Renamed", Decimal("99")
    shirt.save()
    assert order.lines.first().product_name == "Shirt"  # the snapshot does not follow the product


def test_a_double_submit_makes_one_order(client):
    cart = client_with_cart(client, [(make_product(stock=5), 1)])
    first = client.post("/checkout/", DONOR)
    client.cookies["cart"] = first.wsgi_request.COOKIES["cart"]  # the second click's cookies
    second = client.post("/checkout/", DONOR)
    assert Order.objects.count() == 1
    assert first["Location"] == second["Location"] == Order.objects.get().get_absolute_url()
    assert Order.objects.get().cart == cart


def test_place_order_twice_on_the_same_cart_returns_the_same_order():
    cart = make_cart([(make_product(stock=5), 1)])
    donor = Donor(name="A", email="a@example.org")
    assert place_order(cart, donor, "offline") == place_order(cart, donor, "offline")
    assert stock_of(Product.objects.get()) == 4


def test_a_line_that_changed_sends_the_donor_back_to_the_cart_with_a_message(client):
    shirt = make_product("Shirt", stock=5)
    client_with_cart(client, [(shirt, 1)])
    client.get("/checkout/")
    shirt.is_active = False
    shirt.save()
    response = client.post("/checkout/", DONOR, follow=True)
    assert response.redirect_chain == [("/cart/", 302)]
    assert "“Shirt” is no longer available" in response.content.decode()
    assert not Order.objects.exists()


def test_stock_never_goes_below_zero_and_a_failed_checkout_gives_back_what_it_took():
    first = make_product("First", stock=5)
    last = make_product("Last", stock=1)
    cart = make_cart([(first, 2), (last, 1)])
    set_stock(last, 0)  # someone else bought it meanwhile
    with pytest.raises(CheckoutProblem):
        place_order(cart, Donor(name="A", email="a@example.org"), "offline")
    assert stock_of(first) == 5
    assert not Order.objects.exists()


def test_receipt_and_staff_notice_are_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = make_order(donation=Decimal("10"))
        assert mail.outbox == []
    assert len(callbacks) == 4  # the two e-mails, the unpaid-holds review, retiring cached pages
    for callback in callbacks:
        callback()
    receipt, notice = mail.outbox
    assert receipt.to == ["somchai@example.org"]
    assert order.number in receipt.subject
    assert "2 × Shirt: $40.00" in receipt.body
    assert "Gift to The Freedom Story: $10.00" in receipt.body
    assert f"/orders/{order.token}/" in receipt.body
    assert "How to pay" in receipt.body
    html = receipt.alternatives[0][0]
    assert "See your order" in html and "Gift to The Freedom Story" in html
    assert notice.to == ["staff@example.org"] and "Size M please" in notice.body


def test_no_email_when_the_order_is_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        make_order()
        raise RuntimeError("something after placing failed")
    assert mail.outbox == []
    assert not Order.objects.exists()


def test_a_failing_mail_server_never_loses_the_order(
    django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order()
    assert Order.objects.filter(pk=order.pk).exists()


def test_the_confirmation_page_shows_the_order_only_with_its_token(client):
    order = make_order(donation=Decimal("10"))
    response = client.get(f"/orders/{order.token}/")
    html = response.content.decode()
    assert "Somchai Donor" in html and order.number in html
    assert '<th scope="row">Shirt</th><td>2</td>' in html
    assert "Your gift" in html and "$50.00" in html
    assert "Please transfer" in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in html
    for guess in (order.number, str(order.pk), order.token[:-1], order.token + "x", "x"):
        assert client.get(f"/orders/{guess}/").status_code == 404


def test_an_empty_post_gets_its_errors_not_a_blank_form(client):
    client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    response = client.post("/checkout/", {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please tell us your name." in html and "Please check the fields marked below." in html
    assert not Order.objects.exists()


def test_a_tampered_gift_amount_in_the_checkout_post_is_ignored(client):
    client_with_cart(client, [], donation=Decimal("30"))
    client.post(
        "/checkout/",
        {"name": "A", "email": "a@example.org", "consent": "on", "donation_amount": "0.01"},
    )
    order = Order.objects.get()
    assert (order.donation_amount, order.total) == (Decimal("30"), Decimal("30"))


def test_the_checkout_page_is_never_cached_and_has_one_h1(client):
    client_with_cart(client, [(make_product("Shirt"), 1)])
    response = client.get("/checkout/")
    assert "no-store" in response["Cache-Control"]
    assert response.content.decode().count("<h1") == 1


def test_the_confirmation_page_has_one_h1_and_escapes_what_the_donor_typed(client):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(name="<script>alert(1)</script>")
    html = client.get(f"/orders/{order.token}/").content.decode()
    assert html.count("<h1") == 1
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_the_html_receipt_escapes_what_the_donor_typed(django_capture_on_commit_callbacks):
    from shop.emails import send_order_receipt

    order = make_order()
    Order.objects.filter(pk=order.pk).update(name="<b>Bold</b>")
    send_order_receipt.call(order.pk)
    html = mail.outbox[-1].alternatives[0][0]
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "Dear <b>Bold</b>," in mail.outbox[-1].body  # plain text is not HTML-escaped


def test_the_order_summary_comes_after_the_fields_and_before_the_place_order_button(client):
    """A phone shows the page in document order: the donor sees what they pay for just before
    the button that commits them (a wide screen moves the summary beside the form with CSS)."""
    client_with_cart(client, [(make_product("Shirt"), 1)], donation=Decimal("5"))
    page = client.get("/checkout/").content.decode()
    markers = [
        '<form method="post" class="checkout__grid"',
        'name="consent"',
        'class="checkout__summary"',
        'class="checkout__payment-note"',
        'class="checkout__submit"',
        "</form>",
    ]
    positions = [page.index(marker) for marker in markers]
    assert positions == sorted(positions)
