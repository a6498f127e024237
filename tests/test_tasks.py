"""Background tasks (freedomstory/core/tasks.py): a task runs only after the work that asked for
it commits, is tried again after a failure with a growing delay, and is logged as an error for
staff when it keeps failing; the work that queued it stands whatever the task does."""

import runpy
from datetime import timedelta
from io import StringIO
from pathlib import Path
from smtplib import SMTPRecipientsRefused

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from freedomstory.core.tasks import RETRY_DELAYS, background_task, enqueue_with_transaction
from news.models import Category
from tests.task_queue import queued, run_worker

SETTINGS = str(Path(__file__).resolve().parent.parent / "freedomstory" / "settings.py")
TRIES = len(RETRY_DELAYS) + 1

pytestmark = pytest.mark.django_db


# Tasks for these tests: a task must be a module-level function, found again by its path.
@background_task()
def failing_until(tries_to_fail, key):
    """Fails its first `tries_to_fail` tries; counts tries in the cache under `key`."""
    tries = cache.get(key, 0) + 1
    cache.set(key, tries)
    if tries <= tries_to_fail:
        raise ConnectionError(f"try {tries} failed")
    return tries


@background_task()
def write_down(key, value):
    cache.set(key, value)


def task_errors(caplog):
    return [
        r for r in caplog.records if r.name == "freedomstory.core.tasks" and r.levelname == "ERROR"
    ]


def test_a_failing_task_is_tried_again_with_growing_delays_then_logged_as_an_error(
    database_tasks, caplog
):
    enqueue_with_transaction(failing_until, 99, "always")
    assert run_worker() == 1
    assert cache.get("always") == 1 and task_errors(caplog) == []
    waits = []
    for _ in RETRY_DELAYS:
        [retry] = database_tasks.filter(status="READY")
        waits.append(round((retry.run_after - retry.enqueued_at).total_seconds()))
        assert run_worker() == 0, "a retry ran before its delay"
        assert run_worker(now=True) == 1
    assert waits == list(RETRY_DELAYS) and waits == sorted(waits)
    assert cache.get("always") == TRIES
    assert queued() == []
    assert database_tasks.filter(status="FAILED").count() == TRIES  # each try, for the admin
    [error] = task_errors(caplog)
    assert error.message == f"the task failing_until(99, 'always') failed {TRIES} times; giving up"
    assert "try 4 failed" in str(error.exc_info[1])
    retries = [r for r in caplog.records if "trying again" in r.getMessage()]
    assert [r.levelname for r in retries] == ["WARNING"] * len(RETRY_DELAYS)


def test_a_task_that_succeeds_on_a_retry_is_no_error(database_tasks, caplog):
    enqueue_with_transaction(failing_until, 2, "twice")
    run_worker()
    run_worker(now=True)
    run_worker(now=True)
    assert cache.get("twice") == 3
    assert database_tasks.filter(status="SUCCESSFUL").count() == 1
    assert queued() == [] and task_errors(caplog) == []


def test_the_immediate_backend_tries_once_in_the_request_and_logs_the_error(caplog):
    """A retry there would hold the request again (a stalled mail server: EMAIL_TIMEOUT each)."""
    failing_until.enqueue(1, "immediate")
    assert cache.get("immediate") == 1
    [error] = task_errors(caplog)
    assert error.message == "the task failing_until(1, 'immediate') failed once; giving up"


def test_the_log_shows_positional_values_and_only_the_names_of_keyword_arguments(caplog):
    failing_until.enqueue(tries_to_fail=1, key="ann@example.org")
    [error] = task_errors(caplog)
    assert "failing_until(tries_to_fail=…, key=…)" in error.message
    assert "ann@example.org" not in error.message


@background_task()
def refused(order_pk):
    raise SMTPRecipientsRefused({"ann@example.org": (550, b"5.1.1 no such user")})


def test_a_retry_s_warning_names_the_error_s_kind_not_its_text(database_tasks, caplog):
    """A refused recipient's address is in the error's text: it stays out of the log."""
    enqueue_with_transaction(refused, 42)
    run_worker()
    [warning] = [r for r in caplog.records if "trying again" in r.getMessage()]
    assert warning.getMessage() == (
        "the task refused(42) failed (try 1 of 4), trying again in 60 s: SMTPRecipientsRefused"
    )


def test_with_the_database_backend_the_task_commits_or_rolls_back_with_the_work(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        Category.objects.create(name="Rolled back", slug="rolled-back")
        enqueue_with_transaction(write_down, "rolled-back", 1)
        assert queued() == ["write_down"]  # inside the transaction, beside the work
        raise RuntimeError("the order failed after asking for its receipt")
    assert queued() == []
    with transaction.atomic():
        Category.objects.create(name="Kept", slug="kept")
        enqueue_with_transaction(write_down, "kept", 1)
    assert queued() == ["write_down"]
    run_worker()
    assert cache.get("kept") == 1 and cache.get("rolled-back") is None


def test_with_the_immediate_backend_a_task_runs_after_commit_and_not_after_rollback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_with_transaction(write_down, "rolled-back", 1)
            raise RuntimeError
        with transaction.atomic():
            enqueue_with_transaction(write_down, "committed", 1)
            assert cache.get("committed") is None  # not yet: the work is not committed
    assert cache.get("committed") == 1 and cache.get("rolled-back") is None


def test_a_task_that_cannot_be_queued_never_undoes_the_work(database_tasks, caplog):
    with transaction.atomic():
        enqueue_with_transaction(write_down, "key", object())  # not JSON
        Category.objects.create(name="Kept", slug="kept")
    assert Category.objects.filter(slug="kept").exists()
    assert queued() == []
    assert "could not queue the task write_down('key', <object" in caplog.text


def test_a_retry_is_its_own_row_so_the_admin_shows_every_failed_try(database_tasks):
    enqueue_with_transaction(failing_until, 1, "once")
    run_worker()
    failed = database_tasks.get(status="FAILED")
    assert "try 1 failed" in failed.traceback
    retry = database_tasks.get(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=RETRY_DELAYS[0] - 5)
    run_worker(now=True)
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"


def test_an_unknown_tasks_backend_is_refused_at_start_with_the_choices(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "redis")
    with pytest.raises(ImproperlyConfigured, match="'redis' is not one of: immediate, database"):
        runpy.run_path(SETTINGS)


def test_the_tasks_backend_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "database")
    loaded = runpy.run_path(SETTINGS)
    assert loaded["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    monkeypatch.delenv("TASKS_BACKEND")
    loaded = runpy.run_path(SETTINGS)
    assert loaded["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")


def test_sentry_hears_of_a_task_that_gives_up_once_not_of_every_failed_try(monkeypatch):
    """django-tasks logs each failed try as an error itself: Sentry ignores that logger."""
    import sentry_sdk
    from sentry_sdk.integrations import logging as sentry_logging

    from freedomstory.core import errors

    monkeypatch.setattr(sentry_sdk, "init", lambda **options: None)
    monkeypatch.setattr(sentry_logging, "_IGNORED_LOGGERS", set(sentry_logging._IGNORED_LOGGERS))
    errors.start_sentry(
        "https://public@sentry.example/1",
        environment=None,
        release=None,
        sample_rate=1.0,
        traces_sample_rate=0.0,
    )
    assert "django_tasks" in sentry_logging._IGNORED_LOGGERS
    assert "freedomstory.core.tasks" not in sentry_logging._IGNORED_LOGGERS


def test_staff_see_a_failed_try_and_its_traceback_in_the_admin_and_cannot_change_it(
    admin_client, database_tasks
):
    enqueue_with_transaction(failing_until, 1, "admin")
    run_worker()
    failed = database_tasks.get(status="FAILED")
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    listing = admin_client.get(f"{changelist}?status__exact=FAILED")
    assert "failing_until" in listing.content.decode()
    page = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk])
    )
    html = page.content.decode()
    assert "ConnectionError: try 1 failed" in html
    assert 'name="_save"' not in html  # read-only
    add = reverse("admin:django_tasks_database_dbtaskresult_add")
    assert admin_client.get(add).status_code == 403


def test_a_queued_task_whose_function_is_gone_is_an_error_for_staff(database_tasks, settings):
    """A task renamed by a deploy while rows for it waited: the worker cannot run them."""
    from django.core import mail

    settings.ADMINS = [("Ann", "ann@example.org")]
    enqueue_with_transaction(write_down, "key", 1)
    database_tasks.update(task_path="shop.emails.a_task_renamed_since")
    run_worker()
    assert database_tasks.get().status == "FAILED"
    [message] = mail.outbox
    assert "failed unexpectedly" in message.subject


def test_a_task_left_running_by_a_killed_worker_is_queued_again_and_then_runs(
    database_tasks, caplog
):
    write_down.enqueue("stranded", "ran")
    row = database_tasks.get()
    # A worker claimed it 20 minutes ago and was killed: the row stays "Running".
    row.claim("worker-that-was-killed")
    database_tasks.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(minutes=20))
    assert run_worker() == 0  # nothing is ready: the task would never run again by itself

    call_command("requeue_stranded_tasks", stdout=StringIO())

    assert database_tasks.get(pk=row.pk).status == "READY"
    assert "worker-that-was-killed" in caplog.text
    run_worker()
    assert database_tasks.get(pk=row.pk).status == "SUCCESSFUL"
    assert cache.get("stranded") == "ran"


def test_a_task_still_running_in_its_time_is_left_to_its_worker(database_tasks):
    write_down.enqueue("running", "ran")
    row = database_tasks.get()
    row.claim("a-live-worker")
    database_tasks.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(minutes=14))
    out = StringIO()

    call_command("requeue_stranded_tasks", stdout=out)

    assert database_tasks.get(pk=row.pk).status == "RUNNING"
    assert out.getvalue().strip() == "0 stranded task(s) queued again"
    with pytest.raises(CommandError):
        call_command("requeue_stranded_tasks", "--minutes", "0")
