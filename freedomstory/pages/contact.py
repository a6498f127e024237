"""The contact form's rule: who may send, what is sent, and what people are told.

A valid message is e-mailed to staff by a task (freedomstory/core/tasks.py) once the request's
database work is committed, with the sender as Reply-To. Nothing is kept on the site but the
task's row with the database backend (removed by the cron job `prune_db_task_results`), and the
sender receives nothing (an address typed into the form is not proof that its owner asked for
mail). Each client address (see freedomstory/core/clients.py) may send CONTACT_RATE_LIMIT
messages in each window of CONTACT_RATE_WINDOW_SECONDS, counted in the shared cache
(freedomstory/core/ratelimit.py, which fails open). A filled trap field is thanked like a real
message, counted like one, and sends nothing.
"""

import enum

from django.conf import settings
from django.utils.translation import gettext_lazy, ngettext

from freedomstory.core import ratelimit
from freedomstory.core.tasks import enqueue_with_transaction
from freedomstory.pages.emails import send_contact_message

THANKS = gettext_lazy(
    "Thank you for your message. We read every one and usually reply within a few days."
)


class Outcome(enum.Enum):
    SENT = "sent"  # or looked as if sent: a robot's message
    TOO_MANY = "too many"


def submit(form, client_address):
    """Handle a valid ContactForm from `client_address`; returns an Outcome."""
    if not _within_rate_limit(client_address):
        return Outcome.TOO_MANY
    if form.caught_a_robot:
        return Outcome.SENT
    details = {name: form.cleaned_data[name] for name in ("name", "email", "message")}
    enqueue_with_transaction(send_contact_message, **details)
    return Outcome.SENT


def too_many_text():
    wait = ratelimit.wait_words(settings.CONTACT_RATE_WINDOW_SECONDS)
    return ngettext(
        "You have sent us %(count)d message in a short time, the most we accept from one "
        "connection. Please try again in %(wait)s, or e-mail us at %(email)s. What you wrote is "
        "still below.",
        "You have sent us %(count)d messages in a short time, the most we accept from one "
        "connection. Please try again in %(wait)s, or e-mail us at %(email)s. What you wrote is "
        "still below.",
        settings.CONTACT_RATE_LIMIT,
    ) % {"count": settings.CONTACT_RATE_LIMIT, "wait": wait, "email": settings.CONTACT_EMAIL}


def _within_rate_limit(client_address):
    return ratelimit.within(
        "contact",
        client_address,
        settings.CONTACT_RATE_LIMIT,
        settings.CONTACT_RATE_WINDOW_SECONDS,
    )
