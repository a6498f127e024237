from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

# First words for the default suggested amounts; staff rewrite them in the admin.
FIRST_LINES = {
    Decimal("25"): "A month of school transport for one child in the hills",
    Decimal("50"): "Uniform, shoes and books for a child starting the school year",
    Decimal("100"): "A term of after-school tutoring and a meal each evening",
}


def add_first_lines(apps, schema_editor):
    GiftImpact = apps.get_model("shop", "GiftImpact")
    for amount, text in FIRST_LINES.items():
        GiftImpact.objects.get_or_create(amount=amount, defaults={"text": text})


def let_shop_managers_see_gifts(apps, schema_editor):
    """Shop managers get the new models' permissions (copied here: migrations import no project
    code). Permissions are normally made after all migrations; making them here lets the group
    hold them on a fresh database."""
    app_config = apps.get_app_config("shop")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Shop managers")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="shop",
            content_type__model__in=["giftimpact", "monthlygift", "monthlygiftpayment"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [("shop", "0008_monthly_gifts"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(add_first_lines, migrations.RunPython.noop),
        migrations.RunPython(let_shop_managers_see_gifts, migrations.RunPython.noop),
    ]
