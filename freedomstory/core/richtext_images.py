"""Images inside rich text: stored through the same image code as every other image.

`store_body_image` is for code that brings bodies in from elsewhere (the WordPress importer):
it stores one image file and returns the <img> to put in the body where the old one was.
Staff do not insert images in the admin's editor.

A body image is a plain <img srcset> of the fallback type's renditions (JPEG), not a <picture>
with AVIF and WebP sources: those would add <picture> and <source> (and their srcsets) to the
allow-list the sanitiser enforces on every body, for images that are a small part of a page.
The other types' renditions are made all the same, should bodies ever want them.
"""

import hashlib

from django.core.exceptions import ImproperlyConfigured
from django.utils.html import format_html

from freedomstory.core.models import RichTextImage
from freedomstory.core.richtext import sanitize_html

# A post's body is about 46rem wide at most (its measure, 68ch), a product description less.
BODY_IMAGE_SIZES = "(min-width: 50rem) 46rem, 100vw"


def store_body_image(file, alt=""):
    """Store `file` (a django File: a ContentFile with a name will do) and return its <img>.

    The file is checked like every upload (a real image within the byte and pixel bounds:
    ValidationError otherwise, whose messages say why), turned upright, stripped of EXIF, and
    its renditions are made. The same file stored again reuses the first copy. The markup is
    returned as the sanitiser keeps it, so a body holding it is stored as written.
    """
    image = RichTextImage(image=file, alt=alt)
    # The model's save() would store anything: run the field's checks here, before it does.
    image.full_clean(exclude={"upload_sha256"}, validate_unique=False)
    image.upload_sha256 = _sha256(file)
    image = RichTextImage.objects.filter(upload_sha256=image.upload_sha256).first() or image
    if image.pk is None:
        image.save()
    return body_image_markup(image, alt)


def body_image_markup(image, alt):
    """The <img> for a stored RichTextImage: the fallback renditions, the original's size."""
    picture = image.picture
    markup = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}">',
        picture.src,
        picture.srcset,
        BODY_IMAGE_SIZES,
        picture.width,
        picture.height,
        alt,
    )
    kept = sanitize_html(markup)
    if not kept:
        # Better to stop an import than to fill bodies with images the sanitiser drops.
        raise ImproperlyConfigured(
            f"Body images are stored at {picture.src!r}, which is not under MEDIA_URL "
            "(the sanitiser keeps only images under MEDIA_URL): make the storage's URLs and "
            "MEDIA_URL agree."
        )
    return kept


def _sha256(file):
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
