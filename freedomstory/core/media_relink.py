"""After media moved to a new MEDIA_URL (local disk to a bucket, a CDN put in front):
`manage.py media_relink --from OLD_MEDIA_URL` points what the database holds at the new one.

Pages link images by the URLs stored at save time, never asking the storage again: a renditions
record's picture data (freedomstory/core/images.py) and each <img> inside rich text. Moved
files are found again only once those say where they are now. The command works out every
record's picture data again from its file names, and rewrites, in every rich-text column, each
address that starts with the old MEDIA_URL. It asks the storage only for URLs (no file is read
or copied: copying the files is the operator's step before it) and may be run again.
"""

import re
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast

from freedomstory.core.image_files import FOLLOWED
from freedomstory.core.images import pending_record, picture_data
from freedomstory.core.languages import as_stored
from freedomstory.core.pagecache import invalidate_public_pages
from freedomstory.core.richtext import RichTextField


def relink(old_media_url):
    """Point records and bodies at settings.MEDIA_URL; returns (records, bodies) changed."""
    with transaction.atomic():
        records = sum(_relink_records(*followed) for followed in FOLLOWED)
        bodies = _relink_bodies(old_media_url) if old_media_url != settings.MEDIA_URL else 0
    transaction.on_commit(invalidate_public_pages, robust=True)
    return records, bodies


def relinked_record(record, storage):
    if record.get("sources"):
        return record | {"picture": picture_data(record["sources"], storage)}
    if record.get("pending"):
        size = SimpleNamespace(width=record["width"], height=record["height"])
        return pending_record(record["pending"], size, storage)
    return record


def _relink_records(model, field_name, renditions_field_name):
    storage = model._meta.get_field(field_name).storage
    changed = 0
    rows = model._base_manager.values_list("pk", renditions_field_name)
    for pk, record in rows.iterator():
        new = relinked_record(record or {}, storage)
        if new != (record or {}):
            model._base_manager.filter(pk=pk).update(**{renditions_field_name: new})
            changed += 1
    return changed


def _relink_bodies(old_media_url):
    # The old prefix where an address starts: after an attribute's quote, or a srcset's comma.
    old = re.compile(r"""(["',]\s*)""" + re.escape(old_media_url))
    changed = set()  # (model, pk): a body counts once, whichever of its language columns changed
    for model, field_names in _rich_text_fields():
        for field_name in field_names:
            # Cast: the text as stored (the field's own reading drops images under the old URL).
            raw = Cast(field_name, output_field=models.TextField())
            rows = as_stored(model).values_list("pk", raw)
            for pk, body in rows.iterator():
                new = old.sub(lambda found: found[1] + settings.MEDIA_URL, body or "")
                if new != (body or ""):
                    as_stored(model).filter(pk=pk).update(**{field_name: new})
                    changed.add((model, pk))
    return len(changed)


def _rich_text_fields():
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        if names:
            yield model, names
