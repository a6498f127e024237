from django.db import migrations

from shop.groups import grant_shop_permissions


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_orders")]

    operations = [migrations.RunPython(grant_shop_permissions, migrations.RunPython.noop)]
