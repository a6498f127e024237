"""python manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--author USERNAME]"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from freedomstory.wordpress.importer import Importer
from freedomstory.wordpress.wxr import WXRError, read_export


class Command(BaseCommand):
    help = (
        "Take in a WordPress export (Tools → Export → All content) and a copy of "
        "wp-content/uploads/: posts, pages, pull quotes, categories, WooCommerce products and "
        "their images. Safe to run again: only what changed in WordPress, and was not edited "
        "here since, is updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WXR file WordPress exported")
        parser.add_argument("--uploads", help="a copy of the site's wp-content/uploads/ folder")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would happen; write nothing"
        )
        parser.add_argument(
            "--author",
            help="the username of a staff member to sign posts whose author has no account here "
            "(default: an inactive staff account per WordPress author)",
        )

    def handle(self, *args, export, uploads, dry_run, author, **options):
        fallback = None
        if author:
            fallback = get_user_model().objects.filter(username=author, is_staff=True).first()
            if fallback is None:
                raise CommandError(f"--author {author}: no staff member has that username.")
        if uploads is not None:
            from pathlib import Path

            if not Path(uploads).is_dir():
                raise CommandError(f"--uploads {uploads}: no such folder.")
        try:
            parsed = read_export(export)
        except WXRError as error:
            raise CommandError(str(error)) from None
        report = Importer(parsed, uploads=uploads, author=fallback, dry_run=dry_run).run()
        for line in report.lines():
            self.stdout.write(line)
