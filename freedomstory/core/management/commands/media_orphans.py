"""`manage.py media_orphans [--delete] [--grace-minutes N]` (freedomstory/core/media_orphans.py)."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from freedomstory.core.media_orphans import find_orphans


class Command(BaseCommand):
    help = (
        "List the media files no object refers to (dry run: nothing is removed); "
        "--delete removes them. Files younger than the grace period are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove the files listed")
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=60,
            help="leave files younger than this alone: an upload in flight (default 60)",
        )

    def handle(self, *args, delete=False, grace_minutes=60, **options):
        orphans = find_orphans(default_storage, timedelta(minutes=max(0, grace_minutes)))
        for name in orphans:
            if delete:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "removed" if delete else "found (dry run: run again with --delete to remove them)"
        self.stdout.write(f"{len(orphans)} orphan file(s) {verb}")
