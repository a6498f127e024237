from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_app_permissions(apps, group_name, app_label):
    """Give group `group_name` every permission of `app_label`, creating both if needed.

    Copied into the migration on purpose: a migration never imports project code, so a later
    refactor cannot break a fresh `migrate`. Permissions are normally made after all migrations
    have run; making them here lets the group hold them on a fresh database.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label))


def create_editors_group(apps, schema_editor):
    grant_app_permissions(apps, "Editors", "news")


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
