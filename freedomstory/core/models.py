"""What the shared layer stores of its own: the images shown inside rich text."""

from django.db import models

from freedomstory.core.image_files import follow_image_files
from freedomstory.core.images import CheckedImageField, Picture


class RichTextImage(models.Model):
    """An image inside a body of rich text (a post's, a site page's, a product description).

    Bodies refer to it only by its renditions' URLs in their <img> markup: no key points either
    way, so nothing here knows which bodies show it (one image may be in several), and deleting
    or editing a body leaves the image and its files in place. Make one with
    `freedomstory.core.richtext_images.store_body_image`.
    """

    image = CheckedImageField(upload_to="richtext/%Y/%m/")
    alt = models.TextField(
        "image description",
        blank=True,
        help_text="What the image showed where it was first stored; each body's <img> carries "
        "its own.",
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    # Of the file as it arrived (before it was made upright and stripped of EXIF): the same file
    # stored again, as a second run of an import does, finds this image instead of copying it.
    upload_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "image in rich text"
        verbose_name_plural = "images in rich text"

    def __str__(self):
        return self.image.name

    @property
    def picture(self):
        return Picture(self.renditions) if self.renditions else None


follow_image_files(RichTextImage, "image", "renditions", renditions_in_task=False)
