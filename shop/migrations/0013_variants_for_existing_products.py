"""Every product so far becomes a product with one plain variant, holding its stock; cart and
order lines point at that variant. Nothing a donor holds or bought changes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Left


def one_variant_each(apps, schema_editor):
    Product = apps.get_model("shop", "Product")
    Variant = apps.get_model("shop", "Variant")
    CartLine = apps.get_model("shop", "CartLine")
    OrderLine = apps.get_model("shop", "OrderLine")
    Variant.objects.bulk_create(
        Variant(product_id=product_id, stock=stock, is_active=True)
        for product_id, stock in Product.objects.values_list("pk", "stock").iterator()
    )
    plain_variant = Subquery(
        Variant.objects.filter(product_id=OuterRef("product_id"), value1__isnull=True).values("pk")[
            :1
        ]
    )
    CartLine.objects.update(name=F("product_name"))
    CartLine.objects.filter(product__isnull=False).update(variant_id=plain_variant)
    OrderLine.objects.filter(product__isnull=False).update(variant_id=plain_variant)


def back_to_product_stock(apps, schema_editor):
    Product = apps.get_model("shop", "Product")
    Variant = apps.get_model("shop", "Variant")
    CartLine = apps.get_model("shop", "CartLine")
    # A product keeps the stock of its plain variant. The old schema has one line per cart and
    # product, by product alone: a line of a plain variant goes back to its product; a line of
    # a chosen size keeps only its name, like a line whose product went (two sizes of one
    # shirt in one cart would break that rule).
    plain_stock = Subquery(
        Variant.objects.filter(product_id=OuterRef("pk"), value1__isnull=True).values("stock")[:1]
    )
    Product.objects.update(stock=plain_stock)
    CartLine.objects.update(product_name=Left("name", 120))
    owner = Subquery(Variant.objects.filter(pk=OuterRef("variant_id")).values("product_id")[:1])
    CartLine.objects.filter(variant__isnull=False, variant__value1__isnull=True).update(
        product_id=owner
    )


def let_shop_managers_edit_variants(apps, schema_editor):
    """Shop managers get the new models' permissions (copied here: migrations import no project
    code; made now so the group holds them on a fresh database)."""
    app_config = apps.get_app_config("shop")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Shop managers")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="shop",
            content_type__model__in=["productoption", "optionvalue", "variant"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0012_product_variants"),
    ]

    operations = [
        migrations.RunPython(one_variant_each, back_to_product_stock),
        migrations.RunPython(let_shop_managers_edit_variants, migrations.RunPython.noop),
    ]
