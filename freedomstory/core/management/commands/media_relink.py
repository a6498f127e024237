"""`manage.py media_relink --from OLD_MEDIA_URL` (freedomstory/core/media_relink.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from freedomstory.core.media_relink import relink


class Command(BaseCommand):
    help = (
        "After the media files moved (copied to a bucket, a CDN put in front): point every "
        "image record and every image inside rich text at today's MEDIA_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="old_media_url",
            required=True,
            help='the MEDIA_URL the files were at before, e.g. "/media/"',
        )

    def handle(self, *args, old_media_url, **options):
        records, bodies = relink(old_media_url)
        self.stdout.write(
            f"{records} image record(s) and {bodies} rich-text body(ies) now link "
            f"{settings.MEDIA_URL}"
        )
