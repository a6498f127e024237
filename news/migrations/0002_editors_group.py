from django.contrib.auth.management import create_permissions
from django.db import migrations

NEWS_MODELS = ["post", "quote", "category"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make the news ones now so the group
    # can hold them on a fresh database.
    news_config = apps.get_app_config("news")
    news_config.models_module = True
    create_permissions(news_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model in NEWS_MODELS for action in ACTIONS]
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
