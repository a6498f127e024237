"""Counting what one client does in a window of time, in the cache every process shares.

One count per fixed window (the window's number is part of the key); `reserve` also reads the
window before, for limits that must hold over any span of one window. Keys hold a keyed hash of
what is counted (an address, an e-mail), never the value itself: the cache is no log of who did
what. When the cache is down the count is unknown and the caller is let through (fail open): a
real donor or writer turned away is worse than a few more requests from a robot.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext, ngettext


def count(scope, subject, window_seconds, amount=1):
    """Add `amount` to `subject`'s count in `scope` for the current window and return the new
    total, or None when the cache cannot count (down, or the entry vanished meanwhile)."""
    window = _window(window_seconds)
    return _add(_key(scope, subject, int(time.time() // window)), amount, window)


@dataclass(frozen=True)
class Reservation:
    """What `reserve` counted: this window's total and the one before it (None when the cache
    cannot count), and how to give it back."""

    key: str
    amount: int
    current: int | None
    previous: int
    keep_seconds: int

    @property
    def total(self):
        return None if self.current is None else self.current + self.previous

    def give_back(self):
        # The same key it was taken from, even when a new window began meanwhile.
        _add(self.key, -self.amount, self.keep_seconds)


def reserve(scope, subject, window_seconds, amount=1):
    """Count `amount` in the current window and read the total of this window and the one
    before it. A limit on that total holds for every span of one window, not only for each
    fixed window: with fixed windows alone, a client could take its allowance at 5:59 and again
    at 6:00."""
    window = _window(window_seconds)
    number = int(time.time() // window)
    key = _key(scope, subject, number)
    keep = 2 * window  # the next window reads this one's count
    current = _add(key, amount, keep)
    previous = cache.get(_key(scope, subject, number - 1), 0) if current is not None else 0
    return Reservation(key, amount, current, previous, keep)


def _window(window_seconds):
    return max(1, int(window_seconds))


def _key(scope, subject, number):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{subject}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}:{number}"


def _add(key, amount, keep_seconds):
    cache.add(key, 0, keep_seconds)  # starts the count; does nothing when it is already running
    try:
        total = cache.incr(key, amount)
    except ValueError:
        # SafeRedisCache answers a down Redis as a missing key; or the entry expired between
        # the two calls.
        return None
    # The file and database caches give incr()'s result the default timeout (five minutes),
    # which would end the count early: keep it as long as it is read.
    cache.touch(key, keep_seconds)
    return total


def within(scope, subject, limit, window_seconds, amount=1):
    """Count `amount` for `subject` and say whether it is still within `limit` (fail open)."""
    total = count(scope, subject, window_seconds, amount)
    return total is None or total <= limit


def seconds_left(window_seconds):
    """Seconds until the current window of `window_seconds` ends and every count starts again."""
    window = _window(window_seconds)
    return window - int(time.time()) % window


def wait_words(seconds):
    """A wait as people say it: "a minute", "25 minutes", "an hour", "2 hours"."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        if hours == 1:
            return gettext("an hour")
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, -(-seconds // 60))  # rounded up: "try again in 1 minute" must be enough
    if minutes % 60 == 0:
        return wait_words(minutes * 60)
    if minutes == 1:
        return gettext("a minute")
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
