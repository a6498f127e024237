"""The Donate page and its confirmation step: one-time gifts through the cart's own gift path,
monthly gifts by standing order when Stripe is not used, and every bad input answered on the
page."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User

from shop.models import Cart, GiftImpact, MonthlyGift
from tests.shop.factories import give_cart, make_cart
from tests.signing_in import sign_in_verified

pytestmark = pytest.mark.django_db


def confirm(client, **query):
    return client.get("/donate/confirm/", query)


def test_the_donate_page_offers_the_preset_amounts_with_what_each_pays_for(client, settings):
    settings.DONATION_PRESETS = [Decimal("25"), Decimal("50"), Decimal("100")]
    html = client.get("/donate/").content.decode()
    for figure, line in [
        ("$25", "A month of school transport for one child in the hills"),
        ("$50", "Uniform, shoes and books for a child starting the school year"),
        ("$100", "A term of after-school tutoring and a meal each evening"),
    ]:
        assert f'<span class="gift-amount__figure">{figure}</span>' in html
        assert line in html
    assert 'name="amount" value="50" checked' in html  # the middle amount to start with
    assert 'value="once" checked' in html and 'value="monthly"' in html
    assert 'name="other_amount"' in html
    assert 'action="/donate/confirm/"' in html and 'method="get"' in html


def test_the_preset_amounts_come_from_settings(client, settings):
    settings.DONATION_PRESETS = [Decimal("10"), Decimal("35")]
    html = client.get("/donate/").content.decode()
    assert '<span class="gift-amount__figure">$10</span>' in html
    assert '<span class="gift-amount__figure">$35</span>' in html
    assert "$100" not in html


def test_without_suggested_amounts_the_donate_page_asks_for_an_amount_of_their_own(
    client, settings
):
    settings.DONATION_PRESETS = []
    html = client.get("/donate/").content.decode()
    assert 'class="gift-amount"' not in html
    assert 'name="other_amount"' in html


def test_the_donate_page_is_shared_from_the_cache_and_a_staff_edit_shows_at_once(client):
    assert client.get("/donate/")["X-Page-Cache"] == "miss"
    assert client.get("/donate/")["X-Page-Cache"] == "hit"
    line = GiftImpact.objects.get(amount=25)
    line.text = "Bus fare for a whole term"
    line.save()
    response = client.get("/donate/")
    assert response["X-Page-Cache"] == "miss"
    assert "Bus fare for a whole term" in response.content.decode()


def test_the_donate_page_reads_its_lines_in_one_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # and the menus' site pages, as every page does
        client.get("/donate/")


def test_the_donate_page_says_what_happens_next_for_the_backend_in_use(client, settings):
    html = client.get("/donate/").content.decode()
    assert "You pay by bank transfer" in html
    assert "standing order" in html
    settings.PAYMENT_BACKEND = "stripe"
    from django.core.cache import cache

    cache.clear()
    html = client.get("/donate/").content.decode()
    assert "You pay by card on Stripe's secure page" in html
    assert "change your card or stop the gift" in html


def test_every_page_has_a_donate_button_in_its_header_and_the_home_page_in_its_hero(client):
    for path in ["/", "/news/", "/shop/", "/cart/", "/privacy/", "/donate/"]:
        html = client.get(path).content.decode()
        assert '<a class="button site-header__donate" href="/donate/">Donate</a>' in html, path
    home = client.get("/").content.decode()
    hero = home[home.index('class="hero"') : home.index("</section>")]
    assert 'href="/donate/">Donate</a>' in hero


def test_confirming_a_one_time_gift_posts_to_the_carts_own_gift_endpoint(client):
    response = confirm(client, amount="25", frequency="once")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Confirm your gift of $25</h1>" in html
    assert 'action="/cart/donation/"' in html
    assert '<input type="hidden" name="amount" value="25">' in html
    assert '<input type="hidden" name="next" value="/cart/">' in html
    assert "Confirm your gift of $25</button>" in html
    assert "You&#x27;ll pay by bank transfer" in html
    assert not Cart.objects.exists()  # looking makes no cart


def test_the_confirmed_gift_lands_in_the_cart_never_an_empty_cart(client):
    response = client.post("/cart/donation/", {"amount": "25", "next": "/cart/"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/cart/"
    assert "Thank you! We added a gift of $25.00." in html
    assert "Your cart is empty" not in html
    assert Cart.objects.get().donation_amount == Decimal("25")


def test_an_amount_of_their_own_wins_over_the_suggestion_and_may_be_written_as_money(client):
    html = confirm(client, amount="50", other_amount=" $1,000 ", frequency="once").content
    assert b"Confirm your gift of $1,000" in html
    html = confirm(client, amount="50", other_amount="12.5").content
    assert b"Confirm your gift of $12.50" in html


def test_the_confirmation_says_when_the_gift_replaces_one_already_in_the_cart(client):
    give_cart(client, make_cart(donation_amount=Decimal("10")))
    html = confirm(client, amount="25", frequency="once").content.decode()
    assert "Your cart already holds a gift of $10: this gift replaces it." in html


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"amount": "", "other_amount": ""}, "amount", "Enter the amount you would like to give."),
        ({"amount": "50", "other_amount": "abc"}, "other-amount", "Enter an amount as a number"),
        ({"other_amount": "0"}, "other-amount", "A gift starts at $1.00."),
        ({"other_amount": "-5"}, "other-amount", "A gift starts at $1.00."),
        ({"other_amount": "20000"}, "other-amount", "For a gift above $10,000.00, please contact"),
        ({"other_amount": "1e9"}, "other-amount", "For a gift above $10,000.00"),
        ({"other_amount": "NaN"}, "other-amount", "Enter an amount as a number"),
        # A decimal comma is not a thousands separator: "2,50" must never become $250.
        ({"other_amount": "2,50"}, "other-amount", "Enter an amount as a number"),
        ({"other_amount": "1,5"}, "other-amount", "Enter an amount as a number"),
        ({"other_amount": "12.345"}, "other-amount", "at most two decimals"),
        ({"other_amount": "9" * 40}, "other-amount", "Enter a smaller amount."),
        ({"amount": "25", "frequency": "weekly"}, None, "Choose a one-time or a monthly gift."),
    ],
)
def test_a_bad_amount_or_frequency_is_explained_on_the_donate_page_with_a_400(
    client, query, field, message
):
    response = confirm(client, **{"frequency": "once", **query})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Please check the amount marked below." in html
    if field:
        assert f'id="{field}-error"' in html
    assert not Cart.objects.exists()


def test_the_confirmation_step_without_a_choice_goes_back_to_the_donate_page(client):
    response = client.get("/donate/confirm/")
    assert response.status_code == 302 and response["Location"] == "/donate/"


def test_a_monthly_gift_without_stripe_shows_standing_order_instructions(client, settings):
    settings.PAYMENT_BACKEND = "offline"
    settings.BANK_NAME = "Kasikornbank, Mae Chan"
    settings.BANK_ACCOUNT_NAME = "The Freedom Story Foundation"
    settings.BANK_ACCOUNT_NUMBER = "123-4-56789-0"
    settings.BANK_SWIFT_CODE = "KASITHBK"
    settings.BANK_STANDING_ORDER_REFERENCE = "MONTHLY and your surname"
    response = confirm(client, amount="50", frequency="monthly")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give $50 every month by standing order" in html
    for detail in [
        "Kasikornbank, Mae Chan",
        "The Freedom Story Foundation",
        "123-4-56789-0",
        "KASITHBK",
        "<dd>$50.00</dd>",
        "MONTHLY and your surname",
    ]:
        assert detail in html
    assert "/donate/confirm/?amount=50&amp;frequency=once" in html  # or give once instead
    assert not MonthlyGift.objects.exists()


def test_posting_a_monthly_gift_without_stripe_leads_to_the_standing_order_page(client, settings):
    settings.PAYMENT_BACKEND = "offline"
    response = client.post("/donate/monthly/", {"amount": "50"})
    assert response.status_code == 302
    assert response["Location"] == "/donate/confirm/?amount=50&frequency=monthly"
    assert not MonthlyGift.objects.exists()


def test_staff_write_what_each_suggested_amount_pays_for_in_the_admin(client, settings):
    settings.DONATION_PRESETS = [Decimal("25"), Decimal("50"), Decimal("100")]
    staff = User.objects.create_user("editor", password="pw", is_staff=True)
    staff.groups.add(Group.objects.get(name="Shop managers"))
    sign_in_verified(client, staff)
    form = client.get("/admin/shop/giftimpact/add/").content.decode()
    assert '<option value="25.00">$25.00</option>' in form
    assert '<option value="100.00">$100.00</option>' in form
    GiftImpact.objects.filter(amount=100).delete()
    response = client.post(
        "/admin/shop/giftimpact/add/", {"amount": "100.00", "text_en": "Glasses for a child"}
    )
    assert response.status_code == 302
    refused = client.post("/admin/shop/giftimpact/add/", {"amount": "7.00", "text_en": "Nope"})
    assert refused.status_code == 200 and b"Select a valid choice" in refused.content
    client.logout()
    assert "Glasses for a child" in client.get("/donate/").content.decode()


def test_the_donate_page_is_in_the_sitemap(client, settings):
    settings.SITE_URL = "https://freedomstory.example"
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://freedomstory.example/donate/</loc>" in xml
