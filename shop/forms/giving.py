from django import forms
from django.utils.translation import gettext_lazy as _

from freedomstory.core.plain_text import refuse_control_characters
from shop.forms.cart import GiftAmountField

ONCE, MONTHLY = "once", "monthly"


class GiftChoiceForm(forms.Form):
    """The Donate page's choice (and the home page's): how much, and how often.

    `amount` is a suggested amount or (from the home page) any amount typed in; `other_amount`
    is the donor's own figure. What may be given is the cart's gift field and the
    gift rule behind it: this form only finds out which figure the donor meant.
    """

    frequency = forms.ChoiceField(
        choices=[(ONCE, _("One time")), (MONTHLY, _("Monthly"))],
        required=False,
        error_messages={"invalid_choice": _("Choose a one-time or a monthly gift.")},
    )
    amount = forms.CharField(
        required=False, max_length=20, error_messages={"max_length": _("Enter a smaller amount.")}
    )
    other_amount = forms.CharField(
        required=False, max_length=20, error_messages={"max_length": _("Enter a smaller amount.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_control_characters(self)

    def clean_frequency(self):
        return self.cleaned_data["frequency"] or ONCE

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        other = cleaned.get("other_amount", "").strip()
        chosen = cleaned.get("amount", "").strip()
        # A figure typed in the "other amount" box is the most deliberate answer the donor gave.
        field, typed = ("other_amount", other) if other else ("amount", chosen)
        try:
            cleaned["gift"] = GiftAmountField().clean(typed)
        except forms.ValidationError as error:
            self.add_error(field, error)
        return cleaned

    @property
    def is_monthly(self):
        return self.cleaned_data.get("frequency") == MONTHLY
