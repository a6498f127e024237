from django.db import migrations

from freedomstory.permissions import grant_app_permissions


def grant_shop_permissions(apps, schema_editor):
    grant_app_permissions(apps, "Shop managers", "shop")


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Shop managers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_shop_permissions, remove_group)]
