"""Giving in a real browser: the header's Donate button, the Donate page, the confirmation step,
a monthly gift through (stubbed) Stripe and its signed webhook events, a one-time gift through
the cart, at phone and desktop sizes, with and without JavaScript, and axe on every giving page.

No network: Stripe's Checkout Session is stubbed at the SDK call and sends the donor straight
back, as if they had paid; its events are signed here with a test secret, as Stripe signs them.
"""

import hashlib
import hmac
import json
import time
import urllib.request
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.utils import timezone

from shop.models import GiftImpact, MonthlyGift, MonthlyGiftPayment
from tests.e2e.content import build_site

pytestmark = pytest.mark.django_db(transaction=True)
WEBHOOK_SECRET = "whsec_test_e2e"
HEADER_DONATE = ".site-header .site-header__donate"
IN_VIEW = (
    "const r = arguments[0].getBoundingClientRect();"
    "return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0"
    " && r.bottom <= window.innerHeight && r.right <= window.innerWidth;"
)


@pytest.fixture(autouse=True)
def suggested_gifts():
    """What each suggested amount pays for, as staff wrote it (a flush between browser tests
    removes the lines the migration adds, so each test puts them back)."""
    for amount, text in {
        "25": "A month of school transport for one child in the hills",
        "50": "Uniform, shoes and books for a child starting the school year",
        "100": "A term of after-school tutoring and a meal each evening",
    }.items():
        GiftImpact.objects.get_or_create(amount=Decimal(amount), defaults={"text": text})


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def stripe_backend(settings, monkeypatch):
    """Stripe as the backend; its payment page "paid" at once: the donor is sent straight back."""
    settings.PAYMENT_BACKEND = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_e2e"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    sessions = []

    def create(**kwargs):
        sessions.append(kwargs)
        return {"id": f"cs_test_e2e_{len(sessions)}", "url": kwargs["success_url"]}

    monkeypatch.setattr(stripe.checkout.Session, "create", create)
    return sessions


def deliver(live_server, event):
    """POST `event` to the webhook, signed as Stripe signs it (HMAC-SHA256 of "t.body")."""
    body = json.dumps(event)
    timestamp = int(time.time())
    signature = hmac.new(
        WEBHOOK_SECRET.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256
    ).hexdigest()
    request = urllib.request.Request(
        live_server.url + "/shop/stripe/webhook/",
        data=body.encode(),
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": f"t={timestamp},v1={signature}",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def choose(visitor, css):
    """Pick a choice card: its radio is visually hidden inside the label, so click the label."""
    visitor.click(visitor.find(css))


def test_donor_sets_up_a_monthly_gift_from_the_header_donate_button(
    visitor, site, stripe_backend, live_server
):
    mail.outbox.clear()
    visitor.go("/")
    donate = visitor.find(HEADER_DONATE)
    assert donate.text == "Donate"
    assert visitor.driver.execute_script(IN_VIEW, donate), "Donate is below the fold"
    visitor.snap("header")
    donate.click()  # no scrolling: it is in view
    visitor.wait_for(lambda: visitor.path == "/donate/")
    assert visitor.text("h1") == "Give to keep a child in school"
    visitor.snap("donate")

    choose(visitor, "label.gift-toggle:has(input[value=monthly])")
    choose(visitor, "label.gift-amount:has(input[value='50'])")
    assert visitor.find("input[name=frequency][value=monthly]").is_selected()
    assert visitor.find("input[name=amount][value='50']").is_selected()
    assert "Uniform, shoes and books" in visitor.text("label.gift-amount:has(input[value='50'])")
    visitor.snap("monthly-chosen")
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for(lambda: visitor.path.startswith("/donate/confirm/"))
    assert visitor.text("h1") == "Confirm your monthly gift of $50"
    assert "Stripe's secure page" in visitor.text("main")
    visitor.snap("confirm")

    visitor.click(visitor.find(".gift-confirm__button"))
    visitor.wait_for(lambda: visitor.path.startswith("/donate/monthly/"))
    assert visitor.path.endswith("?started=1")
    assert visitor.text("h1") == "Thank you! We are confirming your monthly gift"
    assert "$50 a month" in visitor.text("main")
    visitor.snap("confirming")

    gift = MonthlyGift.objects.get()
    assert gift.status == MonthlyGift.Status.PENDING and gift.amount == Decimal("50")
    assert visitor.path == f"{gift.get_absolute_url()}?started=1"
    [session] = stripe_backend
    assert session["mode"] == "subscription"
    assert session["client_reference_id"] == gift.token
    [item] = session["line_items"]
    assert item["quantity"] == 1
    assert item["price_data"]["unit_amount"] == 5000
    assert item["price_data"]["currency"] == "usd"
    assert item["price_data"]["recurring"] == {"interval": "month"}

    email, name = "ploy@example.org", "Ploy Srisuk"
    completed = {
        "id": "evt_test_e2e_completed",
        "object": "event",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": "cs_test_e2e_1",
                "object": "checkout.session",
                "mode": "subscription",
                "client_reference_id": gift.token,
                "metadata": {"monthly_gift": gift.token},
                "customer": "cus_test_e2e",
                "subscription": "sub_test_e2e",
                "payment_status": "paid",
                "customer_details": {"email": email, "name": name},
            }
        },
    }
    paid = {
        "id": "evt_test_e2e_invoice",
        "object": "event",
        "type": "invoice.paid",
        "data": {
            "object": {
                "id": "in_test_e2e_1",
                "object": "invoice",
                "customer": "cus_test_e2e",
                "customer_email": email,
                "amount_paid": 5000,
                "currency": "usd",
                "status": "paid",
                "status_transitions": {"paid_at": int(time.time())},
                "parent": {
                    "type": "subscription_details",
                    "subscription_details": {
                        "subscription": "sub_test_e2e",
                        "metadata": {"monthly_gift": gift.token},
                    },
                },
            }
        },
    }
    assert deliver(live_server, completed) == "handled"
    assert deliver(live_server, paid) == "handled"

    visitor.driver.refresh()
    visitor.wait_for_text("h1", "Your monthly gift is set up")
    assert visitor.text("h1") == f"Thank you, {name}! Your monthly gift is set up"
    page = visitor.text("main")
    assert "$50 every month" in page and email in page
    assert "$50.00" in visitor.text(".order-table")  # the first month, received
    assert visitor.find(".monthly-gift__manage button").text == "Change your card or cancel"
    visitor.snap("thank-you")

    gift.refresh_from_db()
    assert gift.status == MonthlyGift.Status.ACTIVE
    assert gift.stripe_customer_id == "cus_test_e2e"
    assert gift.stripe_subscription_id == "sub_test_e2e"
    receipts = [message for message in mail.outbox if message.to == [email]]
    assert len(receipts) == 1 and len(mail.outbox) == 1
    assert "$50.00" in receipts[0].body and gift.get_absolute_url() in receipts[0].body


def test_donor_without_javascript_gives_25_once_through_checkout(
    visitor_without_js, site, settings
):
    visitor = visitor_without_js
    mail.outbox.clear()
    visitor.go("/")
    donate = visitor.find(HEADER_DONATE)
    assert visitor.driver.execute_script(IN_VIEW, donate), "Donate is below the fold"
    visitor.snap("header")
    donate.click()
    visitor.wait_for(lambda: visitor.path == "/donate/")
    visitor.snap("donate")

    choose(visitor, "label.gift-amount:has(input[value='25'])")
    assert visitor.find("input[name=amount][value='25']").is_selected()
    assert visitor.find("input[name=frequency][value=once]").is_selected()
    visitor.snap("amount-chosen")
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for(lambda: visitor.path.startswith("/donate/confirm/"))
    assert visitor.text("h1") == "Confirm your gift of $25"
    visitor.snap("confirm")

    visitor.click(visitor.find(".gift-confirm__button"))
    visitor.wait_for(lambda: visitor.path == "/cart/")
    page = visitor.text("main")
    assert "Your cart is empty" not in page
    assert "Your gift: $25.00" in page and "$25.00" in visitor.text(".cart-totals")
    visitor.snap("cart")

    visitor.click(visitor.link("Proceed to checkout"))
    visitor.wait_for(lambda: visitor.path == "/checkout/")
    assert "Your gift" in visitor.text(".checkout__summary")
    assert not visitor.find_all("#id_address_line1")  # a gift alone is not posted anywhere
    visitor.find("#id_name").send_keys("Anong Donor")
    visitor.find("#id_email").send_keys("anong@example.org")
    visitor.click(visitor.find("#id_consent"))
    visitor.snap("checkout")
    visitor.click(visitor.find(".checkout__submit"))
    visitor.wait_for(lambda: visitor.path.startswith("/orders/"))
    page = visitor.text("main")
    assert "Thank you, Anong Donor!" in page
    assert "Your gift" in page and "$25.00" in page
    assert "How to pay" in page
    for detail in (settings.BANK_ACCOUNT_NAME, settings.BANK_ACCOUNT_NUMBER, settings.BANK_NAME):
        assert detail in page
    visitor.snap("order")
    receipts = [message for message in mail.outbox if message.to == ["anong@example.org"]]
    assert len(receipts) == 1 and "Gift to The Freedom Story: $25.00" in receipts[0].body


def test_with_javascript_a_gift_once_goes_straight_to_the_cart_and_a_bad_amount_is_said_in_place(
    visitor,
):
    visitor.go("/donate/")
    visitor.driver.execute_script("window.__stillTheSamePage = true;")
    visitor.find("#other-amount").send_keys("abc")
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for_text("[data-donation-status]", "Enter an amount as a number, like 25.")
    assert visitor.path == "/donate/"
    assert visitor.driver.execute_script("return window.__stillTheSamePage === true;")
    assert not visitor.find_all("input[name=amount]:checked")  # typing cleared the suggestion
    visitor.snap("error")

    choose(visitor, "label.gift-amount:has(input[value='25'])")
    assert visitor.find("#other-amount").get_attribute("value") == ""  # and choosing clears it
    assert visitor.text("[data-donation-status]") == ""  # so does what was said about it
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for(lambda: visitor.path == "/cart/")  # no confirmation step
    page = visitor.text("main")
    assert "Your cart is empty" not in page and "Your gift: $25.00" in page
    visitor.snap("cart")

    # Back on the Donate page (as the browser kept it), the donor can still change their mind.
    visitor.driver.back()
    visitor.wait_for(lambda: visitor.path == "/donate/")
    assert visitor.find(".gift-chooser__submit").is_enabled()
    choose(visitor, "label.gift-amount:has(input[value='100'])")
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for(lambda: visitor.path == "/cart/")
    assert "Your gift: $100.00" in visitor.text("main")


def test_axe_finds_no_serious_or_critical_violation_on_the_giving_pages(visitor, settings):
    now = timezone.now()
    pending = MonthlyGift.objects.create(
        amount=Decimal("50"), currency="USD", status=MonthlyGift.Status.PENDING
    )
    active = MonthlyGift.objects.create(
        amount=Decimal("50"),
        currency="USD",
        status=MonthlyGift.Status.ACTIVE,
        email="ploy@example.org",
        name="Ploy Srisuk",
        stripe_customer_id="cus_test_e2e",
        stripe_subscription_id="sub_test_e2e",
        started_at=now - timedelta(days=31),
    )
    for months_ago in (1, 0):
        MonthlyGiftPayment.objects.create(
            gift=active,
            invoice_id=f"in_test_e2e_{months_ago}",
            amount=Decimal("50"),
            paid_at=now - timedelta(days=31 * months_ago),
        )
    cancelled = MonthlyGift.objects.create(
        amount=Decimal("25"),
        currency="USD",
        status=MonthlyGift.Status.CANCELLED,
        email="somchai@example.org",
        cancelled_at=now,
    )
    offline_pages = {
        "donate": "/donate/",
        "donate with an error": "/donate/confirm/?amount=&other_amount=abc",
        "confirm once": "/donate/confirm/?amount=25&frequency=once",
        "standing order": "/donate/confirm/?amount=50&frequency=monthly",
    }
    stripe_pages = {
        "confirm monthly": "/donate/confirm/?amount=50&frequency=monthly",
        "monthly gift (confirming)": f"{pending.get_absolute_url()}?started=1",
        "monthly gift (not set up)": f"{pending.get_absolute_url()}?cancelled=1",
        "monthly gift (active)": active.get_absolute_url(),
        "monthly gift (ended)": cancelled.get_absolute_url(),
    }
    failures = {}
    texts = {}
    for name, path in offline_pages.items():
        visitor.go(path)
        texts[name] = visitor.text("h1")
        failures[name] = visitor.axe_violations(name)
    settings.PAYMENT_BACKEND = "stripe"
    for name, path in stripe_pages.items():
        visitor.go(path)
        texts[name] = visitor.text("h1")
        failures[name] = visitor.axe_violations(name)
    visitor.go("/donate/")  # the error said in place by the script
    visitor.find("#other-amount").send_keys("abc")
    visitor.click(visitor.find(".gift-chooser__submit"))
    visitor.wait_for_text("[data-donation-status]", "Enter an amount")
    failures["donate, error said in place"] = visitor.axe_violations("donate, error in place")
    # Each page is the one meant (a 404 would pass axe too).
    assert texts == {
        "donate": "Give to keep a child in school",
        "donate with an error": "Give to keep a child in school",
        "confirm once": "Confirm your gift of $25",
        "standing order": "Give $50 every month by standing order",
        "confirm monthly": "Confirm your monthly gift of $50",
        "monthly gift (confirming)": "Thank you! We are confirming your monthly gift",
        "monthly gift (not set up)": "Your monthly gift of $50 is not set up yet",
        "monthly gift (active)": "Thank you, Ploy Srisuk! Your monthly gift is set up",
        "monthly gift (ended)": "Your monthly gift has ended",
    }
    assert {name: found for name, found in failures.items() if found} == {}


def test_the_giving_pages_do_not_scroll_sideways_at_360_pixels(desktop_visitor):
    visitor = desktop_visitor
    gift = MonthlyGift.objects.create(amount=Decimal("1000"), currency="USD", email="a@example.org")
    visitor.driver.set_window_size(360, 740)
    width = visitor.driver.execute_script("return document.documentElement.clientWidth")
    for path in (
        "/donate/",
        "/donate/confirm/?amount=&other_amount=abc",
        "/donate/confirm/?amount=2500&frequency=once",
        "/donate/confirm/?amount=2500&frequency=monthly",  # the standing order's bank details
        f"{gift.get_absolute_url()}?started=1",
    ):
        visitor.go(path)
        scroll_width = visitor.driver.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways: {scroll_width} > {width}"
