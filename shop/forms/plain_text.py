"""What a donor types is text, never control codes.

A line break in a name becomes a new header line in the staff notice's "From" of an e-mail
subject (a `Bcc:` of the sender's choosing, or an e-mail that fails to send); NUL breaks
PostgreSQL; other control codes (C0, DEL, C1, Unicode's breaks and direction overrides: the rule of
freedomstory/core/plain_text.py) have no place in a name or an address. Only a
multi-line field (the note) keeps its line breaks.
"""

from django import forms

from freedomstory.core.plain_text import holds_control


def refuse_control_characters(form, multiline=()):
    """Give every text field of `form` a first validator that refuses control characters, with
    a message naming the field; fields in `multiline` may hold line breaks."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        allows_lines = name in multiline
        field.validators.insert(0, _validator(field.label or name.replace("_", " "), allows_lines))


def _validator(label, allows_lines):
    allowed = "\r\n" if allows_lines else ""
    if allows_lines:
        message = (
            f"“{label}” holds a hidden control character (line breaks are fine): please type "
            "it again without it."
        )
    else:
        message = (
            f"Your {label.lower()} holds a line break or another hidden character: please "
            "type it again on one line."
        )

    def validate(value):
        if isinstance(value, str) and holds_control(value, allowed):
            raise forms.ValidationError(message, code="control_character")

    return validate
