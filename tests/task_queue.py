"""The database task backend in a test: queue tasks as production does, run them when the test
says (django-tasks-db's own worker, in this process), and read what the queue holds."""

from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database (as TASKS_BACKEND=database), run by `run_worker()`."""
    settings.TASKS = DATABASE
    return DBTaskResult.objects


def run_worker(*, now=False):
    """Run every task that is due, as `manage.py db_worker --batch` does; `now`: retries that
    wait are due at once. Returns how many tasks ran."""
    if now:
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    before = DBTaskResult.objects.exclude(status="READY").count()
    # The worker closes a connection found in a transaction (production's are in autocommit
    # between tasks); a test's whole run is one transaction, kept open here.
    with mock.patch(f"{Worker.__module__}.close_old_connections"):
        _worker().run()
    return DBTaskResult.objects.exclude(status="READY").count() - before


def _worker():
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def queued():
    """Names of the tasks waiting to run, oldest first."""
    return [row.task_name for row in DBTaskResult.objects.filter(status="READY")]
