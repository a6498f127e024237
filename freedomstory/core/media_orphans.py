"""Files in the media storage that nothing refers to: `manage.py media_orphans` lists them and,
with --delete, removes them.

Referred to: the file of every file or image field of every model, every file a renditions
record names (images.rendition_names), and every file an address inside any rich-text column
links to (post bodies, site pages, product descriptions, whatever has one), whatever host that
address names: bodies keep the URLs of their day, so after MEDIA_URL moved (a CDN added) their
images are still found, and a person can rewrite the bodies instead of losing the files.
Orphans come from what this project cannot undo inside a transaction: an upload whose save
rolled back, a worker stopped between writing renditions and recording them, files from before
files followed their objects.

Files younger than a grace period are never orphans: an upload in flight has its file before
its row. The storage is walked through its own API (listdir), so a bucket and a disk alike.
"""

import re
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from freedomstory.core.image_files import FOLLOWED
from freedomstory.core.images import rendition_names
from freedomstory.core.languages import as_stored
from freedomstory.core.richtext import RichTextField

# A run of characters up to a quote, a space, a tag's end or a srcset's comma: an address when it
# holds a slash. (One pattern per run, never one that searches a run for its slash: that takes
# time growing with the square of a long run's length.)
RUN = re.compile(r"[^\s\"'<>,]+")


def stored_files(storage, folder=""):
    """Every file's name under `folder`, walking the storage's folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # on disk, no media folder yet
        return
    prefix = f"{folder}/" if folder else ""
    for name in files:
        yield f"{prefix}{name}"
    for sub in folders:
        yield from stored_files(storage, f"{prefix}{sub}")


def referenced_names():
    names = set()
    for model in apps.get_models():
        file_fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        rich_fields = [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        for field_name in file_fields:
            names.update(
                as_stored(model)
                .exclude(**{field_name: ""})
                .values_list(field_name, flat=True)
                .iterator()
            )
        for field_name in rich_fields:
            # Cast: the stored text as it is (the field's own reading sanitises, and drops the
            # images that are not under today's MEDIA_URL).
            raw = Cast(field_name, output_field=models.TextField())
            for body in as_stored(model).values_list(raw, flat=True).iterator():
                names.update(media_names_in(body or ""))
    for model, _field_name, renditions_field_name in FOLLOWED:
        for record in model._base_manager.values_list(renditions_field_name, flat=True).iterator():
            names.update(rendition_names(record))
    return names


def media_names_in(html):
    """The names of the media files a piece of HTML may link to: every tail of every address's
    path ("https://cdn.example/media/richtext/a.jpg" gives "richtext/a.jpg" among others), so
    an address under an earlier MEDIA_URL counts too. More names than files is harmless: only
    a file that no name matches is an orphan."""
    names = set()
    for address in RUN.findall(html):
        if "/" not in address:
            continue
        path = unquote(urlsplit(address).path)
        parts = [part for part in path.split("/") if part]
        names.update("/".join(parts[start:]) for start in range(len(parts)))
    return names


def find_orphans(storage=None, grace=timedelta(hours=1)):
    """The names of the files in `storage` nothing refers to, older than `grace`, sorted."""
    storage = storage or default_storage
    referenced = referenced_names()
    cutoff = timezone.now() - grace
    return sorted(
        name
        for name in stored_files(storage)
        if name not in referenced and storage.get_modified_time(name) < cutoff
    )
