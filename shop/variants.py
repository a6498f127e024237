"""Products with options: the choices a product page offers, and the catalogue work staff do in
the admin (a product's option values from one line of text, all combinations at once).

What may be bought stays the purchase rule's (shop/purchase.py); this module only arranges the
variants a product offers so a donor can choose one.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from shop import purchase
from shop.models import OptionValue, Product, ProductOption, Variant

LOW_STOCK = 5  # "Only 5 left" from this down, on the product page and in the admin's list


# --- The product page's choices ------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    variant: Variant
    label: str  # the first option's value ("M"); the group says the second ("Black")
    price: object
    sold_out: bool
    left: int | None  # how many are left, when few


@dataclass
class ChoiceGroup:
    name: str  # the second option's value, or "" when the product varies one way
    choices: list = field(default_factory=list)


@dataclass
class Picker:
    """The variants of a product with options, as the product page lays them out: one group per
    value of the second option (Black, Natural), each with a choice per value of the first."""

    legend: str  # "Size", "Size and colour"
    groups: list

    @property
    def can_buy(self):
        return any(not choice.sold_out for group in self.groups for choice in group.choices)


def picker(product):
    """How the product page lets a donor choose; None for a product without options."""
    variants = [variant for variant in product.offered_variants if variant.value1_id is not None]
    if not variants:
        return None
    groups = {}
    for variant in sorted(variants, key=_display_order):
        group_name = variant.value2.name if variant.value2_id is not None else ""
        verdict = purchase.check(variant, 1)
        left = few_left(variant)
        groups.setdefault(group_name, ChoiceGroup(group_name)).choices.append(
            Choice(variant, variant.value1.name, variant.unit_price, verdict.quantity == 0, left)
        )
    return Picker(options_named(variants[0]), list(groups.values()))


def options_named(variant):
    """The options a variant's choices belong to, as a donor reads them: "Size and colour"."""
    names = [value.option.name for value in (variant.value1, variant.value2) if value is not None]
    if len(names) < 2:
        return "".join(names)
    return gettext("%(first)s and %(second)s") % {"first": names[0], "second": names[1].lower()}


def _display_order(variant):
    second = variant.value2
    return (
        (second.sort_order, second.pk) if second is not None else (0, 0),
        (variant.value1.sort_order, variant.value1.pk),
    )


# --- The admin's catalogue work -----------------------------------------------------------------


def parse_values(text):
    """ "S, M, L, XL" → ["S", "M", "L", "XL"]: trimmed, blanks and repeats dropped, order kept."""
    seen = []
    for part in text.replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in (known.casefold() for known in seen):
            seen.append(name)
    return seen


def values_in_use(option, names):
    """The option's current values that are not in `names` but still name a variant."""
    keep = {name.casefold() for name in names}
    gone = [value for value in option.values.all() if value.name.casefold() not in keep]
    used = set(Variant.objects.filter(value1__in=gone).values_list("value1", flat=True)) | set(
        Variant.objects.filter(value2__in=gone).values_list("value2", flat=True)
    )
    return [value for value in gone if value.pk in used]


@transaction.atomic
def set_values(option, names, thai_names=()):
    """Make the option's values exactly `names` (English), in that order, each named
    `thai_names[i]` in Thai when given (one for each; none keeps the Thai names they have);
    existing ones keep their id (so their variants stay), new ones are added, unused ones that
    are not listed go."""
    existing = {value.name_en.casefold(): value for value in option.values.all()}
    thai_names = list(thai_names) if len(thai_names) == len(names) else [None] * len(names)
    for sort_order, (name, thai) in enumerate(zip(names, thai_names, strict=True)):
        value = existing.pop(name.casefold(), None)
        if value is None:
            OptionValue.objects.create(
                option=option, name_en=name, name_th=thai, sort_order=sort_order
            )
        else:
            thai = value.name_th if thai is None else thai
            if (value.name_en, value.name_th, value.sort_order) != (name, thai, sort_order):
                value.name_en, value.name_th, value.sort_order = name, thai, sort_order
                value.save(update_fields=["name_en", "name_th", "sort_order"])
    for value in existing.values():
        value.delete()  # RESTRICT refuses if a variant still uses it: values_in_use checks first


@transaction.atomic
def create_all_combinations(product):
    """Add a variant for every combination of the product's option values it does not have yet
    (on sale, at the product's price); retire the variants that name fewer options (the plain
    one; those of the first option alone, once there is a second), since donors now choose every
    option. Returns how many were added.

    A new variant of a product whose stock was counted starts at 0, sold out until staff count
    it: without a limit, the sizes of a shirt with 30 on the shelf would sell past 30.
    """
    options = list(ProductOption.objects.filter(product=product).prefetch_related("values"))
    if not options:
        return 0
    firsts = list(options[0].values.all())
    seconds = list(options[1].values.all()) if len(options) > 1 else [None]
    have = set(
        Variant.objects.filter(product=product, value1__isnull=False).values_list(
            "value1", "value2"
        )
    )
    taken_skus = set(Variant.objects.exclude(sku="").values_list("sku", flat=True))
    counted = Variant.objects.filter(product=product, stock__isnull=False).exists()
    added = []
    for second in seconds:
        for first in firsts:
            key = (first.pk, second.pk if second else None)
            if key in have:
                continue
            sku = _free_sku(product, first, second, taken_skus)
            taken_skus.add(sku)
            added.append(
                Variant(
                    product=product,
                    value1=first,
                    value2=second,
                    sku=sku,
                    stock=0 if counted else None,
                )
            )
    Variant.objects.bulk_create(added)
    last_choice = "value2" if len(options) > 1 else "value1"
    Variant.objects.filter(product=product, **{f"{last_choice}__isnull": True}).update(
        is_active=False
    )
    # bulk_create and update send no signal: the product page must show the new choices.
    Product.objects.get(pk=product.pk).save(update_fields=["updated_at"])
    return len(added)


def _free_sku(product, first, second, taken):
    parts = [product.slug, first.name] + ([second.name] if second else [])
    base = slugify("-".join(parts)).upper()[:60] or "VARIANT"
    sku, number = base, 2
    while sku in taken:
        sku = f"{base}-{number}"
        number += 1
    return sku


def few_left(variant):
    """How many of `variant` are left, when that is few enough to say; else None."""
    if variant.stock is not None and variant.stock <= LOW_STOCK:
        return variant.stock
    return None


def low_stock(product):
    """The product's variants on sale with few left (prefetched `offered` when present)."""
    return [variant for variant in product.offered_variants if few_left(variant) is not None]
