from django.db import migrations

from freedomstory.permissions import grant_app_permissions


def grant_order_permissions(apps, schema_editor):
    grant_app_permissions(apps, "Shop managers", "shop")


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_orders")]

    operations = [migrations.RunPython(grant_order_permissions, migrations.RunPython.noop)]
