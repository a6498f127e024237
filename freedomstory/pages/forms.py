from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from freedomstory.core.plain_text import refuse_control_characters

NAME_MAX_LENGTH = 120
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 5000


def _too_long(what, limit):
    # %(show_value)s is filled in by Django's MaxLengthValidator, when the message is shown.
    return format_lazy(what, limit=limit)


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Please tell us your name."),
            "max_length": _too_long(
                _(
                    "Please shorten your name to {limit} characters or fewer (it has "
                    "%(show_value)s characters)."
                ),
                NAME_MAX_LENGTH,
            ),
        },
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We reply to this address, and use it for nothing else."),
        error_messages={
            "required": _("Please give an e-mail address we can reply to."),
            "invalid": _("Enter an e-mail address like name@example.org."),
            "max_length": _too_long(
                _(
                    "Please shorten your e-mail address to {limit} characters or fewer (it has "
                    "%(show_value)s characters)."
                ),
                EMAIL_MAX_LENGTH,
            ),
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please write your message."),
            "max_length": _too_long(
                _(
                    "Please shorten your message to {limit} characters or fewer (it has "
                    "%(show_value)s characters)."
                ),
                MESSAGE_MAX_LENGTH,
            ),
        },
    )
    # The trap for robots, which fill in every field they find: hidden from people, and labelled
    # for screen readers to leave empty. Never an error: a filled trap is thanked like anyone
    # else, so a robot learns nothing (freedomstory/pages/contact.py).
    website = forms.CharField(
        label=_("Leave this field empty: it is here to catch spam robots"),
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
