from django import forms

from freedomstory.core.plain_text import refuse_control_characters

NAME_MAX_LENGTH = 120
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 5000


def _too_long(what, limit):
    return (
        f"Please shorten {what} to {limit} characters or fewer (it has %(show_value)s characters)."
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Please tell us your name.",
            "max_length": _too_long("your name", NAME_MAX_LENGTH),
        },
    )
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=EMAIL_MAX_LENGTH,
        help_text="We reply to this address, and use it for nothing else.",
        error_messages={
            "required": "Please give an e-mail address we can reply to.",
            "invalid": "Enter an e-mail address like name@example.org.",
            "max_length": _too_long("your e-mail address", EMAIL_MAX_LENGTH),
        },
    )
    message = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The trap is left alone: whatever a robot puts there is thanked like anything else.
        refuse_control_characters(self, multiline=["message"], skip=["website"])

    @property
    def caught_a_robot(self):
        return bool(self.cleaned_data.get("website"))
