# Words staff read when a SKU is taken or a price is negative; a product with options may be
# deleted whole, while a choice in use alone still may not. Nothing changes in the tables.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0014_stock_on_variants'),
    ]

    operations = [
        migrations.AlterField(
            model_name='variant',
            name='value1',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='+', to='shop.optionvalue'),
        ),
        migrations.AlterField(
            model_name='variant',
            name='value2',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='+', to='shop.optionvalue'),
        ),
        migrations.AlterConstraint(
            model_name='product',
            name='product_price_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('price__gte', 0)), name='product_price_not_negative', violation_error_message='A price cannot be negative.'),
        ),
        migrations.AlterConstraint(
            model_name='variant',
            name='variant_sku_unique',
            constraint=models.UniqueConstraint(condition=models.Q(('sku', ''), _negated=True), fields=('sku',), name='variant_sku_unique', violation_error_message='Another variant already has this SKU.'),
        ),
        migrations.AlterConstraint(
            model_name='variant',
            name='variant_price_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('price__isnull', True), ('price__gte', 0), _connector='OR'), name='variant_price_not_negative', violation_error_message='A price cannot be negative.'),
        ),
    ]
