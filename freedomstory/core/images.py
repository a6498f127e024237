"""Uploaded images, shared by news and shop: checked, made upright, stripped of EXIF, rendered once.

A model keeps the processed original in an ImageField and a JSON record of its renditions, and
lets freedomstory/core/image_files.py look after the files:

    image = CheckedImageField(upload_to="news/", blank=True)
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)

    @property
    def picture(self):
        return Picture(self.image_renditions) if self.image_renditions else None

    follow_image_files(Post, "image", "image_renditions")  # after the class

Templates show that Picture with `{% picture %}` (`{% load pictures %}`). Renditions are made
once (by a task after the upload is saved), never on a page view; until then the record points
at the original (pending_record). The record also carries the finished picture data (the srcset
strings per type, src): rendering reads those strings and asks the storage nothing. They hold
the URLs the storage gave at save time: should media move (a new MEDIA_URL or storage),
`manage.py media_relink` stores each record's picture data again (core/media_relink.py).
Records from before the picture data existed are computed as they are rendered. Files are read
and written through the storage API only (a bucket or a disk alike).

Large uploads are bounded: a JPEG is decoded at 1/2, 1/4 or 1/8 scale when that still covers the
largest rendition, and the stored original is at most twice the largest rendition wide.
"""

import hashlib
import io
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext
from PIL import Image, ImageOps

READABLE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF", "MPO"}

# Most compact first: a browser takes the first <source> it understands.
RENDITION_FORMATS = (
    ("image/avif", "avif", "AVIF", {"quality": 55, "speed": 8}),
    ("image/webp", "webp", "WEBP", {"quality": 78, "method": 4}),
    ("image/jpeg", "jpg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}),
)
FALLBACK_TYPE = "image/jpeg"
FALLBACK_TARGET_WIDTH = 960
# Formats whose decoder can scale while decoding (Image.draft): JPEG and phones' MPO.
DRAFT_FORMATS = {"JPEG", "MPO"}
# EXIF orientations that turn the picture a quarter: the upright width is the stored height.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112


def original_max_width():
    """The widest original we keep: room to spare over the largest rendition, no more."""
    return 2 * max(settings.IMAGE_RENDITION_WIDTHS)


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def _check_and_open(file):
    """Open `file` as an image once its size in bytes and pixels is checked (ValidationError)."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            gettext(
                "This image is %(size)s; the largest we accept is %(limit)s. Please upload a "
                "smaller file."
            ),
            code="image_too_large",
            params={"size": _megabytes(size), "limit": _megabytes(settings.IMAGE_MAX_BYTES)},
        )
    unreadable = ValidationError(
        gettext(
            "This file is not an image we can read. Please upload a JPEG, PNG, WebP, GIF or AVIF."
        ),
        code="invalid_image",
    )
    too_many_pixels = ValidationError(
        gettext(
            "This image has too many pixels to process safely (the limit is %(megapixels)d "
            "megapixels). Please upload a smaller image."
        ),
        code="image_too_many_pixels",
        params={"megapixels": settings.IMAGE_MAX_PIXELS // 1_000_000},
    )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; a bomb must never be decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            width, height = image.size  # read from the header: nothing is decoded yet
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise too_many_pixels
            if image.format not in READABLE_FORMATS:
                raise unreadable
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except Exception:
        raise unreadable from None
    finally:
        file.seek(0)
    return Image.open(file)


def validate_image(value):
    """Field validator: the upload is a real image within the byte and pixel bounds."""
    if not value or getattr(value, "_committed", False):
        return  # unchanged stored files were checked when they were uploaded
    _check_and_open(value)


class CheckedImageField(models.ImageField):
    """An ImageField that accepts only a real image within the byte and pixel bounds.

    The check is a default validator, and the field deconstructs as a plain ImageField, so
    migrations never import this module: a later refactor cannot break a fresh `migrate`.
    """

    default_validators = [validate_image]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def _encode(image, pillow_format, options):
    if pillow_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # No exif= argument: the encoded file carries no EXIF at all (no camera, no GPS location).
    image.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def _decode_at_reduced_scale(image, upright_width):
    """Let the JPEG decoder skip detail the renditions never show, before anything is decoded.

    draft() picks the smallest scale (1/2, 1/4, 1/8) that still leaves the requested size, so a
    24-megapixel photo is decoded at a quarter of its pixels. The bound is on the upright width,
    and draft() runs before the EXIF turn: a photo stored sideways is bounded on its height.
    """
    if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS:
        image.draft("RGB", (1, upright_width))
    else:
        image.draft("RGB", (upright_width, 1))


def _upright_rgb(file):
    with _check_and_open(file) as opened:
        opened.seek(0)  # the first frame of an animation
        if opened.format in DRAFT_FORMATS:
            _decode_at_reduced_scale(opened, max(settings.IMAGE_RENDITION_WIDTHS))
        # In place: otherwise exif_transpose copies the decoded image even when nothing turns.
        ImageOps.exif_transpose(opened, in_place=True)
        opened.load()
        image = opened
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    widest = original_max_width()
    if image.width > widest:
        height = max(1, round(image.height * widest / image.width))
        image = image.resize((widest, height), Image.LANCZOS)
    return image


def _rendition_widths(original_width):
    widths = [w for w in settings.IMAGE_RENDITION_WIDTHS if w < original_width]
    widths.append(min(original_width, max(settings.IMAGE_RENDITION_WIDTHS)))
    return sorted(set(widths))


def processed_original(field_file):
    """(The upright, EXIF-free, size-bounded original as a ContentFile, its decoded image)."""
    image = _upright_rgb(field_file)
    stem = _stem(field_file.name)
    if image.mode == "RGBA":
        original = ContentFile(_encode(image, "PNG", {"optimize": True}), name=f"{stem}.png")
    else:
        original = ContentFile(
            _encode(image, "JPEG", {"quality": 90, "optimize": True}), name=f"{stem}.jpg"
        )
    return original, image


def stored_image(name, storage):
    """The decoded image of a stored original, read through the storage (a bucket or a disk)."""
    with storage.open(name) as file:
        return _upright_rgb(file)


def _stem(name):
    return slugify(PurePosixPath(name or "image").stem)[:40] or "image"


def renditions_folder(original_name):
    """Where the renditions of the original stored as `original_name` go: one folder per
    original, so its files can be found (and deleted) from the original's name alone."""
    return f"renditions/{hashlib.sha256(original_name.encode()).hexdigest()[:32]}"


def write_renditions(image, name, storage):
    """Write `image`'s renditions to storage; return its renditions record."""
    folder = renditions_folder(name)
    stem = _stem(name)
    sources = {mime: [] for mime, *_ in RENDITION_FORMATS}
    for width in _rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for mime, extension, pillow_format, options in RENDITION_FORMATS:
            stored = storage.save(
                f"{folder}/{stem}-{width}.{extension}",
                ContentFile(_encode(resized, pillow_format, options)),
            )
            sources[mime].append([stored, width])
    record = {"width": image.width, "height": image.height, "sources": sources}
    record["picture"] = picture_data(sources, storage)
    return record


def pending_record(name, image, storage):
    """The record of an original whose renditions are still to be made: the original itself is
    the picture, so pages show it (upright and EXIF-free) until the renditions are there."""
    url = storage.url(name)
    return {
        "width": image.width,
        "height": image.height,
        "sources": {},
        "picture": {"src": url, "srcset": f"{url} {image.width}w", "sources": []},
        "pending": name,
    }


def rendition_names(record):
    return [name for entries in (record or {}).get("sources", {}).values() for name, _ in entries]


def delete_renditions(record, storage=None):
    storage = storage or default_storage
    for name in rendition_names(record):
        storage.delete(name)


def delete_image_files(original_name, record, storage):
    """Delete an original, its renditions folder and whatever renditions its record names."""
    delete_renditions(record, storage)
    if not original_name:
        return
    folder = renditions_folder(original_name)
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:  # on disk, a folder never made; a bucket lists nothing instead
        files = []
    for file_name in files:
        storage.delete(f"{folder}/{file_name}")
    storage.delete(original_name)


def picture_data(sources, storage):
    """The strings a <picture> needs, from a record's sources: worked out once, on save.

    {"src": the fallback <img>'s URL, "srcset": its srcset, "sources": [{"type", "srcset"}] for
    the other types, in the order of `sources`}. On save that order is RENDITION_FORMATS' (most
    compact first); a list keeps it in any JSON column (PostgreSQL's jsonb sorts object keys).
    """
    srcsets = {
        mime: ", ".join(f"{storage.url(name)} {width}w" for name, width in entries)
        for mime, entries in sources.items()
    }
    fallbacks = sources[FALLBACK_TYPE]
    fitting = [entry for entry in fallbacks if entry[1] <= FALLBACK_TARGET_WIDTH]
    return {
        "src": storage.url((fitting or fallbacks)[-1][0]),
        "srcset": srcsets[FALLBACK_TYPE],
        "sources": [
            {"type": mime, "srcset": srcset}
            for mime, srcset in srcsets.items()
            if mime != FALLBACK_TYPE
        ],
    }


class Picture:
    """What templates need to render a responsive <picture>, from a renditions record.

    Reads the picture data stored with the record; only a record saved before that data existed
    asks the storage for its URLs, on every render, until the image is saved again.
    """

    def __init__(self, record, storage=None):
        data = record.get("picture") or picture_data(record["sources"], storage or default_storage)
        self.width = record["width"]
        self.height = record["height"]
        self.src = data["src"]
        self.srcset = data["srcset"]
        self.sources = data["sources"]
