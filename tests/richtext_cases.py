"""The models that hold rich text, and the ways their rich text gets written.

Shared by the rich-text tests so that every path is tried on every rich field.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from freedomstory.pages.models import Page
from news.models import Post
from shop.models import Product
from tests.admin_translated import in_both_languages
from tests.news.factories import admin_post_data, make_post
from tests.pages.factories import admin_page_data, make_page
from tests.shop.factories import make_product

FIXTURE_PK = 900


def _post_admin_data(html):
    return admin_post_data(body=html, title="Written in the admin", slug="written-in-the-admin")


def _product_admin_data(html):
    return in_both_languages(
        Product,
        {
            "name": "Written in the admin",
            "slug": "written-in-the-admin",
            "description": html,
            "price": "12.00",
            "stock": "",
            "is_active": "on",
            "is_physical": "on",
            "sort_order": "0",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
        },
    )


@dataclass(frozen=True)
class RichModel:
    model: type
    field: str
    make: Callable  # a saved instance, from the house factory
    new_fields: dict  # enough to build an unsaved instance by hand
    fixture_fields: dict  # the same, as loaddata reads them
    admin_data: Callable
    page_container: str  # the class of the <div> the public page prints the rich text in

    def stored(self, pk, column=None):
        """What the database holds, read with plain SQL: the field also sanitises what it reads,
        and that must not hide a write that stored a script. The column is the active language's
        (`body_en`), where every write path puts the text and every page reads it from, unless
        `column` names another (the column from before languages, which old migrations clean)."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        column = column or build_localized_fieldname(self.field, get_language())
        column = connection.ops.quote_name(self.model._meta.get_field(column).column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
            return cursor.fetchone()[0]

    def public_url(self, pk):
        return self.model.objects.get(pk=pk).get_absolute_url()


POST = RichModel(
    model=Post,
    field="body",
    make=make_post,
    new_fields={"title": "Made in bulk", "slug": "made-in-bulk", "status": "published"},
    fixture_fields={
        "title": "Loaded",
        "slug": "loaded",
        "status": "published",
        "published_at": "2024-01-01T00:00:00Z",
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    },
    admin_data=_post_admin_data,
    page_container="post__body prose",
)

PRODUCT = RichModel(
    model=Product,
    field="description",
    make=make_product,
    new_fields={"name": "Made in bulk", "slug": "made-in-bulk", "price": "9.00"},
    fixture_fields={
        "name": "Loaded",
        "slug": "loaded",
        "price": "9.00",
        "is_active": True,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    },
    admin_data=_product_admin_data,
    page_container="prose product__description",
)

PAGE = RichModel(
    model=Page,
    field="body",
    make=make_page,
    # bulk_create and loaddata skip save(), which makes the address: give it.
    new_fields={"title": "Made in bulk", "slug": "made-in-bulk", "path": "made-in-bulk"},
    fixture_fields={
        "title": "Loaded",
        "slug": "loaded",
        "path": "loaded",
        "published": True,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
    },
    admin_data=lambda html: admin_page_data(
        body=html, title="Written in the admin", slug="written-in-the-admin"
    ),
    page_container="prose site-page__body",
)

RICH_MODELS = {"post": POST, "product": PRODUCT, "page": PAGE}


# Each way of writing returns the pk of the row it wrote `html` into.


def write_in_the_admin(kind, html, *, admin_client, **_):
    meta = kind.model._meta
    response = admin_client.post(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_add"), kind.admin_data(html)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return kind.model.objects.get(slug="written-in-the-admin").pk


def write_from_the_shell(kind, html, **_):
    return kind.make(**{kind.field: html}).pk


def write_with_loaddata(kind, html, *, tmp_path, **_):
    label = kind.model._meta.label_lower
    fixture = tmp_path / "rich.json"
    fields = kind.fixture_fields | {kind.field: html}
    fixture.write_text(json.dumps([{"model": label, "pk": FIXTURE_PK, "fields": fields}]))
    call_command("loaddata", str(fixture), verbosity=0)
    return FIXTURE_PK


def write_with_update(kind, html, **_):
    pk = kind.make().pk
    kind.model.objects.filter(pk=pk).update(**{kind.field: html})
    return pk


def write_with_bulk_create(kind, html, **_):
    [instance] = kind.model.objects.bulk_create(
        [kind.model(**kind.new_fields, **{kind.field: html})]
    )
    return instance.pk


def write_with_bulk_update(kind, html, **_):
    instance = kind.make()
    setattr(instance, kind.field, html)
    kind.model.objects.bulk_update([instance], [kind.field])
    return instance.pk


WRITE_PATHS = {
    "admin": write_in_the_admin,
    "shell-save": write_from_the_shell,
    "loaddata": write_with_loaddata,
    "update": write_with_update,
    "bulk_create": write_with_bulk_create,
    "bulk_update": write_with_bulk_update,
}
