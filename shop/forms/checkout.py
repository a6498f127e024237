from django import forms

from freedomstory.core.plain_text import refuse_control_characters

ADDRESS_FIELDS = ["address_line1", "city", "postcode", "country"]


class CheckoutForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=120, error_messages={"required": "Please tell us your name."}
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="We send your receipt here.",
        error_messages={
            "required": "Please give an email address for your receipt.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    address_line1 = forms.CharField(label="Address", max_length=200, required=False)
    address_line2 = forms.CharField(label="Address (line 2)", max_length=200, required=False)
    city = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=20, required=False)
    country = forms.CharField(label="Country", max_length=100, required=False)
    note = forms.CharField(
        label="A note for us",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shirt sizes, a dedication for your gift, anything we should know.",
    )
    consent = forms.BooleanField(
        label="I agree that the charity stores these details to handle my order, as the privacy "
        "notice describes.",
        error_messages={
            "required": "Please agree to the privacy notice so we can handle your order."
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
            field.error_messages["required"] = (
                f"Please give your {field.label.lower()}: we post your order to it."
            )

    def donor_details(self):
        return {
            name: self.cleaned_data.get(name, "").strip()
            for name in ["name", "email", *ADDRESS_FIELDS, "address_line2", "note"]
        }
