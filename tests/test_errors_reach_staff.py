"""Errors reach staff: each error is e-mailed to ADMINS (a 500, an error our code logs), and sent
to Sentry when SENTRY_DSN is set, with no personal data. Nothing of Sentry loads without it."""

import json
import logging
import os
import runpy
import smtplib
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sentry_sdk
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from freedomstory.core.errors import admins_from
from tests.stalled_server import StalledServer, in_background

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = str(ROOT / "freedomstory" / "settings.py")
ADMINS = [("Ann Smith", "ann@example.org"), ("", "ops@example.org")]


def test_admins_are_read_from_one_line_of_names_and_addresses():
    line = 'Ann Smith <ann@example.org>, ops@example.org, "Lee, Kim" <kim@example.org>,'
    assert admins_from(line) == [
        ("Ann Smith", "ann@example.org"),
        ("", "ops@example.org"),
        ("Lee, Kim", "kim@example.org"),
    ]
    assert admins_from("") == []


def test_an_admin_without_an_address_is_refused_at_start():
    with pytest.raises(ImproperlyConfigured, match="has an entry without an e-mail address"):
        admins_from("Ann Smith, ops@example.org")


def test_settings_read_admins_and_the_email_timeout_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMINS", "Ann Smith <ann@example.org>, ops@example.org")
    monkeypatch.delenv("EMAIL_TIMEOUT", raising=False)
    loaded = runpy.run_path(SETTINGS)
    assert loaded["ADMINS"] == ADMINS
    assert loaded["EMAIL_TIMEOUT"] == 10


@pytest.mark.django_db
def test_a_500_is_emailed_to_admins(settings):
    settings.ADMINS = ADMINS
    settings.ROOT_URLCONF = "tests.urls_failing"
    response = Client(raise_request_exception=False).get("/failing/")
    assert response.status_code == 500
    [message] = mail.outbox
    assert message.to == ["ann@example.org", "ops@example.org"]
    assert "/failing/" in message.subject and "a bug in a view" in message.body


def test_a_database_away_is_emailed_to_admins_once_not_for_every_visitor(settings):
    """During a PostgreSQL restart every request answers 503: staff get one e-mail about it,
    not one for each visitor (each sent while that visitor waits)."""
    settings.ADMINS = ADMINS
    settings.ROOT_URLCONF = "tests.urls_unavailable"
    visitor = Client(raise_request_exception=False)
    statuses = [visitor.get(url).status_code for url in ["/refused/", "/closed/"] * 3]
    assert statuses == [503] * 6
    [message] = mail.outbox
    assert "Service Unavailable" in message.subject and "/refused/" in message.subject


def test_an_error_our_code_logs_is_emailed_to_admins(settings):
    settings.ADMINS = ADMINS
    logging.getLogger("news.views").error("the feed could not be built")
    logging.getLogger("news.views").warning("a warning stays in the log")
    [message] = mail.outbox
    assert "the feed could not be built" in message.subject


def test_an_email_task_that_cannot_reach_the_mail_server_is_not_mailed(settings, monkeypatch):
    """That e-mail would wait EMAIL_TIMEOUT again on the same server (inside the request, with
    the immediate task backend); a refused address is worth staff's attention."""
    from freedomstory.core import emails
    from freedomstory.pages.emails import send_contact_message

    settings.ADMINS = ADMINS
    failure = []

    class FailingMessage(emails.EmailMultiAlternatives):
        def send(self, fail_silently=False):
            raise failure[-1]

    monkeypatch.setattr(emails, "EmailMultiAlternatives", FailingMessage)
    details = {"name": "Ann", "email": "ann@example.org", "message": "Hello"}
    for outage in (TimeoutError("timed out"), smtplib.SMTPServerDisconnected("closed")):
        failure.append(outage)
        send_contact_message.enqueue(**details)
    assert mail.outbox == []
    failure.append(smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")}))
    send_contact_message.enqueue(**details)
    [message] = mail.outbox
    assert "the task send_contact_message(name=…, email=…, message=…) failed" in message.subject


@pytest.mark.django_db
def test_a_500_with_a_stalled_mail_server_answers_within_the_email_timeout(settings):
    settings.ADMINS = ADMINS
    settings.ROOT_URLCONF = "tests.urls_failing"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    with StalledServer() as stalled:
        settings.EMAIL_PORT = stalled.port
        started = time.monotonic()
        request = in_background(lambda: Client(raise_request_exception=False).get("/failing/"))
        finished, response = request(20)
        elapsed = time.monotonic() - started
    assert finished, "the 500 page waited on the mail server"
    assert response.status_code == 500
    assert len(stalled.connections) == 1 and elapsed < 3


def test_sentry_starts_with_the_django_integration_and_no_personal_data(monkeypatch):
    started = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: started.update(options))
    monkeypatch.setenv("SENTRY_DSN", "https://public@sentry.example/1")
    monkeypatch.setenv("SENTRY_ENVIRONMENT", "production")
    monkeypatch.setenv("SENTRY_RELEASE", "freedomstory@1.2.3")
    monkeypatch.setenv("SENTRY_TRACES_SAMPLE_RATE", "0.05")
    runpy.run_path(SETTINGS)
    assert started["dsn"] == "https://public@sentry.example/1"
    assert started["send_default_pii"] is False
    # A checkout form's fields and a frame's donor are personal data Sentry sends regardless.
    assert started["max_request_body_size"] == "never"
    assert started["include_local_variables"] is False
    assert [type(i).__name__ for i in started["integrations"]] == ["DjangoIntegration"]
    assert (started["environment"], started["release"]) == ("production", "freedomstory@1.2.3")
    assert (started["sample_rate"], started["traces_sample_rate"]) == (1.0, 0.05)


def test_without_a_sentry_dsn_sentry_is_not_even_imported():
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    code = (
        "import sys, django; django.setup(); "
        "from django.test import Client; Client().get('/healthz'); "
        "print('sentry_sdk' in sys.modules)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "freedomstory.settings"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


# Run with SENTRY_DSN set: Sentry starts as settings start it, with a transport that keeps the
# events it would send; a failing view is posted a donor's form. Prints the events as JSON.
SENTRY_PROBE = """
import json, sentry_sdk
from sentry_sdk.transport import Transport

events = []

class Kept(Transport):
    def capture_envelope(self, envelope):
        events.extend(item.payload.json for item in envelope.items if item.type == "event")

start = sentry_sdk.init
sentry_sdk.init = lambda **options: start(transport=Kept, **options)

import django
django.setup()
from django.test import Client, override_settings

with override_settings(ROOT_URLCONF="tests.urls_failing"):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-donors-session"
    client.post("/failing/", {"email": "donor@example.org", "name": "Somchai"})
sentry_sdk.flush()
print(json.dumps(events))
"""


def sentry_events(probe, **environment):
    """The events Sentry would have sent while `probe` ran in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    env |= {
        "SENTRY_DSN": "https://public@sentry.invalid/1",  # never reached: the transport keeps it
        "DJANGO_SETTINGS_MODULE": "freedomstory.settings",
        **environment,
    }
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sentry_gets_the_error_but_not_the_donors_form_cookies_or_variables():
    [event] = sentry_events(SENTRY_PROBE, ALLOWED_HOSTS="testserver")
    assert event["exception"]["values"][0]["value"] == "a bug in a view"
    sent = json.dumps(event)
    for personal in ("donor@example.org", "Somchai", "a-donors-session"):
        assert personal not in sent
    frames = event["exception"]["values"][0]["stacktrace"]["frames"]
    assert not any(frame.get("vars") for frame in frames)


# Run with SENTRY_DSN set: a task's e-mail refused by the mail server for a donor's address,
# until the task gives up (the immediate backend tries once). Prints the events as JSON.
SENTRY_MAIL_PROBE = (
    SENTRY_PROBE.split("import django")[0]
    + """
import django, smtplib
django.setup()
from freedomstory.core.tasks import background_task

@background_task()
def send_receipt(order_pk):
    refusal = (550, b"5.1.1 <donor@example.org>: no such mailbox")
    raise smtplib.SMTPRecipientsRefused({"donor@example.org": refusal})

send_receipt.enqueue(7)
sentry_sdk.flush()
print(json.dumps(events))
"""
)


def test_sentry_hears_of_a_refused_receipt_without_the_donors_address():
    [event] = sentry_events(SENTRY_MAIL_PROBE, TASKS_BACKEND="immediate")
    assert event["exception"]["values"][-1]["type"] == "SMTPRecipientsRefused"
    assert "send_receipt(7)" in json.dumps(event)  # which task and which order, for staff
    assert "donor@example.org" not in json.dumps(event)
