"""What people type is text, never control codes: the one rule for every form that takes a name,
an address or a message (the contact form, checkout, the Donate page)."""

import unicodedata

# The bidirectional overrides and isolates: they can make a subject staff read say something
# other than what was sent.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control(character, allowed=""):
    """C0 and C1 controls (NUL, escape, line breaks, DEL), Unicode's line and paragraph breaks,
    and the bidirectional controls; `allowed` lists those a field keeps (a message's breaks)."""
    if character in allowed:
        return False
    return unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in BIDI_CONTROLS


def holds_control(text, allowed=""):
    return any(is_control(character, allowed) for character in text)
