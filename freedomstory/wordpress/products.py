"""WooCommerce's products into the shop: simple ones with their one variant, variable ones with
their options and a variant per variation, photos from --uploads.

Prices follow WooCommerce's own order (a sale price while on sale, else the regular price, else
`_price`); stock is counted only where WooCommerce managed it. The shop has no product
categories, so `product_cat` is not taken (the report says how many).
"""

from decimal import Decimal, InvalidOperation
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from freedomstory.wordpress.content import describe, id_in, path_of, slug_for, text
from freedomstory.wordpress.models import ImportedItem
from freedomstory.wordpress.records import Decision, fingerprint
from shop import variants as shop_variants
from shop.models import Product, ProductImage, ProductOption, Variant

ATTRIBUTE_PREFIX = "attribute_"


def price_of(meta):
    for key in ("_sale_price", "_regular_price", "_price"):
        value = (meta.get(key) or "").strip()
        if value:
            try:
                price = Decimal(value).quantize(Decimal("0.01"))
            except InvalidOperation:
                continue
            if price.is_finite() and price >= 0:  # "NaN" is a Decimal too
                return price
    return None


def stock_of(meta):
    """WooCommerce's stock: counted only when it managed it; "out of stock" is none left."""
    if meta.get("_stock_status") == "outofstock":
        return 0
    if meta.get("_manage_stock") == "yes":
        try:
            return max(int(Decimal(meta.get("_stock") or "0")), 0)
        except (InvalidOperation, ValueError, OverflowError):  # not a number, NaN, Infinity
            return 0
    return None


def beyond_bounds(price, stock):
    """Why a variant cannot hold this price and stock (more than the database holds), or ""."""
    try:
        Variant(price=price, stock=stock).clean_fields(exclude=["product", "value1", "value2"])
    except ValidationError as error:
        return describe(error.message_dict)
    return ""


def product_fingerprint(product):
    rows = sorted(
        (variant.name, variant.sku, str(variant.price), variant.stock, variant.is_active)
        for variant in product.variants.select_related("value1", "value2")
    )
    photos = list(product.images.order_by("sort_order", "pk").values_list("image", "alt"))
    return fingerprint(
        product.name,
        product.slug,
        product.description,
        str(product.price),
        product.is_active,
        product.is_physical,
        rows,
        photos,
    )


class ProductImporter:
    def __init__(self, importer, export):
        self.importer = importer
        self.variations = {}
        for item in export.items:
            if item.post_type == "product_variation":
                self.variations.setdefault(item.parent_id, []).append(item)
        # Attribute values' names by taxonomy and slug ("pa_size", "m") → "M".
        self.term_names = {(term.taxonomy, term.slug): term.name for term in export.terms}

    def run(self, item):
        importer, records, report = self.importer, self.importer.records, self.importer.report
        who = f"product {item.wp_id}"
        children = sorted(
            self.variations.get(item.wp_id, []), key=lambda c: (c.menu_order, c.wp_id)
        )
        for term in item.terms:
            self.term_names.setdefault((term.taxonomy, term.slug), term.name)
        source = fingerprint(
            item.title,
            item.slug,
            item.content,
            item.excerpt,
            item.status,
            sorted(item.meta.items()),
            [(c.wp_id, c.status, sorted(c.meta.items())) for c in children],
        )
        decision, record = records.decide(
            ImportedItem.Kind.PRODUCT, item.wp_id, source, product_fingerprint
        )
        if not importer.take(decision, "products", who, item, record):
            return
        options = self._options(children, who)
        if options is None:
            return
        if options:
            # A variable product's own `_price` is one of its variations' (WooCommerce writes
            # a row each): the product shows the lowest, variants their own.
            prices = [price_of(child.meta) for child in children]
            price = min((p for p in prices if p is not None), default=None)
        else:
            price = price_of(item.meta)
        if price is None:
            report.problem(f"{who} “{text(item.title)}”: no price in the export; not taken")
            return
        problem = "" if options else beyond_bounds(None, stock_of(item.meta))
        if problem:
            report.problem(f"{who} “{text(item.title)}”: {problem}")
            return
        product = record.target if record is not None else Product()
        product.name = text(item.title, 120) or "Untitled product"
        wanted = slug_for(item.slug, product.name, f"product-{item.wp_id}")
        product.slug = self._free_slug(wanted, product.pk)
        short, _ = importer.bodies.make(item.excerpt, who, pull_quotes=False)
        long, _ = importer.bodies.make(item.content, who, pull_quotes=False)
        product.description = short + long
        product.price = price
        product.is_active = item.status == "publish"
        product.is_physical = item.meta.get("_virtual") != "yes"
        try:
            product.full_clean()
        except ValidationError as error:
            report.problem(f"{who} “{product.name}”: {describe(error.message_dict)}")
            return
        product.save()
        if options:
            self._variants(product, options, children, who)
        else:
            plain = product.variants.filter(value1__isnull=True).first()
            plain.sku = self._free_sku(item.meta.get("_sku", ""), plain.pk, who)
            plain.stock = stock_of(item.meta)
            plain.save(update_fields=["sku", "stock"])
        self._photos(product, item, who)
        records.keep(
            ImportedItem.Kind.PRODUCT,
            item.wp_id,
            product,
            source,
            product_fingerprint(product),
            path_of(item.link),
        )
        report.count("products", "imported" if decision == Decision.CREATE else "updated")

    # --- options and variants ---------------------------------------------------------------------

    def _options(self, children, who):
        """[(option name, attribute key, [(slug, name)])] from the variations, at most two;
        None (reported) when the shop cannot hold them."""
        found = {}
        for child in children:
            for key, value in child.meta.items():
                if key.startswith(ATTRIBUTE_PREFIX):
                    values = found.setdefault(key, [])
                    if value and value not in [slug for slug, _ in values]:
                        values.append((value, self._value_name(key, value)))
        if len(found) > ProductOption.MAX_PER_PRODUCT:
            self.importer.report.problem(
                f"{who}: {len(found)} attributes vary, and a product here varies two ways at most; "
                "not taken"
            )
            return None
        return [(self._option_name(key), key, values) for key, values in found.items()]

    def _option_name(self, key):
        taxonomy = key.removeprefix(ATTRIBUTE_PREFIX)
        return taxonomy.removeprefix("pa_").replace("-", " ").replace("_", " ").capitalize()[:40]

    def _value_name(self, key, value):
        taxonomy = key.removeprefix(ATTRIBUTE_PREFIX)
        return text(self.term_names.get((taxonomy, value)) or unquote(value), 40)

    def _variants(self, product, options, children, who):
        made = {}
        for position, (name, key, values) in enumerate(options, start=1):
            option, _ = ProductOption.objects.get_or_create(
                product=product, position=position, defaults={"name": name}
            )
            names = shop_variants.parse_values(",".join(value_name for _, value_name in values))
            # A value a variant here still names stays (a variation gone from WooCommerce only
            # takes its variant off sale, below): deleting it is refused while in use.
            names += [value.name for value in shop_variants.values_in_use(option, names)]
            shop_variants.set_values(option, names)
            named = {value.name.casefold(): value for value in option.values.all()}
            made[key] = {slug: named[value_name.casefold()] for slug, value_name in values}
        keys = [key for _, key, _ in options]
        taken = {}  # variant id → the variation it was taken from
        for child in children:
            chosen = [child.meta.get(key, "") for key in keys]
            if not all(chosen):
                self.importer.report.problem(
                    f"variation {child.wp_id} of {who}: “any” value for an attribute is not "
                    "something a donor can choose here; not taken"
                )
                continue
            price, stock = price_of(child.meta), stock_of(child.meta)
            price = price if price is not None and price != product.price else None
            problem = beyond_bounds(price, stock)
            if problem:
                self.importer.report.problem(
                    f"variation {child.wp_id} of {who} not taken: {problem}"
                )
                continue
            values = [made[key][slug] for key, slug in zip(keys, chosen, strict=True)]
            variant, _ = Variant.objects.get_or_create(
                product=product,
                value1=values[0],
                value2=values[1] if len(values) > 1 else None,
            )
            if variant.pk in taken:
                self.importer.report.problem(
                    f"variation {child.wp_id} of {who}: the same choices as variation "
                    f"{taken[variant.pk]}; not taken"
                )
                continue
            taken[variant.pk] = child.wp_id
            variant.price, variant.stock = price, stock
            variant.sku = self._free_sku(
                child.meta.get("_sku", ""), variant.pk, f"variation {child.wp_id}"
            )
            variant.is_active = child.status == "publish"
            variant.save()
        # The plain variant, and those of variations no longer in the export: off sale, kept
        # (an order may name them).
        product.variants.exclude(pk__in=taken).update(is_active=False)

    def _free_sku(self, sku, own_pk, who):
        sku = (sku or "").strip()[:64]
        if sku and Variant.objects.filter(sku=sku).exclude(pk=own_pk).exists():
            self.importer.report.problem(f"{who}: SKU {sku} is another variant's here; left empty")
            return ""
        return sku

    @staticmethod
    def _free_slug(wanted, own_pk):
        base = slugify(wanted)[:130] or "product"
        slug, number = base, 2
        while Product.objects.filter(slug=slug).exclude(pk=own_pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    # --- photos -----------------------------------------------------------------------------------

    def _photos(self, product, item, who):
        ids = [item.meta.get("_thumbnail_id", "")]
        ids += (item.meta.get("_product_image_gallery") or "").split(",")
        wanted = []
        for value in map(id_in, ids):
            if value is not None and value not in wanted:
                wanted.append(value)
        if not wanted or product.images.exists():
            return  # photos are taken once; later changes are staff's, here
        for order, attachment_id in enumerate(wanted):
            photo = ProductImage(product=product, sort_order=order)
            # Kept apart before it is set: a translated field reads None back as "".
            alt = self.importer.media.put(photo, "image", attachment_id, who)
            if alt is None:
                continue
            photo.alt = alt
            if not self.importer.dry_run:
                photo.save()
            self.importer.report.count("images", "imported")
