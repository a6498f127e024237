"""What came in from a WordPress export: for each object, its WordPress identity, its old
address, and two fingerprints that make a second import safe.

`source_hash` is what WordPress had when we last took the item: the same hash again means
nothing changed there. `local_hash` is what we wrote: if the object here no longer matches it,
a staff member has edited it since, and a re-import leaves it alone.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedItem(models.Model):
    class Kind(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Site page"
        PRODUCT = "product", "Product"
        CATEGORY = "category", "Category"
        IMAGE = "image", "Image"

    # The export's site address: two WordPress sites imported into one never share ids.
    site = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The WordPress id ("123"); for a category or tag its taxonomy and slug ("post_tag:water"),
    # for an image its path under wp-content/uploads/.
    key = models.CharField(max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # Where WordPress showed it ("/2021/03/new-classrooms/"): a request for it answers 301.
    old_path = models.CharField(max_length=500, blank=True, db_index=True)
    source_hash = models.CharField(max_length=64)
    local_hash = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "key"], name="imported_once_per_site")
        ]
        indexes = [models.Index(fields=["kind", "key"], name="imported_kind_key_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key} from {self.site}"
