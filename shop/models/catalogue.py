from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from freedomstory.core.image_files import follow_image_files
from freedomstory.core.images import CheckedImageField, Picture
from freedomstory.core.languages import in_every_language
from freedomstory.core.richtext import RichTextField


class ProductQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_listing(self):
        # Lists never show the description, and reading it costs a sanitising pass.
        return (
            self.active()
            .defer("description")
            .prefetch_related("images", prefetch_offered())
            .order_by("sort_order", in_every_language("name"))
        )


def prefetch_offered(with_options=False):
    """Prefetch a product's variants on sale, with their option values, as `product.offered`;
    `with_options` adds the values' options (for pages that name them)."""
    related = ["value1__option", "value2__option"] if with_options else ["value1", "value2"]
    return models.Prefetch(
        "variants",
        queryset=Variant.objects.filter(is_active=True).select_related(*related),
        to_attr="offered",
    )


class Product(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        help_text=_("The end of the product's address, e.g. /shop/woven-tote-bag/."),
    )
    description = RichTextField(blank=True)
    price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        help_text=_("In the shop's currency. A variant may have a price of its own."),
    )
    is_active = models.BooleanField(
        _("on sale"), default=True, help_text=_("Untick to take the product off the shop.")
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )
    is_physical = models.BooleanField(
        _("needs shipping"), default=True, help_text=_("Orders with it ask for a postal address.")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name_en"]  # one order in every language
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0),
                name="product_price_not_negative",
                violation_error_message="A price cannot be negative.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:140] or "product"
        creating = self._state.adding
        super().save(*args, **kwargs)
        if creating:
            # Every product is sold through a variant: one without options has exactly one,
            # with no option values, made here so no path (admin, shell, import) forgets it.
            Variant.objects.create(product=self)

    def get_absolute_url(self):
        return reverse("shop:product", args=[self.slug])

    @property
    def offered_variants(self):
        """The variants a donor may choose: on sale, and of the product's current shape (a
        product that gained options no longer offers its plain variant). Uses `offered` when
        prefetched by `prefetch_offered()`."""
        variants = getattr(self, "offered", None)
        if variants is None:
            variants = list(self.variants.filter(is_active=True).select_related("value1", "value2"))
        with_options = [variant for variant in variants if variant.value1_id is not None]
        return with_options or [variant for variant in variants if variant.value1_id is None]

    @property
    def is_sold_out(self):
        variants = self.offered_variants
        return bool(variants) and all(variant.stock == 0 for variant in variants)

    @property
    def price_range(self):
        """(lowest, highest) price among the variants offered; equal when all cost the same."""
        prices = [variant.unit_price for variant in self.offered_variants] or [self.price]
        return min(prices), max(prices)

    @property
    def picture(self):
        """The first image's picture; uses prefetched images when they were prefetched."""
        images = list(self.images.all())
        return images[0].picture if images else None


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = CheckedImageField(upload_to="shop/%Y/%m/")
    alt = models.CharField(
        _("image description"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.alt

    @property
    def picture(self):
        return Picture(self.renditions) if self.renditions else None


follow_image_files(ProductImage, "image", "renditions")


class ProductOption(models.Model):
    """One way a product varies (Size, Colour): at most two per product."""

    MAX_PER_PRODUCT = 2

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(max_length=40, help_text=_("What donors choose, e.g. Size or Colour."))
    position = models.PositiveSmallIntegerField(
        choices=[(1, _("First")), (2, _("Second"))],
        help_text=_("First or second in a variant's name (“M, Black”: Size first)."),
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["product", "position"], name="option_one_per_position"),
            models.UniqueConstraint(fields=["product", "name"], name="option_names_differ"),
            models.CheckConstraint(
                condition=models.Q(position__in=[1, 2]), name="option_position_first_or_second"
            ),
        ]

    def __str__(self):
        return self.name


class OptionValue(models.Model):
    """One choice of an option (M, Black)."""

    option = models.ForeignKey(ProductOption, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(max_length=40)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["option", "name"], name="option_value_names_differ")
        ]

    def __str__(self):
        return self.name


class Variant(models.Model):
    """What a donor actually buys: a product, in one combination of its option values.

    A product without options has one variant with no values. Stock lives here, per variant;
    the price is the product's unless the variant has its own.
    """

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    # Deleting a value in use would silently change what a variant is: it must be retired first.
    # RESTRICT, not PROTECT: deleting the whole product takes its variants along, and may.
    value1 = models.ForeignKey(
        OptionValue, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    value2 = models.ForeignKey(
        OptionValue, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    sku = models.CharField(
        _("SKU"), max_length=64, blank=True, help_text=_("Your stock code; unique across the shop.")
    )
    price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for the product's price."),
    )
    stock = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("How many are left to sell. Leave empty for no limit (e.g. a digital item)."),
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    # When staff were told that unpaid orders hold much of this variant's stock (shop/holds.py);
    # cleared once they hold less again, so the next rise is told once more.
    hold_alert_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["value1", "value2", "id"]  # each value in its option's order
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(value1__isnull=True),
                name="variant_one_plain_per_product",
            ),
            models.UniqueConstraint(
                fields=["product", "value1"],
                condition=models.Q(value1__isnull=False, value2__isnull=True),
                name="variant_one_per_value",
            ),
            models.UniqueConstraint(
                fields=["product", "value1", "value2"],
                condition=models.Q(value2__isnull=False),
                name="variant_one_per_combination",
            ),
            models.CheckConstraint(
                condition=models.Q(value2__isnull=True) | models.Q(value1__isnull=False),
                name="variant_second_value_needs_first",
            ),
            models.UniqueConstraint(
                fields=["sku"],
                condition=~models.Q(sku=""),
                name="variant_sku_unique",
                violation_error_message="Another variant already has this SKU.",
            ),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0),
                name="variant_price_not_negative",
                violation_error_message="A price cannot be negative.",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def name(self):
        """The chosen values, first option first: "M, Black"; empty for a plain variant."""
        return ", ".join(value.name for value in (self.value1, self.value2) if value is not None)

    @property
    def full_name(self):
        """What the donor buys, in one line: "Freedom Story T-shirt – M, Black"."""
        return f"{self.product.name} – {self.name}" if self.name else self.product.name

    @property
    def unit_price(self):
        return self.product.price if self.price is None else self.price

    def clean(self):
        errors = {}
        for field, position in (("value1", 1), ("value2", 2)):
            value = getattr(self, field)
            if value is None:
                continue
            option = value.option
            if option.product_id != self.product_id or option.position != position:
                errors[field] = _(
                    "“%(value)s” is not a choice of this product's option %(position)s."
                ) % {"value": value.name, "position": position}
        if self.value2_id and not self.value1_id:
            errors["value1"] = _("Choose the first option's value before the second's.")
        if errors:
            raise ValidationError(errors)
        # Which variants may be on sale together (all naming every option) is a rule about the
        # whole table: the admin's VariantFormSet checks it on the table as submitted.
