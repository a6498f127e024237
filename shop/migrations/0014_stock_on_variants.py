# Stock now lives on variants, and a cart line is per variant.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0013_variants_for_existing_products"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="cartline", name="cartline_one_per_product"),
        migrations.RemoveField(model_name="cartline", name="product"),
        # A default only for the way back: the column returns to a table full of lines, and
        # 0013's reverse then fills it from their names.
        migrations.AlterField(
            model_name="cartline",
            name="product_name",
            field=models.CharField(default="", max_length=120),
        ),
        migrations.RemoveField(model_name="cartline", name="product_name"),
        migrations.RemoveField(model_name="product", name="stock"),
        migrations.AddConstraint(
            model_name="cartline",
            constraint=models.UniqueConstraint(
                fields=("cart", "variant"), name="cartline_one_per_variant"
            ),
        ),
        migrations.AlterField(
            model_name="cartline",
            name="name",
            field=models.CharField(help_text="The variant's full name when added.", max_length=200),
        ),
        migrations.AlterField(
            model_name="product",
            name="price",
            field=models.DecimalField(
                decimal_places=2,
                help_text="In the shop's currency. A variant may have a price of its own.",
                max_digits=8,
            ),
        ),
    ]
