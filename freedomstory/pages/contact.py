"""The contact form's rule: who may send, what is sent, and what people are told.

A valid message is e-mailed to staff once the request's database work is committed, with the
sender as Reply-To; nothing is kept on the site, and the sender receives nothing (an address
typed into the form is not proof that its owner asked for mail). Each client address (see
client_address) may send CONTACT_RATE_LIMIT messages in each window of
CONTACT_RATE_WINDOW_SECONDS, counted in the shared cache; when the cache is down the count is
unknown and the message goes through (fail open: losing a real message is worse than a few more
from a robot). A filled trap field is thanked like a real message, counted like one, and sends
nothing.
"""

import enum
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from freedomstory.pages.emails import send_contact_message

THANKS = "Thank you for your message. We read every one and usually reply within a few days."


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
    transaction.on_commit(lambda: send_contact_message(**details))
    return Outcome.SENT


def client_address(request):
    """Whose message this is, for the count: REMOTE_ADDR, or behind the site's proxy
    (BEHIND_PROXY) the address that proxy saw, the last entry of X-Forwarded-For. Behind a
    proxy REMOTE_ADDR is the proxy's for everyone; the entries before the last are whatever the
    client sent, and are believed by nobody."""
    if settings.BEHIND_PROXY:
        last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def too_many_text():
    wait = _duration(settings.CONTACT_RATE_WINDOW_SECONDS)
    return (
        f"You have sent us {settings.CONTACT_RATE_LIMIT} messages in a short time, the most we "
        f"accept from one connection. Please try again in {wait}, or e-mail us at "
        f"{settings.CONTACT_EMAIL}. What you wrote is still below."
    )


def _within_rate_limit(client_address):
    # The key holds a hash, not the address: the cache is no log of who wrote.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address}".encode()).hexdigest()
    window = max(1, settings.CONTACT_RATE_WINDOW_SECONDS)
    # One count per fixed window: the window's number is part of the key.
    key = f"pages:contact-rate:{digest[:32]}:{int(time.time() // window)}"
    cache.add(key, 0, window)  # starts the count; does nothing when it is already running
    try:
        count = cache.incr(key)
    except ValueError:
        # No count: the cache is down (SafeRedisCache answers as for a missing key) or the
        # entry expired between the two calls. Fail open.
        return True
    # The file and database caches give incr()'s result the default timeout (five minutes),
    # which would end the count early: keep it until its window is over.
    cache.touch(key, window)
    return count <= settings.CONTACT_RATE_LIMIT


def _duration(seconds):
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return "an hour" if hours == 1 else f"{hours} hours"
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"
