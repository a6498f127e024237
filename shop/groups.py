"""The "Shop managers" group holds every permission of the shop app (used by migrations)."""

from django.contrib.auth.management import create_permissions


def grant_shop_permissions(apps, schema_editor):
    # Permissions are normally made after all migrations; make the shop's now so the group can
    # hold them on a fresh database. Migrations that add shop models call this again.
    shop_config = apps.get_app_config("shop")
    shop_config.models_module = True
    create_permissions(shop_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _created = Group.objects.get_or_create(name="Shop managers")
    managers.permissions.add(*Permission.objects.filter(content_type__app_label="shop"))
