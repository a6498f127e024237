import re

from django import forms
from django.conf import settings

from shop.models import Product
from shop.money import currency_symbol, decimal_places, format_money


class ProductChoiceForm(forms.Form):
    product = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": "Choose a product.",
            "invalid": "That is not a product from our shop.",
            "min_value": "That is not a product from our shop.",
        },
    )

    def clean_product(self):
        product = (
            Product.objects.defer("description").filter(pk=self.cleaned_data["product"]).first()
        )
        if product is None:
            raise forms.ValidationError("That product is not in our shop.")
        return product


def _quantity_field(minimum):
    maximum = settings.CART_MAX_QUANTITY
    return forms.IntegerField(
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "required": "Say how many you would like.",
            "invalid": "The quantity must be a whole number.",
            "min_value": f"The quantity must be at least {minimum}.",
            "max_value": f"You can buy up to {maximum} at a time.",
        },
    )


class AddToCartForm(ProductChoiceForm):
    quantity = _quantity_field(1)


class UpdateCartForm(ProductChoiceForm):
    quantity = _quantity_field(0)


class RemoveFromCartForm(ProductChoiceForm):
    pass


THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


class GiftAmountField(forms.DecimalField):
    """An amount to give, within the gift rule's bounds. Takes "$25", "1,000" and " 25 " too:
    donors type amounts as they write them."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=settings.DONATION_MIN,
            max_value=settings.DONATION_MAX,
            decimal_places=decimal_places(),
            max_digits=10,
            error_messages={
                "required": "Enter the amount you would like to give.",
                "invalid": "Enter an amount as a number, like 25.",
                "min_value": f"A gift starts at {format_money(settings.DONATION_MIN)}.",
                "max_value": f"For a gift above {format_money(settings.DONATION_MAX)}, please "
                "contact us.",
                "max_decimal_places": "Enter the amount with at most two decimals.",
                "max_digits": "Enter a smaller amount.",
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix(currency_symbol()).strip()
            if "," in value:
                # Commas only between thousands: a decimal comma ("2,50") would give 100 times
                # the gift meant.
                if not THOUSANDS.fullmatch(value):
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                value = value.replace(",", "")
        return super().to_python(value)


class DonationForm(forms.Form):
    amount = GiftAmountField(label="Your gift")


def first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return "Something in the form was not right."
