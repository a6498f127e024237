"""Staff groups hold whole apps' permissions; data migrations call this (news and shop)."""

from django.contrib.auth.management import create_permissions


def grant_app_permissions(apps, group_name, app_label):
    """Give group `group_name` every permission of `app_label`, creating both if needed.

    Permissions are normally made after all migrations have run; making them here lets the group
    hold them on a fresh database. Migrations that add models to the app call this again.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label))
