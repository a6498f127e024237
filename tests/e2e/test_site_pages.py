"""Site pages in a real browser: About and its team page from the header, the contact form with
a mistake and then a message that goes, the charity's footer, at phone and desktop sizes, with
axe on every state of them."""

from io import StringIO

import pytest
from django.core import mail

import freedomstory.pages.demo
from tests.e2e.conftest import SCREENSHOTS
from tests.pages.factories import privacy_notice

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(settings):
    """The demo's About, Our team and Contact, the privacy notice, and a footer with everything
    a charity sets (a flush between browser tests removes what migrations made)."""
    settings.SITE_NAME = "The Freedom Story"
    settings.CHARITY_REGISTRATION_NUMBER = "0105561234567"
    settings.CHARITY_ADDRESS = "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand"
    settings.CONTACT_EMAIL = "hello@freedomstory.example"
    settings.SOCIAL_FACEBOOK_URL = "https://www.facebook.com/freedomstory.example"
    settings.SOCIAL_INSTAGRAM_URL = "https://www.instagram.com/freedomstory.example"
    settings.SOCIAL_YOUTUBE_URL = "https://www.youtube.com/@freedomstory.example"
    settings.NEWSLETTER_URL = "https://newsletter.example/freedomstory"
    privacy_notice()
    freedomstory.pages.demo.load(StringIO())


def test_visitor_reads_about_and_the_team_then_writes_through_the_contact_form(visitor, pages):
    mail.outbox.clear()
    failures = {}
    visitor.go("/news/")
    visitor.click(visitor.find(".site-nav").find_element("link text", "About"))
    visitor.wait_for(lambda: visitor.path == "/about/")
    assert visitor.text("h1") == "About The Freedom Story"
    assert "Human Rights Award" in visitor.text("main")
    failures["about"] = visitor.axe_violations("about")
    visitor.snap("about")

    visitor.click(visitor.link("Our team"))
    visitor.wait_for(lambda: visitor.path == "/about/team/")
    assert visitor.text("h1") == "Our team"
    failures["about/team"] = visitor.axe_violations("about/team")
    visitor.click(visitor.find(".breadcrumbs a"))
    visitor.wait_for(lambda: visitor.path == "/about/")

    visitor.click(visitor.find(".site-nav").find_element("link text", "Contact"))
    visitor.wait_for(lambda: visitor.path == "/contact/")
    assert not visitor.find("#id_website").is_displayed()  # the robots' trap
    failures["contact (empty)"] = visitor.axe_violations("contact (empty)")
    visitor.snap("contact")

    visitor.find("#id_name").send_keys("Malee Reader")
    visitor.find("#id_email").send_keys("malee at example")
    visitor.find("#id_message").send_keys("Could our class visit the library one evening?")
    visitor.click(visitor.find(".contact-form button[type=submit]"))
    visitor.wait_for_text("main", "Please check the fields marked below.")
    assert "Enter an e-mail address like name@example.org." in visitor.text("main")
    assert visitor.find("#id_email").get_attribute("aria-invalid") == "true"
    # Nothing typed is lost.
    assert visitor.find("#id_name").get_attribute("value") == "Malee Reader"
    assert "visit the library" in visitor.find("#id_message").get_attribute("value")
    failures["contact (with errors)"] = visitor.axe_violations("contact (with errors)")
    visitor.snap("contact-errors")
    assert mail.outbox == []

    email = visitor.find("#id_email")
    email.clear()
    email.send_keys("malee@example.org")
    visitor.click(visitor.find(".contact-form button[type=submit]"))
    visitor.wait_for_text("main", "Thank you for your message.")
    assert visitor.path == "/contact/"
    assert visitor.find("#id_message").get_attribute("value") == ""  # a fresh form
    failures["contact (thanked)"] = visitor.axe_violations("contact (thanked)")
    visitor.snap("contact-thanked")
    [message] = mail.outbox
    assert message.reply_to == ["Malee Reader <malee@example.org>"]
    assert "Could our class visit the library one evening?" in message.body

    assert {name: found for name, found in failures.items() if found} == {}


def test_the_footer_says_who_the_charity_is_and_fits_the_screen(visitor, pages):
    visitor.go("/privacy/")
    footer = visitor.find(".site-footer")
    visitor.driver.execute_script("arguments[0].scrollIntoView({block: 'end'});", footer)
    text = footer.text
    for words in (
        "The Freedom Story",
        "99 Moo 1, Mae Chan, Chiang Rai 57110, Thailand",
        "hello@freedomstory.example",
        "Registered charity no. 0105561234567",
        "Facebook",
        "Instagram",
        "YouTube",
        "Get our newsletter",
        "Privacy",
    ):
        assert words in text, words
    assert "LinkedIn" not in text  # not set
    assert "99 Moo 1, Mae Chan" in visitor.text(".reach-us")  # the notice's own block
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    footer.screenshot(str(SCREENSHOTS / f"footer-{visitor.size_name}.png"))
    visitor.snap("footer")
    if visitor.size_name == "desktop":  # three columns side by side
        columns = visitor.find_all(".site-footer__inner > *")
        tops = {round(column.location["y"]) for column in columns}
        assert len(columns) == 3 and len(tops) == 1
    visitor.driver.set_window_size(360, 740)
    width = visitor.driver.execute_script("return document.documentElement.clientWidth")
    for path in ("/about/", "/about/team/", "/contact/", "/privacy/"):
        visitor.go(path)
        scroll_width = visitor.driver.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways: {scroll_width} > {width}"
