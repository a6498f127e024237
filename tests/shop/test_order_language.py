"""The donor in their language: an order (and a monthly gift) remembers the language it was
placed in, and every e-mail to the donor, Stripe's payment page and its way back speak it,
whoever sets the order moving later (an English admin, Stripe's webhook, the expiry job)."""

from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from shop import monthly, order_states
from shop.models import MonthlyGift, Order
from tests.shop.factories import make_gift, make_product
from tests.shop.order_factories import DONOR, client_with_cart, make_order
from tests.shop.stripe_events import stripe_keys  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.django_db,
]


@pytest.fixture
def stripe_pages(settings, stripe_keys, monkeypatch):  # noqa: F811
    """Stripe by card, its Checkout Session API stubbed: what each page was opened with."""
    settings.PAYMENT_BACKEND = "stripe"
    opened = []

    def create(**kwargs):
        opened.append(kwargs)
        return {"id": f"cs_test_{len(opened)}", "url": f"https://stripe.test/{len(opened)}"}

    monkeypatch.setattr(stripe.checkout.Session, "create", create)
    return opened


def checkout(client, address, django_capture_on_commit_callbacks):
    client_with_cart(client, [(make_product("Shirt", price=Decimal("20.00")), 1)], Decimal("5"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address, DONOR)
    return response, Order.objects.get()


def thai_order(**kwargs):
    with translation.override("th"):
        return make_order(**kwargs)


def test_an_order_remembers_the_language_of_the_address_it_was_placed_at(
    client, django_capture_on_commit_callbacks
):
    response, order = checkout(client, "/th/checkout/", django_capture_on_commit_callbacks)
    assert order.language == "th"
    assert response["Location"] == f"/th/orders/{order.token}/"
    Order.objects.all().delete()
    _, english = checkout(client, "/checkout/", django_capture_on_commit_callbacks)
    assert english.language == "en"


def test_a_thai_checkouts_receipt_is_thai_with_a_thai_order_link_and_staff_read_english(
    client, django_capture_on_commit_callbacks
):
    _, order = checkout(client, "/th/checkout/", django_capture_on_commit_callbacks)
    receipt, notice = mail.outbox
    assert receipt.subject == f"คำสั่งซื้อ {order.number} ของคุณ – The Freedom Story"
    html = receipt.alternatives[0][0]
    for part in (receipt.body, html):
        assert f"/th/orders/{order.token}/" in part
        assert "รอชำระเงิน" in part  # the order's status
        assert "กรุณาโอนเงินตามจำนวนด้านล่างเข้าบัญชีของเรา" in part  # how to pay
        assert "เงินบริจาคให้ The Freedom Story" in part  # the gift's line
    assert notice.subject == f"New order {order.number} from {DONOR['name']}"
    assert "Pending payment" in notice.body and "/th/" not in notice.body


def test_a_thai_order_is_paid_and_shipped_from_the_english_admin_and_hears_of_it_in_thai(
    admin_client, django_capture_on_commit_callbacks
):
    order = thai_order()
    mail.outbox.clear()
    for action in ("mark_paid", "mark_fulfilled"):
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(
                reverse("admin:shop_order_changelist"),
                {"action": action, "_selected_action": [order.pk]},
            )
    paid, shipped = mail.outbox
    assert paid.subject == f"เราได้รับการชำระเงินสำหรับคำสั่งซื้อ {order.number} แล้ว – The Freedom Story"
    assert "เราจะจัดส่งสินค้าไปยังที่อยู่ที่คุณให้ไว้" in paid.body
    assert shipped.subject == f"คำสั่งซื้อ {order.number} ของคุณอยู่ระหว่างจัดส่ง – The Freedom Story"
    for message in (paid, shipped):
        assert f"/th/orders/{order.token}/" in message.body
    # The admin itself still answered in English.
    assert translation.get_language() == "en"


def test_an_expired_thai_order_is_told_in_thai_how_long_it_had(django_capture_on_commit_callbacks):
    order = thai_order()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_states.transition(order, "expire", by="Automatic expiry")
    (cancelled,) = mail.outbox
    assert cancelled.subject == f"คำสั่งซื้อ {order.number} ของคุณถูกยกเลิกแล้ว – The Freedom Story"
    assert "72 ชั่วโมง" in cancelled.body


def test_an_english_order_still_hears_in_english_when_thai_is_active(
    django_capture_on_commit_callbacks,
):
    order = make_order()
    mail.outbox.clear()
    with translation.override("th"), django_capture_on_commit_callbacks(execute=True):
        order_states.transition(order, "mark_paid")
    (paid,) = mail.outbox
    assert paid.subject == f"Payment received for order {order.number} – The Freedom Story"
    assert f"/orders/{order.token}/" in paid.body and "/th/" not in paid.body


def test_stripe_opens_in_thai_for_a_thai_order_and_sends_the_donor_back_to_thai_pages(
    client, stripe_pages, django_capture_on_commit_callbacks
):
    _, order = checkout(client, "/th/checkout/", django_capture_on_commit_callbacks)
    (page,) = stripe_pages
    assert page["locale"] == "th"
    assert page["success_url"] == f"http://testserver/th/orders/{order.token}/?paid=1"
    assert page["cancel_url"] == f"http://testserver/th/orders/{order.token}/?cancelled=1"
    gift_line = page["line_items"][-1]["price_data"]["product_data"]["name"]
    assert gift_line == "เงินบริจาคให้ The Freedom Story"


def test_stripe_opens_in_english_for_an_english_order_even_from_a_thai_page(
    client, stripe_pages, django_capture_on_commit_callbacks
):
    _, order = checkout(client, "/checkout/", django_capture_on_commit_callbacks)
    Order.objects.filter(pk=order.pk).update(payment_reference="")
    client.post(f"/th/orders/{order.token}/pay/")  # "Pay now" on the order's Thai page
    for page in stripe_pages:
        assert page["locale"] == "en"
        assert page["success_url"] == f"http://testserver/orders/{order.token}/?paid=1"


def test_a_monthly_gift_begun_in_thai_opens_stripe_in_thai_and_remembers_it(client, stripe_pages):
    response = client.post("/th/donate/monthly/", {"amount": "25", "attempt": "a" * 32})
    gift = MonthlyGift.objects.get()
    assert response["Location"] == "https://stripe.test/1"
    assert gift.language == "th"
    (page,) = stripe_pages
    assert page["locale"] == "th"
    assert page["success_url"] == f"http://testserver/th/donate/monthly/{gift.token}/?started=1"
    name = page["line_items"][0]["price_data"]["product_data"]["name"]
    assert name == "บริจาครายเดือนให้ The Freedom Story"


def test_a_thai_monthly_gifts_receipt_is_thai(django_capture_on_commit_callbacks):
    gift = make_gift(email="donor@example.org", language="th")
    with django_capture_on_commit_callbacks(execute=True):
        monthly.record_payment(gift, "in_1", Decimal("25"), timezone.now())
    (receipt,) = mail.outbox
    assert receipt.subject == "ใบเสร็จการบริจาครายเดือนของคุณ – The Freedom Story"
    assert f"/th/donate/monthly/{gift.token}/" in receipt.body


def test_staff_hear_of_a_thai_checkouts_unpaid_holds_in_english(
    client, django_capture_on_commit_callbacks
):
    tote = make_product("Tote bag", price=Decimal("15.00"), stock=4)
    type(tote).objects.filter(pk=tote.pk).update(name_th="กระเป๋าผ้า")
    client_with_cart(client, [(tote, 3)])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/th/checkout/", DONOR)
    alert = mail.outbox[-1]
    assert alert.subject == "Unpaid orders hold 3 of 4 “Tote bag”"
    assert Order.objects.get().lines.get().product_name == "กระเป๋าผ้า"  # as the donor saw it
