"""Counting what one client does in a window of time, in the cache every process shares.

One count per fixed window (the window's number is part of the key). Keys hold a keyed hash of
what is counted (an address, an e-mail), never the value itself: the cache is no log of who did
what. When the cache is down the count is unknown and the caller is let through (fail open): a
real donor or writer turned away is worse than a few more requests from a robot.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def count(scope, subject, window_seconds, amount=1):
    """Add `amount` to `subject`'s count in `scope` for the current window and return the new
    total, or None when the cache cannot count (down, or the entry vanished meanwhile)."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{subject}".encode()).hexdigest()
    window = max(1, int(window_seconds))
    key = f"ratelimit:{scope}:{digest[:32]}:{int(time.time() // window)}"
    cache.add(key, 0, window)  # starts the count; does nothing when it is already running
    try:
        total = cache.incr(key, amount)
    except ValueError:
        # SafeRedisCache answers a down Redis as a missing key; or the entry expired between
        # the two calls.
        return None
    # The file and database caches give incr()'s result the default timeout (five minutes),
    # which would end the count early: keep it until its window is over.
    cache.touch(key, window)
    return total


def within(scope, subject, limit, window_seconds, amount=1):
    """Count `amount` for `subject` and say whether it is still within `limit` (fail open)."""
    total = count(scope, subject, window_seconds, amount)
    return total is None or total <= limit


def seconds_left(window_seconds):
    """Seconds until the current window of `window_seconds` ends and every count starts again."""
    window = max(1, int(window_seconds))
    return window - int(time.time()) % window


def wait_words(seconds):
    """A wait as people say it: "a minute", "25 minutes", "an hour", "2 hours"."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return "an hour" if hours == 1 else f"{hours} hours"
    minutes = max(1, -(-seconds // 60))  # rounded up: "try again in 1 minute" must be enough
    return "a minute" if minutes == 1 else f"{minutes} minutes"
