"""The contact form: staff get the message after commit, robots and floods get nothing, and
people with a problem get the page back with what they typed."""

import re
import socket

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.utils.html import escape

from freedomstory.core import pagecache, ratelimit
from freedomstory.core.cache import SafeRedisCache
from freedomstory.pages import contact
from freedomstory.pages.forms import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH
from tests.pages.factories import make_page
from tests.task_queue import queued, run_worker

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GOOD = {
    "name": "Somchai Reader",
    "email": "somchai@example.org",
    "message": "Hello!\nCould our school visit the resource centre?\n\tThank you.",
    "website": "",
}


@pytest.fixture
def contact_page():
    return make_page("Contact us", slug=settings.CONTACT_PAGE_SLUG, body="<p>Write to us.</p>")


def send(client, data, address="203.0.113.7"):
    return client.post("/contact/", data, REMOTE_ADDR=address)


def test_the_contact_page_shows_the_form_under_its_body(client, contact_page):
    html = client.get("/contact/").content.decode()
    assert html.index("Write to us.") < html.index('<form class="contact-form" method="post"')
    for label in ("Your name", "Your e-mail address", "Your message"):
        assert label in html
    assert 'action="/contact/"' in html


def test_other_pages_have_no_form_and_refuse_a_post(client, contact_page):
    make_page("About", slug="about")
    assert "contact-form" not in client.get("/about/").content.decode()
    assert client.post("/about/", GOOD).status_code == 405


def test_a_message_is_mailed_to_staff_only_after_commit_replying_to_the_sender(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = send(client, GOOD)
    assert response.status_code == 302 and response["Location"] == "/contact/"
    assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    [message] = mail.outbox
    assert message.to == settings.STAFF_NOTIFICATION_EMAILS
    assert message.reply_to == ["Somchai Reader <somchai@example.org>"]
    assert message.subject == "Contact form: Somchai Reader"
    assert "Could our school visit the resource centre?" in message.body
    assert settings.CHARITY_ADDRESS in message.body  # the charity footer
    html = message.alternatives[0][0]
    assert "Could our school visit" in html and settings.CHARITY_ADDRESS in html


def test_with_the_task_queue_the_message_waits_for_the_worker_and_its_text_stays_out_of_logs(
    client, contact_page, database_tasks, caplog
):
    response = send(client, GOOD)
    assert response.status_code == 302 and mail.outbox == []
    assert queued() == ["send_contact_message"]
    assert run_worker() == 1
    [message] = mail.outbox
    assert message.reply_to == ["Somchai Reader <somchai@example.org>"]
    assert "somchai@example.org" not in caplog.text and "resource centre" not in caplog.text


def test_the_sender_is_thanked_on_the_page_after_the_redirect(client, contact_page):
    page = client.get(send(client, GOOD)["Location"])
    assert str(contact.THANKS) in page.content.decode()
    assert "private" in page["Cache-Control"]  # their own page: a message waited


def test_a_filled_trap_is_thanked_like_anyone_and_nothing_is_sent(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = send(client, GOOD | {"website": "https://spam.example"})
    assert response.status_code == 302 and response["Location"] == "/contact/"
    assert str(contact.THANKS) in client.get("/contact/").content.decode()
    assert callbacks == [] and mail.outbox == []


def test_the_trap_is_hidden_from_people_and_labelled_for_screen_readers(client, contact_page):
    html = client.get("/contact/").content.decode()
    trap = html[html.index('<div class="contact-form__trap">') :]
    trap = trap[: trap.index("</div>")]
    assert "Leave this field empty" in trap
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_one_address_may_send_so_many_messages_in_the_window(
    client, contact_page, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_LIMIT = 2
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert send(client, GOOD).status_code == 302
        refused = send(client, GOOD | {"message": "A third message, kept."})
        from_elsewhere = send(client, GOOD, address="198.51.100.9")
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "You have sent us 2 messages in a short time" in html
    assert "Please try again in an hour" in html
    assert "A third message, kept.</textarea>" in html
    assert from_elsewhere.status_code == 302
    assert len(mail.outbox) == 3  # two from the first address, one from the second


def test_the_count_is_kept_without_the_address_itself(client, contact_page, monkeypatch):
    counts = LocMemCache("contact-counts", {})
    monkeypatch.setattr(ratelimit, "cache", counts)
    send(client, GOOD, address="203.0.113.7")
    keys = list(counts._cache)
    assert len(keys) == 1 and "203.0.113.7" not in keys[0]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_the_cache_down_messages_still_go_through(
    client, contact_page, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Fail open: SafeRedisCache answers as for a missing key when Redis is down."""
    settings.CONTACT_RATE_LIMIT = 1
    monkeypatch.setattr(
        ratelimit, "cache", SafeRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})
    )
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert send(client, GOOD).status_code == 302
    assert len(mail.outbox) == 3


BAD_INPUT = {
    "no name": ({"name": ""}, "Please tell us your name."),
    "no e-mail": ({"email": ""}, "Please give an e-mail address we can reply to."),
    "not an e-mail": ({"email": "somchai at example"}, "Enter an e-mail address like"),
    "no message": ({"message": "   "}, "Please write your message."),
    "long name": (
        {"name": "N" * (NAME_MAX_LENGTH + 1)},
        "Please shorten your name to 120 characters or fewer (it has 121 characters).",
    ),
    "long e-mail": (
        {"email": "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 62 + ".org"},
        "Please shorten your e-mail address to 254 characters or fewer",
    ),
    "long message": (
        {"message": "M" * (MESSAGE_MAX_LENGTH + 1)},
        "Please shorten your message to 5000 characters or fewer (it has 5001 characters).",
    ),
    "bell in the name": (
        {"name": "Som\x07chai"},
        "Your name holds a line break or another hidden character",
    ),
    "line break in the name": (
        {"name": "Somchai\r\nBcc: everyone@example.org"},
        "Your name holds a line break or another hidden character",
    ),
    "escape in the message": (
        {"message": "Hello \x1b[31mred"},
        "“Your message” holds a hidden control character (line breaks are fine)",
    ),
    "NUL in the message": (
        {"message": "Hello\x00"},
        "“Your message” holds a hidden control character (line breaks are fine)",
    ),
    "right-to-left override in the name": (
        {"name": "Somchai \u202eecnanif"},
        "Your name holds a line break or another hidden character",
    ),
    "control in the e-mail": (
        {"email": "som\x07chai@example.org"},
        "Your e-mail address holds a line break or another hidden character",
    ),
}


@pytest.mark.parametrize("change, error", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_explained_on_the_same_page_with_what_was_typed(
    client, contact_page, change, error, django_capture_on_commit_callbacks
):
    data = GOOD | change
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = send(client, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please check the fields marked below." in html
    assert error.replace("'", "&#x27;") in html
    assert 'aria-invalid="true"' in html
    # Everything typed comes back, the fields in error included (escaped, as any value).
    for field in ("name", "email", "message"):
        assert escape(data[field]) in html, field
    assert callbacks == [] and mail.outbox == []


def test_line_breaks_and_tabs_in_a_message_are_kept(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, GOOD).status_code == 302
    assert "Hello!\nCould our school visit the resource centre?\n\tThank you." in (
        mail.outbox[0].body
    )


def test_the_form_on_the_shared_cached_page_carries_each_visitors_token_and_sends():
    make_page("Contact us", slug=settings.CONTACT_PAGE_SLUG)
    Client().get("/contact/")  # the shared copy exists before this visitor comes
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/contact/")
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    assert token != pagecache.csrf_marker()
    response = visitor.post("/contact/", GOOD | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert visitor.post("/contact/", GOOD).status_code == 403  # no token, no message


def test_behind_the_proxy_each_visitor_is_counted_by_the_address_the_proxy_saw(
    client, contact_page, settings, django_capture_on_commit_callbacks
):
    """Behind a proxy every request comes from the proxy's address: counting that would let one
    robot use up the form for everyone. The proxy appends the address it saw to
    X-Forwarded-For; what comes before that is the client's own say and changes nothing."""
    settings.BEHIND_PROXY = True
    settings.CONTACT_RATE_LIMIT = 1

    def through_proxy(forwarded):
        return client.post(
            "/contact/", GOOD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        )

    with django_capture_on_commit_callbacks(execute=True):
        assert through_proxy("203.0.113.7").status_code == 302
        assert through_proxy("198.51.100.9").status_code == 302  # someone else
        assert through_proxy("192.0.2.1, 203.0.113.7").status_code == 429  # a forged entry
    assert len(mail.outbox) == 2


def test_without_a_proxy_a_forwarded_header_is_believed_by_nobody(client, contact_page, settings):
    settings.BEHIND_PROXY = False
    settings.CONTACT_RATE_LIMIT = 1
    for forwarded, status in (("192.0.2.1", 302), ("192.0.2.2", 429)):
        response = client.post(
            "/contact/", GOOD, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=forwarded
        )
        assert response.status_code == status


class Clock:
    """time.time() for the cache and the contact rule, moved by hand."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


def test_the_window_lasts_as_set_with_the_file_cache_too(
    client, contact_page, settings, monkeypatch, tmp_path
):
    """Django's file (and database) cache give incr()'s result the default timeout, five
    minutes: counted that way, "five an hour" would be five every five minutes."""
    from django.core.cache.backends import base, filebased

    from freedomstory.core.cache import PrivateFileBasedCache

    clock = Clock(1_000_000 * 3600 + 10)
    for module in (base, filebased, ratelimit):
        monkeypatch.setattr(module, "time", clock)
    monkeypatch.setattr(ratelimit, "cache", PrivateFileBasedCache(str(tmp_path / "cache"), {}))
    settings.CONTACT_RATE_LIMIT = 2
    settings.CONTACT_RATE_WINDOW_SECONDS = 3600
    assert [send(client, GOOD).status_code for _ in range(2)] == [302, 302]
    clock.now += 600  # ten minutes on: the same hour
    assert send(client, GOOD).status_code == 429
    clock.now += 3600  # the next hour
    assert send(client, GOOD).status_code == 302
