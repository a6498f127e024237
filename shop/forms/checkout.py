from django import forms
from django.utils.translation import gettext_lazy as _

from freedomstory.core.plain_text import refuse_control_characters

ADDRESS_FIELDS = ["address_line1", "city", "postcode", "country"]
# Whole sentences, not "Please give your {label}": Thai puts the words in another order.
ADDRESS_REQUIRED = {
    "address_line1": _("Please give your address: we post your order to it."),
    "city": _("Please give your town or city: we post your order to it."),
    "postcode": _("Please give your postcode: we post your order to it."),
    "country": _("Please give your country: we post your order to it."),
}


class CheckoutForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        error_messages={"required": _("Please tell us your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send your receipt here."),
        error_messages={
            "required": _("Please give an email address for your receipt."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    address_line1 = forms.CharField(label=_("Address"), max_length=200, required=False)
    address_line2 = forms.CharField(label=_("Address (line 2)"), max_length=200, required=False)
    city = forms.CharField(label=_("Town or city"), max_length=100, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=20, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    note = forms.CharField(
        label=_("A note for us"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shirt sizes, a dedication for your gift, anything we should know."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the charity stores these details to handle my order, as the privacy "
            "notice describes."
        ),
        error_messages={
            "required": _("Please agree to the privacy notice so we can handle your order.")
        },
    )

    def __init__(self, *args, needs_shipping, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_shipping = needs_shipping
        refuse_control_characters(self, multiline=["note"])
        if not needs_shipping:
            for name in [*ADDRESS_FIELDS, "address_line2"]:
                del self.fields[name]
            return
        for name in ADDRESS_FIELDS:
            field = self.fields[name]
            field.required = True
            field.error_messages["required"] = ADDRESS_REQUIRED[name]

    def donor_details(self):
        return {
            name: self.cleaned_data.get(name, "").strip()
            for name in ["name", "email", *ADDRESS_FIELDS, "address_line2", "note"]
        }
