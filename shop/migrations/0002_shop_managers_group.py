from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_shop_permissions(apps, schema_editor):
    """Shop managers hold every permission of the shop app, as it stands at this migration.

    Later migrations that add shop models call this again, so the group keeps up.
    """
    shop_config = apps.get_app_config("shop")
    shop_config.models_module = True
    create_permissions(shop_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _created = Group.objects.get_or_create(name="Shop managers")
    managers.permissions.add(*Permission.objects.filter(content_type__app_label="shop"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Shop managers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_shop_permissions, remove_group)]
