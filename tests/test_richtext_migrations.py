"""The data migrations clean rich text stored before the field sanitised it, and only that."""

import importlib
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from tests.richtext_cases import RICH_MODELS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = {
    "post": ("news.migrations.0004_resanitise_post_bodies", "resanitise_post_bodies"),
    "product": (
        "shop.migrations.0007_resanitise_product_descriptions",
        "resanitise_product_descriptions",
    ),
}
DIRTY = '<p onclick="alert(1)">Old text</p><script>alert(2)</script><a href="javascript:x()">x</a>'


def store_behind_the_fields_back(kind, pk, html):
    """Write as a row stored before this fix would be: straight SQL, no field involved."""
    table = connection.ops.quote_name(kind.model._meta.db_table)
    column = connection.ops.quote_name(kind.model._meta.get_field(kind.field).column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [html, pk])


def run_migration(name):
    module_name, function = MIGRATIONS[name]
    app_label, _, migration_name = module_name.split(".")
    # The models as the migration sees them: plain text fields, so no field cleans up after it.
    state = MigrationLoader(connection).project_state((app_label, migration_name))
    getattr(importlib.import_module(module_name), function)(state.apps, connection.schema_editor())


# Site pages were born with the sanitising field: no rows to clean, no such migration.
@pytest.mark.parametrize("name", MIGRATIONS.keys())
def test_the_data_migration_cleans_a_row_stored_dirty(name):
    kind = RICH_MODELS[name]
    pk = kind.make().pk
    store_behind_the_fields_back(kind, pk, DIRTY)
    assert "<script>" in kind.stored(pk, column=kind.field)
    run_migration(name)
    assert kind.stored(pk, column=kind.field) == '<p>Old text</p><a rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize("name", MIGRATIONS.keys())
def test_the_data_migration_leaves_clean_rows_alone(name):
    kind = RICH_MODELS[name]
    kind.make(**{kind.field: '<h2>Hi</h2><p><a href="https://example.org">a link</a></p>'})
    kind.make(**{kind.field: ""})
    with CaptureQueriesContext(connection) as queries:
        run_migration(name)
    assert not [query for query in queries if query["sql"].lstrip().upper().startswith("UPDATE")]
