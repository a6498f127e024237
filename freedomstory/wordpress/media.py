"""Files from the copy of wp-content/uploads/ a charity hands over, found by the paths and
addresses the export names, and taken in through the site's own image code.

Nothing is ever hot-linked: an image whose file is not under --uploads is left out, with a line
in the report saying which and why.
"""

import hashlib
import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile

from freedomstory.core.images import delete_image_files, validate_image
from freedomstory.core.models import RichTextImage
from freedomstory.core.richtext_images import store_body_image

UPLOADS_MARK = "/wp-content/uploads/"
# WordPress links sized copies ("photo-1024x768.jpg") beside the original ("photo.jpg").
SIZED_COPY = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class Media:
    def __init__(self, export, uploads, records, report, dry_run):
        self.attachments = {
            item.wp_id: item for item in export.items if item.post_type == "attachment"
        }
        self.root = Path(uploads).resolve() if uploads else None
        self.records = records
        self.report = report
        self.dry_run = dry_run
        self.stored = []  # (instance, image field) given a file in this run, to undo if need be
        self.markup = {}  # uploads path → the <img> markup, once per run

    # --- finding files ----------------------------------------------------------------------------

    def path_of(self, address):
        """The path under uploads of an address or an attachment's `_wp_attached_file`."""
        if UPLOADS_MARK in address:
            address = address.split(UPLOADS_MARK, 1)[1]
        elif "://" in address or address.startswith("/") or urlsplit(address).scheme:
            return None  # somewhere else (or data:): never taken, never hot-linked
        return unquote(urlsplit(address).path).lstrip("/")

    def file_at(self, relative):
        """The file under --uploads at `relative`, or its original for a sized copy; never a
        path that climbs out of the folder."""
        if self.root is None or not relative:
            return None
        for candidate in (relative, SIZED_COPY.sub("", relative)):
            try:
                path = (self.root / candidate).resolve()
            except (OSError, ValueError):  # a NUL ("%00"), a name too long for the system
                continue
            if path.is_relative_to(self.root) and path.is_file():
                return path
        return None

    def missing(self, who, relative):
        if self.root is None:
            return f"{who}: file {relative} not taken: no --uploads folder was given"
        return f"{who}: file {relative} not found under --uploads"

    # --- featured images and product photos -------------------------------------------------------

    def put(self, instance, field_name, attachment_id, needed_by):
        """Give `instance`'s image field attachment `attachment_id`'s file, checked like any
        upload (the model's save() then turns it upright, strips its EXIF and makes its
        renditions). Returns the image's alt text, or None (reported) when it cannot be taken."""
        item = self.attachments.get(attachment_id)
        if item is None:
            self.report.problem(
                f"{needed_by}: its image (attachment {attachment_id}) is not in the export"
            )
            return None
        relative = item.meta.get("_wp_attached_file") or self.path_of(item.attachment_url) or ""
        path = self.file_at(relative)
        if path is None:
            self.report.problem(self.missing(f"attachment {attachment_id}", relative))
            return None
        with path.open("rb") as handle:
            try:
                validate_image(File(handle, name=path.name))  # bytes and pixels bounded first
            except ValidationError as error:
                self.report.problem(
                    f"{needed_by}: image {relative} (attachment {attachment_id}) is not an image "
                    f"we can take ({error.messages[0]})"
                )
                return None
            handle.seek(0)  # the check leaves it past the image's header
            content = handle.read()
        if not self.dry_run:
            setattr(instance, field_name, ContentFile(content, name=path.name))
            self.stored.append((instance, field_name))
        alt = item.meta.get("_wp_attachment_image_alt", "").strip() or item.title.strip()
        return (html.unescape(alt) or "Image")[:250]

    # --- images inside bodies ---------------------------------------------------------------------

    def body_image(self, src, alt, who):
        """The markup for an image a body shows, stored once per file; None (reported) when its
        file is not under --uploads."""
        relative = self.path_of(src)
        if relative is None:
            self.report.problem(f"{who}: image {src} is not from this site's uploads; left out")
            return None
        if relative in self.markup:
            return self.markup[relative]
        path = self.file_at(relative)
        if path is None:
            self.report.problem(self.missing(who, relative) + "; left out of the body")
            return None
        markup = self._stored_markup(relative, path, alt, who)
        self.markup[relative] = markup
        return markup

    def _stored_markup(self, relative, path, alt, who):
        if self.dry_run:
            self.report.count("images", "imported")
            return f'<img src="dry-run/{relative}" alt="">'
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        known = RichTextImage.objects.filter(upload_sha256=digest).exists()
        try:
            with path.open("rb") as handle:
                markup = store_body_image(File(handle, name=path.name), alt)
        except ValidationError as error:
            self.report.problem(
                f"{who}: image {relative} is not an image we can take ({error.messages[0]})"
            )
            return None
        self.report.count("images", "skipped" if known else "imported")
        if not known:
            self.stored.append((RichTextImage.objects.get(upload_sha256=digest), "image"))
        return markup

    def undo(self):
        """Remove the files this run wrote: its rows are being rolled back. Asks the database
        nothing (after a database error it answers nothing more in this transaction)."""
        for instance, field_name in self.stored:
            field_file = getattr(instance, field_name)
            if not field_file or not field_file._committed:
                continue  # never saved: nothing of it was written
            renditions = getattr(instance, "renditions", None) or getattr(
                instance, "image_renditions", None
            )
            delete_image_files(field_file.name, renditions, field_file.storage)
