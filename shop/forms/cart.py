import re

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shop.models import Variant
from shop.money import currency_marks, decimal_places, format_money
from shop.variants import options_named

NOT_OFFERED = _("That choice is not offered for this product. Please choose again.")
NOT_A_PRODUCT = _("That is not a product from our shop.")
# The largest id a row of ours can have (a BigAutoField's): SQLite cannot even be asked about
# a larger number, it raises instead of finding nothing.
LARGEST_ID = 2**63 - 1


class VariantChoiceForm(forms.Form):
    """Which variant the donor means: `product`, and `variant` when the product has options.

    A product without options is named by `product` alone (its one variant), as the cart's
    addresses always took it. `cleaned_data` holds the `variant` only, for shop.cart.
    """

    product = forms.IntegerField(
        min_value=1,
        max_value=LARGEST_ID,
        error_messages={
            "required": _("Choose a product."),
            "invalid": NOT_A_PRODUCT,
            "min_value": NOT_A_PRODUCT,
            "max_value": NOT_A_PRODUCT,
        },
    )
    variant = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=LARGEST_ID,
        error_messages={"invalid": NOT_OFFERED, "min_value": NOT_OFFERED, "max_value": NOT_OFFERED},
    )

    def clean(self):
        cleaned = super().clean()
        if "product" not in cleaned or self.has_error("variant"):
            return cleaned
        # All the product's variants in one query: products have a handful.
        variants = list(
            Variant.objects.filter(product_id=cleaned.pop("product"))
            .select_related("product", "value1__option", "value2__option")
            .defer("product__description")
        )
        if not variants:
            raise forms.ValidationError(_("That product is not in our shop."))
        cleaned["variant"] = self._chosen(variants, cleaned.get("variant"))
        return cleaned

    @staticmethod
    def _chosen(variants, variant_id):
        if variant_id is not None:
            for variant in variants:
                if variant.pk == variant_id:
                    return variant
            raise forms.ValidationError(NOT_OFFERED)  # another product's, or none at all
        with_options = [variant for variant in variants if variant.value1_id is not None]
        if with_options:
            wanted = options_named(with_options[0]).lower()
            raise forms.ValidationError(gettext("Choose a %(option)s.") % {"option": wanted})
        return variants[0]


def _quantity_field(minimum):
    maximum = settings.CART_MAX_QUANTITY
    return forms.IntegerField(
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "required": _("Say how many you would like."),
            "invalid": _("The quantity must be a whole number."),
            "min_value": _("The quantity must be at least %(limit_value)s."),
            "max_value": _("You can buy up to %(limit_value)s at a time."),
        },
    )


class AddToCartForm(VariantChoiceForm):
    quantity = _quantity_field(1)


class UpdateCartForm(VariantChoiceForm):
    quantity = _quantity_field(0)


class RemoveFromCartForm(VariantChoiceForm):
    pass


THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


def _bound_text(template, setting):
    # Percent signs doubled: the validator applies its own parameters to the message afterwards.
    amount = format_money(getattr(settings, setting)).replace("%", "%%")
    return str(template) % {"amount": amount}


# Built when shown, in the language of that moment (and with the amount as money.py writes it).
_gift_bound = lazy(_bound_text, str)


class GiftAmountField(forms.DecimalField):
    """An amount to give, within the gift rule's bounds. Takes "$25", "1,000", " 25 ", "US$25"
    and "500 บาท" too: donors type amounts as they write them, in either language."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=settings.DONATION_MIN,
            max_value=settings.DONATION_MAX,
            decimal_places=decimal_places(),
            max_digits=10,
            error_messages={
                "required": _("Enter the amount you would like to give."),
                "invalid": _("Enter an amount as a number, like 25."),
                "min_value": _gift_bound(_("A gift starts at %(amount)s."), "DONATION_MIN"),
                "max_value": _gift_bound(
                    _("For a gift above %(amount)s, please contact us."), "DONATION_MAX"
                ),
                "max_decimal_places": _("Enter the amount with at most two decimals."),
                "max_digits": _("Enter a smaller amount."),
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = _without_currency(value)
            if "," in value:
                # Commas only between thousands: a decimal comma ("2,50") would give 100 times
                # the gift meant.
                if not THOUSANDS.fullmatch(value):
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                value = value.replace(",", "")
        return super().to_python(value)


def _without_currency(value):
    value = value.strip()
    for mark in currency_marks():
        value = value.removeprefix(mark).removesuffix(mark).strip()
    return value


class DonationForm(forms.Form):
    amount = GiftAmountField(label=_("Your gift"))


def first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return gettext("Something in the form was not right.")
