"""`manage.py requeue_stranded_tasks` (freedomstory/core/tasks.py, requeue_stranded)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from freedomstory.core.tasks import STRANDED_AFTER, requeue_stranded


class Command(BaseCommand):
    help = (
        "Queue again the background tasks a worker started and never finished (a worker killed "
        "outright or a host lost): with TASKS_BACKEND=database, on one host, every 10 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=int(STRANDED_AFTER.total_seconds() // 60),
            help="a task running longer than this is taken as stranded (default: %(default)s)",
        )

    def handle(self, *args, minutes, **options):
        if minutes < 1:
            raise CommandError("--minutes must be at least 1")
        count = requeue_stranded(timedelta(minutes=minutes))
        self.stdout.write(f"{count} stranded task(s) queued again")
