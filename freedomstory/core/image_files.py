"""An image field's files follow their object: processed on save, rendered by a task, deleted with
it. One call per model, after its class:

    follow_image_files(Post, "image", "image_renditions")

- Saving a new upload stores, in the saving request, only what must be there at once: the checked,
  upright, EXIF-free, size-bounded original (location data is never stored). The record then
  points at that original (images.pending_record), so `Picture` and `{% picture %}` show it, and
  the task `make_renditions` is enqueued in the saving transaction: with the database backend its
  row commits with the object or not at all (the worker sees it after commit); with the immediate
  backend it runs there and then, so the renditions are in the record when save() returns. The
  task writes the record with one UPDATE, only while the object still holds that original, and
  retires the cached pages.
- Replacing or clearing the image, and deleting the object (one by one or a queryset's delete:
  Django sends post_delete per object to a model with receivers), delete the old original and its
  renditions once the transaction commits: a rolled-back change deletes nothing.
- `renditions_in_task=False` makes them in the saving call instead: images inside rich text, whose
  <img> markup names the renditions the moment the image is stored (the importer, not a request).

Files nobody refers to (an upload whose transaction rolled back, a crash between two steps) are
listed and removed by `manage.py media_orphans`.
"""

import functools

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from freedomstory.core.images import (
    delete_image_files,
    delete_renditions,
    pending_record,
    processed_original,
    stored_image,
    write_renditions,
)
from freedomstory.core.pagecache import invalidate_public_pages
from freedomstory.core.tasks import background_task

# Every (model, image field, renditions field) follow_image_files was called for: what the
# orphans command asks which files are referred to.
FOLLOWED = []


def follow_image_files(model, field_name, renditions_field_name, *, renditions_in_task=True):
    FOLLOWED.append((model, field_name, renditions_field_name))
    options = {
        "field_name": field_name,
        "renditions_field_name": renditions_field_name,
    }
    uid = f"image_files:{model._meta.label}.{field_name}"
    pre_save.connect(
        functools.partial(_before_save, **options), sender=model, weak=False, dispatch_uid=uid
    )
    post_save.connect(
        functools.partial(_after_save, renditions_in_task=renditions_in_task, **options),
        sender=model,
        weak=False,
        dispatch_uid=uid,
    )
    post_delete.connect(
        functools.partial(_after_delete, **options), sender=model, weak=False, dispatch_uid=uid
    )


def _replaced_key(field_name):
    return f"_replaced_image_files_{field_name}"


def _before_save(sender, instance, raw=False, *, field_name, renditions_field_name, **kwargs):
    if raw:  # loaddata: rows as they were dumped
        return
    field_file = getattr(instance, field_name)
    record = getattr(instance, renditions_field_name) or {}
    if field_file and field_file._committed:
        if record.get("pending") == field_file.name and instance.pk is not None:
            # The task may have made the renditions since this copy was read: keep them.
            stored = _stored(sender, instance.pk, field_name, renditions_field_name)
            if stored and stored[0] == field_file.name and not (stored[1] or {}).get("pending"):
                setattr(instance, renditions_field_name, stored[1])
        return
    # A new upload, or the image cleared: what the row holds now goes once this save commits.
    stored = None
    if instance.pk is not None and (field_file or record):
        stored = _stored(sender, instance.pk, field_name, renditions_field_name)
    old_name, old_record = stored or (None, record)
    if field_file:
        original, image = processed_original(field_file)
        field_file.save(original.name, original, save=False)
        new_record = pending_record(field_file.name, image, field_file.storage)
        setattr(instance, renditions_field_name, new_record)
    else:
        setattr(instance, renditions_field_name, {})
    if old_name or old_record:
        instance.__dict__[_replaced_key(field_name)] = (old_name, old_record)


def _after_save(
    sender, instance, raw=False, *, field_name, renditions_field_name, renditions_in_task, **kwargs
):
    if raw:
        return
    field_file = getattr(instance, field_name)
    replaced = instance.__dict__.pop(_replaced_key(field_name), None)
    if replaced:
        _delete_after_commit(*replaced, field_file.storage)
    record = getattr(instance, renditions_field_name) or {}
    if not field_file or record.get("pending") != field_file.name:
        return
    label = sender._meta.label
    arguments = (label, instance.pk, field_name, renditions_field_name, field_file.name)
    if renditions_in_task:
        # In the saving transaction, not after it: see the module's docstring.
        result = make_renditions.enqueue(*arguments)
        if result.is_finished:  # the immediate backend ran it: this copy gets what it stored
            stored = _stored(sender, instance.pk, field_name, renditions_field_name)
            if stored and stored[0] == field_file.name:
                setattr(instance, renditions_field_name, stored[1])
    else:
        setattr(instance, renditions_field_name, render_image(*arguments) or record)


def _after_delete(sender, instance, *, field_name, renditions_field_name, **kwargs):
    field_file = getattr(instance, field_name)
    record = getattr(instance, renditions_field_name) or {}
    if field_file or record:
        _delete_after_commit(field_file.name or None, record, field_file.storage)


def _delete_after_commit(name, record, storage):
    transaction.on_commit(lambda: delete_image_files(name, record, storage), robust=True)


def _stored(model, pk, field_name, renditions_field_name):
    """(the stored original's name, its record) of row `pk`, or None."""
    return model._base_manager.filter(pk=pk).values_list(field_name, renditions_field_name).first()


@background_task()
def make_renditions(model_label, pk, field_name, renditions_field_name, original_name):
    """Make the renditions of the original `original_name` of row `pk` (render_image)."""
    render_image(model_label, pk, field_name, renditions_field_name, original_name)


def render_image(model_label, pk, field_name, renditions_field_name, original_name):
    """Make the renditions of the original `original_name` of row `pk` if it still holds it, and
    return the record stored; None for a row deleted meanwhile, or whose image was replaced (a
    stale task), or whose renditions are made already (a task run twice)."""
    model = apps.get_model(model_label)
    still_pending = {field_name: original_name, f"{renditions_field_name}__pending": original_name}
    with transaction.atomic():  # a database error here leaves a caller's transaction usable
        if not model._base_manager.filter(pk=pk, **still_pending).exists():
            return None
    storage = model._meta.get_field(field_name).storage
    record = write_renditions(stored_image(original_name, storage), original_name, storage)
    with transaction.atomic():
        updated = model._base_manager.filter(pk=pk, **still_pending).update(
            **{renditions_field_name: record}
        )
    if not updated:  # replaced or deleted while the renditions were made
        delete_renditions(record, storage)
        return None
    transaction.on_commit(invalidate_public_pages, robust=True)
    return record
