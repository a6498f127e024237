"""Monthly gifts: Stripe Checkout in subscription mode, the donor's page, the customer portal and
the admin (their Stripe events: test_monthly_gift_events.py). No network: the SDK calls are
stubbed."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from shop import monthly
from shop.models import MonthlyGift
from tests.shop.factories import make_gift
from tests.shop.stripe_events import stripe_keys  # noqa: F401  (a fixture)
from tests.signing_in import sign_in_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_keys")]
ATTEMPT = "attempt-token-0123456789abcdef"


@pytest.fixture
def by_card(settings):
    settings.PAYMENT_BACKEND = "stripe"


@pytest.fixture
def stripe_pages(monkeypatch):
    """Stripe's Checkout Session API, stubbed: records what was asked, pages stay open."""
    made = []

    def create(**kwargs):
        session = {"id": f"cs_test_{len(made) + 1}", "url": f"https://stripe.test/{len(made) + 1}"}
        made.append(kwargs)
        return session

    def retrieve(session_id, **kwargs):
        return {"id": session_id, "status": "open", "url": f"https://stripe.test/{session_id}"}

    monkeypatch.setattr(stripe.checkout.Session, "create", create)
    monkeypatch.setattr(stripe.checkout.Session, "retrieve", retrieve)
    return made


# --- Starting a monthly gift ---------------------------------------------------------------------


def test_confirming_a_monthly_gift_by_card_shows_what_will_happen(client, by_card):
    html = client.get("/donate/confirm/", {"amount": "50", "frequency": "monthly"}).content
    html = html.decode()
    assert "<h1>Confirm your monthly gift of $50</h1>" in html
    assert 'action="/donate/monthly/"' in html
    assert 'name="attempt" value="' in html
    assert "Confirm your monthly gift of $50</button>" in html
    assert "change your card or cancel at any time" in html
    assert not MonthlyGift.objects.exists()


def test_a_monthly_gift_opens_stripe_checkout_in_subscription_mode_with_a_price_from_the_amount(
    client, by_card, stripe_pages
):
    response = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT})
    assert response.status_code == 302 and response["Location"] == "https://stripe.test/1"
    gift = MonthlyGift.objects.get()
    assert (gift.token, gift.amount, gift.status) == (ATTEMPT, Decimal("50"), "pending")
    assert gift.checkout_session_id == "cs_test_1"
    sent = stripe_pages[0]
    assert sent["mode"] == "subscription"
    assert sent["line_items"] == [
        {
            "price_data": {
                "currency": "usd",
                "unit_amount": 5000,
                "recurring": {"interval": "month"},
                "product_data": {"name": "Monthly gift to The Freedom Story"},
            },
            "quantity": 1,
        }
    ]
    assert sent["client_reference_id"] == ATTEMPT
    assert sent["subscription_data"] == {"metadata": {"monthly_gift": ATTEMPT}}
    assert sent["success_url"] == f"http://testserver/donate/monthly/{ATTEMPT}/?started=1"
    assert sent["cancel_url"] == f"http://testserver/donate/monthly/{ATTEMPT}/?cancelled=1"
    # The page closes after an hour, so a gift never set up can be cleared soon.
    assert 55 * 60 < sent["expires_at"] - time.time() <= 60 * 60


def test_a_double_click_finds_the_same_gift_and_the_same_open_payment_page(
    client, by_card, stripe_pages
):
    first = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT})
    second = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT})
    assert MonthlyGift.objects.count() == 1
    assert len(stripe_pages) == 1
    assert first["Location"] == "https://stripe.test/1"
    assert second["Location"] == "https://stripe.test/cs_test_1"  # the open page, again


def test_an_attempt_can_never_change_a_gift_already_made(client, by_card, stripe_pages):
    client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT})
    client.post("/donate/monthly/", {"amount": "5000", "attempt": ATTEMPT})
    amounts = sorted(MonthlyGift.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("50"), Decimal("5000")]
    assert MonthlyGift.objects.get(token=ATTEMPT).amount == Decimal("50")


def test_a_malformed_attempt_is_not_used_as_the_gifts_secret(client, by_card, stripe_pages):
    client.post("/donate/monthly/", {"amount": "50", "attempt": "short"})
    assert MonthlyGift.objects.get().token != "short"


@pytest.mark.parametrize(
    "amount, message",
    [("0", "A gift starts at $1.00."), ("20000", "please contact us"), ("x", "as a number")],
)
def test_a_monthly_amount_outside_the_gift_rule_is_refused_before_stripe(
    client, by_card, stripe_pages, amount, message
):
    response = client.post("/donate/monthly/", {"amount": amount, "attempt": ATTEMPT}, follow=True)
    assert response.redirect_chain[-1][0] == "/donate/"
    assert message in response.content.decode()
    assert not MonthlyGift.objects.exists() and not stripe_pages


def test_the_service_applies_the_same_gift_rule_as_the_cart(settings):
    settings.DONATION_MAX = Decimal("100")
    with pytest.raises(monthly.GiftRefused):
        monthly.begin(Decimal("101"), ATTEMPT)
    assert not MonthlyGift.objects.exists()


def test_when_stripe_fails_nothing_is_charged_and_the_donor_can_try_again(
    client, by_card, monkeypatch
):
    def broken(**kwargs):
        raise stripe.APIConnectionError("network down")

    monkeypatch.setattr(stripe.checkout.Session, "create", broken)
    response = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT}, follow=True)
    assert response.redirect_chain[-1][0] == "/donate/confirm/?amount=50&frequency=monthly"
    assert "Nothing was charged: please try again." in response.content.decode()
    assert MonthlyGift.objects.get().status == "pending"


def test_a_gift_already_set_up_sends_a_second_click_to_its_page_not_to_stripe(
    client, by_card, stripe_pages
):
    gift = make_gift(token=ATTEMPT, status="active")
    response = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT})
    assert response["Location"] == gift.get_absolute_url()
    assert not stripe_pages


# --- The donor's page and the customer portal ----------------------------------------------------


def test_the_gift_page_thanks_an_active_donor_and_lists_what_they_gave(client):
    gift = make_gift(
        status="active", name="Malee", email="malee@example.org", stripe_customer_id="cus_1"
    )
    gift.payments.create(invoice_id="in_1", amount=Decimal("50"), paid_at=timezone.now())
    response = client.get(gift.get_absolute_url())
    html = response.content.decode()
    assert "Thank you, Malee! Your monthly gift is set up" in html
    assert "$50 every month" in html
    assert "Change your card or cancel" in html
    assert '<td class="order-table__money">$50.00</td>' in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "status, query, words",
    [
        ("pending", "?started=1", "We are confirming your monthly gift"),
        ("pending", "?cancelled=1", "You left Stripe's page before finishing."),
        ("past_due", "", "Your last monthly payment did not go through"),
        ("cancelled", "", "Your monthly gift has ended"),
    ],
)
def test_the_gift_page_says_where_the_gift_stands(client, status, query, words):
    gift = make_gift(status=status)
    html = client.get(gift.get_absolute_url() + query).content.decode()
    assert words in html


def test_a_donor_who_left_stripes_page_can_finish_on_the_same_gift(client, by_card, stripe_pages):
    gift = make_gift(token=ATTEMPT)
    html = client.get(gift.get_absolute_url() + "?cancelled=1").content.decode()
    assert f'name="attempt" value="{ATTEMPT}"' in html
    client.post("/donate/monthly/", {"amount": "50.00", "attempt": ATTEMPT})
    assert MonthlyGift.objects.count() == 1


def test_an_unknown_gift_address_is_a_404(client):
    assert client.get("/donate/monthly/nobody-has-this-token/").status_code == 404


def test_managing_the_gift_opens_stripes_customer_portal(client, by_card, monkeypatch):
    gift = make_gift(status="active", stripe_customer_id="cus_1")
    asked = {}

    def create(**kwargs):
        asked.update(kwargs)
        return {"url": "https://billing.stripe.test/session"}

    monkeypatch.setattr(stripe.billing_portal.Session, "create", create)
    response = client.post(f"/donate/monthly/{gift.token}/manage/")
    assert response["Location"] == "https://billing.stripe.test/session"
    assert asked["customer"] == "cus_1"
    assert asked["return_url"] == f"http://testserver/donate/monthly/{gift.token}/"
    assert client.get(f"/donate/monthly/{gift.token}/manage/").status_code == 405


def test_managing_a_gift_stripe_has_not_confirmed_yet_says_so(client, by_card):
    gift = make_gift()
    response = client.post(f"/donate/monthly/{gift.token}/manage/", follow=True)
    assert response.redirect_chain[-1][0] == gift.get_absolute_url()
    assert "We cannot open the page to manage this gift yet" in response.content.decode()


# --- Staff ---------------------------------------------------------------------------------------


def test_shop_managers_see_active_past_due_and_cancelled_monthly_donors(
    client, django_assert_max_num_queries
):
    manager = User.objects.create_user("manager", password="pw", is_staff=True)
    manager.groups.add(Group.objects.get(name="Shop managers"))
    sign_in_verified(client, manager)
    week_ago = timezone.now() - timedelta(days=7)
    make_gift(email="active@example.org", status="active", started_at=week_ago)
    make_gift(email="late@example.org", status="past_due", started_at=week_ago)
    make_gift(email="gone@example.org", status="cancelled", cancelled_at=timezone.now())
    with django_assert_max_num_queries(12):
        html = client.get("/admin/shop/monthlygift/").content.decode()
    for email in ["active@example.org", "late@example.org", "gone@example.org"]:
        assert email in html
    for label in ["Active", "Past due", "Cancelled"]:
        assert label in html
    only_late = client.get("/admin/shop/monthlygift/?status__exact=past_due").content.decode()
    assert "late@example.org" in only_late and "active@example.org" not in only_late
    assert client.get("/admin/shop/monthlygift/add/").status_code == 403


# --- Never a second payment page ----------------------------------------------------------------


def test_a_payment_page_already_paid_is_never_followed_by_a_second_one(
    client, by_card, monkeypatch
):
    """The donor paid on Stripe's page, then clicks Confirm again (Back, a second tab) before
    Stripe's event arrives: a second page could start a second subscription."""
    made = []
    monkeypatch.setattr(stripe.checkout.Session, "create", lambda **kw: made.append(kw))
    monkeypatch.setattr(
        stripe.checkout.Session,
        "retrieve",
        lambda session_id, **kw: {"id": session_id, "status": "complete", "url": None},
    )
    gift = make_gift(token=ATTEMPT, checkout_session_id="cs_test_1")
    response = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT})
    assert response["Location"] == f"http://testserver{gift.get_absolute_url()}?started=1"
    assert not made


def test_when_the_previous_payment_page_cannot_be_looked_up_no_second_one_opens(
    client, by_card, monkeypatch
):
    made = []

    def unreachable(session_id, **kwargs):
        raise stripe.APIConnectionError("network down")

    monkeypatch.setattr(stripe.checkout.Session, "create", lambda **kw: made.append(kw))
    monkeypatch.setattr(stripe.checkout.Session, "retrieve", unreachable)
    make_gift(token=ATTEMPT, checkout_session_id="cs_test_1")
    response = client.post("/donate/monthly/", {"amount": "50", "attempt": ATTEMPT}, follow=True)
    assert "Nothing was charged: please try again." in response.content.decode()
    assert not made


def test_gifts_never_set_up_are_cleared_after_a_week_and_nothing_else_is(capsys):
    eight_days_ago = timezone.now() - timedelta(days=8)
    abandoned = make_gift()
    kept = [
        make_gift(),  # begun today: the donor may still be on Stripe's page
        make_gift(stripe_subscription_id="sub_late"),  # Stripe knows it: events may come
        make_gift(status="active"),
        make_gift(status="cancelled"),
    ]
    MonthlyGift.objects.exclude(pk=kept[0].pk).update(created_at=eight_days_ago)
    call_command("clear_stale_carts")
    assert not MonthlyGift.objects.filter(pk=abandoned.pk).exists()
    assert set(MonthlyGift.objects.values_list("pk", flat=True)) == {gift.pk for gift in kept}
    assert (
        "Deleted 1 monthly gift(s) never set up, begun over 7 days ago." in capsys.readouterr().out
    )
