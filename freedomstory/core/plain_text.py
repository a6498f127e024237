"""What people type is text, never control codes: the one rule for every form that takes a name,
an address or a message (the contact form, checkout, the Donate page).

A line break in a name becomes a new header line in an e-mail about it (a `Bcc:` of the
sender's choosing, or an e-mail that fails to send); NUL breaks PostgreSQL; the other controls
(escape, Unicode's breaks, direction overrides) often come from pasting and have no place in a
name or an address. Only a multi-line field (a message, a note) keeps its line breaks and tabs.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext as _

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


# What a multi-line field (a message, a note) keeps.
LINE_BREAKS = "\r\n\t"


def refuse_control_characters(form, multiline=(), skip=()):
    """Make every text field of `form` (but those in `skip`) refuse control characters first,
    with a message naming the field, so the person reads that and not a puzzling one about the
    same character; fields in `multiline` keep line breaks."""
    for name, field in form.fields.items():
        if name in skip or not isinstance(field, forms.CharField):
            continue
        field.validate = _refusing(field, field.label or name.replace("_", " "), name in multiline)


def _refusing(field, label, multiline):
    allowed = LINE_BREAKS if multiline else ""
    if multiline:
        message = _(
            "“%(label)s” holds a hidden control character (line breaks are fine): please type "
            "it again without it."
        ) % {"label": label}
    else:
        what = str(label).lower().removeprefix("your ")
        message = _(
            "Your %(what)s holds a line break or another hidden character: please type it "
            "again on one line."
        ) % {"what": what}
    checks_the_rest = field.validate

    def validate(value):
        if isinstance(value, str) and holds_control(value, allowed):
            raise forms.ValidationError(message, code="control_character")
        checks_the_rest(value)

    return validate
