# Options, their values and variants; cart and order lines gain a variant (filled by 0013).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0011_order_desk"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductOption",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="What donors choose, e.g. Size or Colour.", max_length=40
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "First"), (2, "Second")],
                        help_text="First or second in a variant's name (“M, Black”: Size first).",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="options",
                        to="shop.product",
                    ),
                ),
            ],
            options={"ordering": ["position"]},
        ),
        migrations.CreateModel(
            name="OptionValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=40)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                (
                    "option",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="values",
                        to="shop.productoption",
                    ),
                ),
            ],
            options={"ordering": ["sort_order", "id"]},
        ),
        migrations.CreateModel(
            name="Variant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "sku",
                    models.CharField(
                        blank=True,
                        help_text="Your stock code; unique across the shop.",
                        max_length=64,
                        verbose_name="SKU",
                    ),
                ),
                (
                    "price",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Leave empty for the product's price.",
                        max_digits=8,
                        null=True,
                    ),
                ),
                (
                    "stock",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="How many are left to sell. Leave empty for no limit (e.g. a digital item).",
                        null=True,
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="on sale")),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="variants",
                        to="shop.product",
                    ),
                ),
                (
                    "value1",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="shop.optionvalue",
                    ),
                ),
                (
                    "value2",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="shop.optionvalue",
                    ),
                ),
            ],
            options={"ordering": ["value1", "value2", "id"]},
        ),
        migrations.AddConstraint(
            model_name="productoption",
            constraint=models.UniqueConstraint(
                fields=("product", "position"), name="option_one_per_position"
            ),
        ),
        migrations.AddConstraint(
            model_name="productoption",
            constraint=models.UniqueConstraint(
                fields=("product", "name"), name="option_names_differ"
            ),
        ),
        migrations.AddConstraint(
            model_name="productoption",
            constraint=models.CheckConstraint(
                condition=models.Q(("position__in", [1, 2])), name="option_position_first_or_second"
            ),
        ),
        migrations.AddConstraint(
            model_name="optionvalue",
            constraint=models.UniqueConstraint(
                fields=("option", "name"), name="option_value_names_differ"
            ),
        ),
        migrations.AddConstraint(
            model_name="variant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("value1__isnull", True)),
                fields=("product",),
                name="variant_one_plain_per_product",
            ),
        ),
        migrations.AddConstraint(
            model_name="variant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("value1__isnull", False), ("value2__isnull", True)),
                fields=("product", "value1"),
                name="variant_one_per_value",
            ),
        ),
        migrations.AddConstraint(
            model_name="variant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("value2__isnull", False)),
                fields=("product", "value1", "value2"),
                name="variant_one_per_combination",
            ),
        ),
        migrations.AddConstraint(
            model_name="variant",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("value2__isnull", True), ("value1__isnull", False), _connector="OR"
                ),
                name="variant_second_value_needs_first",
            ),
        ),
        migrations.AddConstraint(
            model_name="variant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("sku", ""), _negated=True),
                fields=("sku",),
                name="variant_sku_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="variant",
            constraint=models.CheckConstraint(
                condition=models.Q(("price__isnull", True), ("price__gte", 0), _connector="OR"),
                name="variant_price_not_negative",
            ),
        ),
        migrations.AddField(
            model_name="cartline",
            name="variant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="cart_lines",
                to="shop.variant",
            ),
        ),
        migrations.AddField(
            model_name="cartline",
            name="name",
            field=models.CharField(
                default="", help_text="The variant's full name when added.", max_length=200
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="orderline",
            name="variant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="order_lines",
                to="shop.variant",
            ),
        ),
    ]
