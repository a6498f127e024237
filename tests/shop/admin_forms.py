"""The admin's product page as a browser posts it, for the catalogue admin's tests."""

from django.urls import reverse

from shop.models import Product, ProductOption
from tests.admin_translated import in_both_languages


def change_url(product):
    return reverse("admin:shop_product_change", args=[product.pk])


def product_form(product, options=(), variants=None, **fields):
    """The product page's POST, as the browser sends it: the product, its option rows, its
    variant rows and an empty photo row."""
    data = {
        "name": product.name,
        "slug": product.slug,
        "description": "",
        "price": str(product.price),
        "is_active": "on",
        "is_physical": "on",
        "sort_order": "0",
        "_save": "Save",
    }
    data.update(fields)
    data = in_both_languages(Product, data)
    stored_options = list(product.options.all())
    options = [in_both_languages(ProductOption, row) for row in options]
    data.update(_inline("options", options, len(stored_options), stored_options))
    variants = variants if variants is not None else []
    stored_variants = list(product.variants.all())
    data.update(_inline("variants", variants, len(stored_variants), stored_variants))
    data.update({"images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0"})
    return data


def _inline(prefix, rows, initial, stored):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        if index < len(stored):
            data[f"{prefix}-{index}-id"] = str(stored[index].pk)
        data[f"{prefix}-{index}-product"] = ""
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def variant_rows(product):
    rows = []
    for variant in product.variants.all():
        row = {
            "value1": str(variant.value1_id or ""),
            "value2": str(variant.value2_id or ""),
            "sku": variant.sku,
            "price": "" if variant.price is None else str(variant.price),
            "stock": "" if variant.stock is None else str(variant.stock),
        }
        if variant.is_active:
            row["is_active"] = "on"
        rows.append(row)
    return rows
