from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from freedomstory.core.images import CheckedImageField, Picture, prepare_image_field
from freedomstory.core.richtext import RichTextField


class ProductQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_listing(self):
        # Lists never show the description, and reading it costs a sanitising pass.
        return (
            self.active()
            .defer("description")
            .prefetch_related("images")
            .order_by("sort_order", "name")
        )


class Product(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        help_text="The end of the product's address, e.g. /shop/woven-tote-bag/.",
    )
    description = RichTextField(blank=True)
    price = models.DecimalField(max_digits=8, decimal_places=2, help_text="In the shop's currency.")
    stock = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many are left to sell. Leave empty for no limit (e.g. a digital item).",
    )
    is_active = models.BooleanField(
        "on sale", default=True, help_text="Untick to take the product off the shop."
    )
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Shown on the home page."
    )
    is_physical = models.BooleanField(
        "needs shipping", default=True, help_text="Orders with it ask for a postal address."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="product_price_not_negative"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:140] or "product"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("shop:product", args=[self.slug])

    @property
    def is_sold_out(self):
        return self.stock == 0

    @property
    def picture(self):
        """The first image's picture; uses prefetched images when they were prefetched."""
        images = list(self.images.all())
        return images[0].picture if images else None


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = CheckedImageField(upload_to="shop/%Y/%m/")
    alt = models.CharField(
        "image description",
        max_length=250,
        help_text="What the photo shows, for people who cannot see it.",
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        prepare_image_field(self, "image", "renditions")
        super().save(*args, **kwargs)

    @property
    def picture(self):
        return Picture(self.renditions) if self.renditions else None
