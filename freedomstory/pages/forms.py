from django import forms
from django.core.exceptions import ValidationError

from freedomstory.core.plain_text import holds_control

NAME_MAX_LENGTH = 120
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 5000


class _RefusesControlCharacters:
    """Refuses invisible control characters (NUL, escape, a line break in a one-line field…),
    which often come from pasting and could split an e-mail header. Checked before the other
    rules, so the person reads this message and not a puzzling one about the same character."""

    allowed = ""  # control characters the field keeps (a message keeps its line breaks)

    def __init__(self, *args, what, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["control"] = (
            f"Please remove the invisible control characters from {what} (they often come "
            "from copying and pasting)."
        )

    def validate(self, value):
        super().validate(value)
        if holds_control(value or "", self.allowed):
            raise ValidationError(self.error_messages["control"], code="control")


class _PlainTextField(_RefusesControlCharacters, forms.CharField):
    pass


class _MessageField(_RefusesControlCharacters, forms.CharField):
    allowed = "\n\r\t"


class _EmailField(_RefusesControlCharacters, forms.EmailField):
    pass


def _too_long(what, limit):
    return (
        f"Please shorten {what} to {limit} characters or fewer (it has %(show_value)s characters)."
    )


class ContactForm(forms.Form):
    name = _PlainTextField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        what="your name",
        error_messages={
            "required": "Please tell us your name.",
            "max_length": _too_long("your name", NAME_MAX_LENGTH),
        },
    )
    email = _EmailField(
        label="Your e-mail address",
        max_length=EMAIL_MAX_LENGTH,
        what="your e-mail address",
        help_text="We reply to this address, and use it for nothing else.",
        error_messages={
            "required": "Please give an e-mail address we can reply to.",
            "invalid": "Enter an e-mail address like name@example.org.",
            "max_length": _too_long("your e-mail address", EMAIL_MAX_LENGTH),
        },
    )
    message = _MessageField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        what="your message",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Please write your message.",
            "max_length": _too_long("your message", MESSAGE_MAX_LENGTH),
        },
    )
    # The trap for robots, which fill in every field they find: hidden from people, and labelled
    # for screen readers to leave empty. Never an error: a filled trap is thanked like anyone
    # else, so a robot learns nothing (freedomstory/pages/contact.py).
    website = forms.CharField(
        label="Leave this field empty: it is here to catch spam robots",
        required=False,
        strip=False,
    )

    @property
    def caught_a_robot(self):
        return bool(self.cleaned_data.get("website"))
