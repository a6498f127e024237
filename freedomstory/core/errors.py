"""Where errors go besides the console: e-mail to ADMINS, and Sentry when SENTRY_DSN is set.

settings.py calls this module while it loads, so it imports nothing of Django's that needs
settings, and Sentry only when it is turned on.
"""

import logging
import smtplib
import socket
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured


def admins_from(value):
    """ADMINS from one line: "Ann Smith <ann@example.org>, bob@example.org" gives
    [("Ann Smith", "ann@example.org"), ("", "bob@example.org")]. A quoted name may hold a comma.
    """
    admins = []
    for name, address in getaddresses([value]):
        if not name and not address:
            continue  # a trailing comma or a blank line
        if "@" not in address:
            raise ImproperlyConfigured(
                f"ADMINS {value!r} has an entry without an e-mail address: write each as "
                '"Name <address>" or the address alone, comma-separated.'
            )
        admins.append((name, address))
    return admins


def start_sentry(dsn, *, environment, release, sample_rate, traces_sample_rate):
    """Report errors (and, at traces_sample_rate, timings) to Sentry, with no personal data.

    send_default_pii=False keeps out users, cookies and addresses; a form's body (a donor's
    name and e-mail at checkout) and a frame's local variables (an order, a donor) are sent
    whatever that says, so both are turned off too: the traceback and the log say enough."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    # django-tasks logs every failed try of a task as an error; the site's task module logs the
    # one that matters (the last try: freedomstory/core/tasks.py), so Sentry hears it once.
    ignore_logger("django_tasks")

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=without_mail_server_answers,
        environment=environment,
        release=release,
        sample_rate=sample_rate,
        traces_sample_rate=traces_sample_rate,
    )


def without_mail_server_answers(event, hint):
    """A mail server's refusal quotes the addresses it refused (a donor's, when a receipt keeps
    failing): Sentry gets the error's type and traceback, not its text. ADMINS' e-mail, which
    staff read anyway, keeps the whole answer."""
    for error in (event.get("exception") or {}).get("values", []):
        if error.get("module") == "smtplib":
            error["value"] = "(the mail server's answer is left out: it may name an address)"
    return event


# The mail server not answering or not reachable. An e-mail to ADMINS about it would go the same
# way, after waiting EMAIL_TIMEOUT again (in a request, with the immediate task backend); a
# refused address or message is still mailed.
MAIL_OUTAGES = (
    TimeoutError,
    ConnectionError,
    socket.gaierror,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
)
MAIL_SENDER = "freedomstory.core.emails"


class NotAMailOutage(logging.Filter):
    """Keeps from ADMINS' e-mail the site's mail sender failing to reach the mail server,
    whoever logs it (the e-mail's task, when it gives up); that error still reaches the console
    and Sentry."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, MAIL_OUTAGES) and _raised_through(error, MAIL_SENDER))


def _raised_through(error, module):
    frame = error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_globals.get("__name__") == module:
            return True
        frame = frame.tb_next
    return False


# While the database is away every request fails the same way: ADMINS hear of it once in this
# many seconds, not once for each visitor (each e-mail sent while that visitor waits).
DATABASE_AWAY_MAIL_SECONDS = 600


class OneMailPerDatabaseOutage(logging.Filter):
    """Lets through the first "database away" error (freedomstory/core/unavailable.py) in each
    DATABASE_AWAY_MAIL_SECONDS, counted in the shared cache; every one still reaches the console
    and Sentry. With the cache down too, each is mailed (fail open)."""

    def filter(self, record):
        from freedomstory.core import ratelimit
        from freedomstory.core.unavailable import is_unavailable

        if not (record.exc_info and is_unavailable(record.exc_info[1])):
            return True
        told = ratelimit.count("database-away-mail", "site", DATABASE_AWAY_MAIL_SECONDS)
        return told is None or told == 1
