"""What every page says about who the charity is: the footer, the menus, the privacy notice."""

import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from freedomstory.pages.models import Page
from tests.pages.factories import make_page, privacy_notice

pytestmark = pytest.mark.django_db

SOCIAL = {
    "SOCIAL_FACEBOOK_URL": ("Facebook", "https://www.facebook.com/freedomstory.example"),
    "SOCIAL_INSTAGRAM_URL": ("Instagram", "https://www.instagram.com/freedomstory.example"),
    "SOCIAL_YOUTUBE_URL": ("YouTube", "https://www.youtube.com/@freedomstory.example"),
    "SOCIAL_LINKEDIN_URL": ("LinkedIn", "https://www.linkedin.com/company/freedomstory-example"),
}


def footer_of(client, url="/news/"):
    html = client.get(url).content.decode()
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def header_nav_of(client, url="/news/"):
    html = client.get(url).content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


# --- the footer ----------------------------------------------------------------------------------


def test_the_footer_says_who_the_charity_is_from_settings(client, settings):
    settings.SITE_NAME = "Freedom Story Foundation"
    settings.CHARITY_REGISTRATION_NUMBER = "0105561234567"
    settings.CHARITY_ADDRESS = "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand"
    settings.CONTACT_EMAIL = "hello@freedomstory.example"
    footer = footer_of(client)
    assert "Freedom Story Foundation" in footer
    assert "Registered charity no. 0105561234567" in footer
    assert "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand" in footer
    assert '<a href="mailto:hello@freedomstory.example">hello@freedomstory.example</a>' in footer


def test_the_footer_links_to_each_social_account_and_the_newsletter_that_is_set(client, settings):
    for name, (_label, url) in SOCIAL.items():
        setattr(settings, name, url)
    settings.NEWSLETTER_URL = "https://newsletter.example/freedomstory"
    footer = footer_of(client)
    for label, url in SOCIAL.values():
        assert f'<a href="{url}" rel="noopener">{label}</a>' in footer
    assert "Follow us" in footer
    assert 'href="https://newsletter.example/freedomstory"' in footer
    assert "Get our newsletter" in footer
    assert "<script" not in footer  # links, never third-party widgets


def test_the_footer_shows_only_the_accounts_that_are_set(client, settings):
    settings.SOCIAL_INSTAGRAM_URL = SOCIAL["SOCIAL_INSTAGRAM_URL"][1]
    footer = footer_of(client)
    assert ">Instagram</a>" in footer
    for label in ("Facebook", "YouTube", "LinkedIn"):
        assert label not in footer
    assert "newsletter" not in footer.lower()


def test_without_any_account_or_newsletter_the_footer_has_no_empty_section(client, settings):
    for name in [*SOCIAL, "NEWSLETTER_URL"]:
        setattr(settings, name, "")
    footer = footer_of(client)
    assert "Follow us" not in footer and "site-footer__follow" not in footer
    assert "newsletter" not in footer.lower()


def test_the_500_page_carries_the_charity_footer_too(settings):
    from django.test import RequestFactory

    from freedomstory.views import server_error

    settings.CHARITY_ADDRESS = "99 Moo 1, Mae Chan"
    html = server_error(RequestFactory().get("/")).content.decode()
    assert "99 Moo 1, Mae Chan" in html


# --- the menus -----------------------------------------------------------------------------------


def test_the_header_and_footer_show_the_published_pages_placed_in_them_in_order(client):
    make_page(
        "Contact us", slug="contact", menu=Page.Menu.HEADER, menu_order=20, menu_label="Contact"
    )
    make_page(
        "About The Freedom Story",
        slug="about",
        menu=Page.Menu.HEADER,
        menu_order=10,
        menu_label="About",
    )
    make_page("Annual reports", slug="reports", menu=Page.Menu.FOOTER)
    make_page("Not yet", slug="not-yet", menu=Page.Menu.HEADER, published=False)
    make_page("Nowhere", slug="nowhere")
    nav = header_nav_of(client)
    assert nav.index('<a href="/about/">About</a>') < nav.index('<a href="/contact/">Contact</a>')
    assert "Annual reports" not in nav and "Not yet" not in nav and "Nowhere" not in nav
    footer = footer_of(client)
    assert '<a href="/reports/">Annual reports</a>' in footer
    assert "About" not in footer and "Not yet" not in footer and "Nowhere" not in footer


def test_the_header_marks_the_page_being_read(client):
    make_page("About", slug="about", menu=Page.Menu.HEADER)
    assert '<a href="/about/" aria-current="page">About</a>' in header_nav_of(client, "/about/")
    assert 'aria-current="page"' not in header_nav_of(client, "/news/")


def test_a_page_placed_in_a_menu_appears_on_every_cached_page_at_once(client):
    client.get("/news/")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    make_page("Annual reports", slug="reports", menu=Page.Menu.FOOTER)
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "miss"
    assert '<a href="/reports/">Annual reports</a>' in response.content.decode()


def test_the_menus_cost_one_query_however_many_pages_they_hold(client, django_assert_num_queries):
    """Header and footer read together: a page with menus costs one query more than without."""
    from django.core.cache import cache

    Page.objects.all().delete()
    cache.clear()
    with django_assert_num_queries(2):  # the donate page's lines, the menus
        client.get("/donate/")
    for number in range(10):
        make_page(f"Page {number}", menu=[Page.Menu.HEADER, Page.Menu.FOOTER][number % 2])
    cache.clear()
    with django_assert_num_queries(2):
        html = client.get("/donate/").content.decode()
    assert html.count('href="/page-') == 10


# --- the privacy notice --------------------------------------------------------------------------


def test_the_privacy_notice_gives_the_charitys_postal_and_e_mail_address(client, settings):
    settings.CHARITY_ADDRESS = "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand"
    settings.CONTACT_EMAIL = "privacy@freedomstory.example"
    privacy_notice()
    html = client.get("/privacy/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "How to reach us" in main
    assert "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand" in main
    assert 'href="mailto:privacy@freedomstory.example"' in main
    assert "the address in your receipt" not in main


def test_the_privacy_notice_is_a_page_on_a_fresh_database_linked_from_checkout_and_footer(
    client,
):
    """Made by migration 0002 on every fresh install (this database was migrated for the tests,
    unless a browser test truncated it before: then the migration is run again here)."""
    if not Page.objects.filter(path="privacy").exists():
        run_the_privacy_migration()
    page = Page.objects.get(path="privacy")
    assert page.published and page.menu == Page.Menu.FOOTER
    assert "<h2>Your rights</h2>" in page.body
    assert "the address in your receipt" not in page.body
    assert "Write to us at the postal or e-mail address below." in page.body
    assert '<a href="/privacy/">Privacy</a>' in footer_of(client)
    assert "<h1>Privacy notice</h1>" in client.get("/privacy/").content.decode()


def run_the_privacy_migration():
    name = "freedomstory.pages.migrations.0002_privacy_notice"
    state = MigrationLoader(connection).project_state(("pages", "0002_privacy_notice"))
    importlib.import_module(name).create_privacy_notice(state.apps, connection.schema_editor())


def test_the_privacy_migration_keeps_a_page_already_at_the_address():
    Page.objects.filter(path="privacy").delete()
    make_page("Our own privacy words", slug="privacy", body="<p>Ours.</p>")
    run_the_privacy_migration()
    run_the_privacy_migration()
    assert list(Page.objects.filter(path="privacy").values_list("title", flat=True)) == [
        "Our own privacy words"
    ]


def test_checkout_links_its_consent_to_the_privacy_page(client):
    from tests.shop.factories import make_product
    from tests.shop.order_factories import client_with_cart

    privacy_notice()
    client_with_cart(client, [(make_product("Shirt", stock=5), 1)])
    checkout = client.get("/checkout/").content.decode()
    assert (
        'as the <a href="/privacy/" target="_blank" rel="noopener">privacy notice</a>' in checkout
    )
    assert "<h1>Privacy notice</h1>" in client.get("/privacy/").content.decode()


# --- the demo ------------------------------------------------------------------------------------


def test_the_demo_makes_about_its_team_page_and_contact_once(client, settings):
    settings.DEBUG = True
    privacy_notice()
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.filter(path__in=["about", "about/team", "contact"]).count() == 3
    nav = header_nav_of(client)
    assert '<a href="/about/">About</a>' in nav and '<a href="/contact/">Contact</a>' in nav
    assert '<a href="/privacy/">Privacy</a>' in footer_of(client)
    about = client.get("/about/").content.decode()
    assert "Governor of Chiang Rai" in about and "Human Rights Award" in about
    assert '<a href="/about/team/">Our team</a>' in about
    assert "contact-form" in client.get("/contact/").content.decode()
