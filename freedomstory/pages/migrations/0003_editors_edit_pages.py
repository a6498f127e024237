from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_app_permissions(apps, group_name, app_label):
    """Give group `group_name` every permission of `app_label`, creating both if needed.

    Copied into the migration on purpose (as news 0002 does): a migration never imports project
    code. Permissions are normally made after all migrations have run; making them here lets the
    group hold them on a fresh database.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label))


def editors_edit_pages(apps, schema_editor):
    grant_app_permissions(apps, "Editors", "pages")


def editors_no_longer_edit_pages(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pages"))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_privacy_notice"),
        ("news", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(editors_edit_pages, editors_no_longer_edit_pages)]
