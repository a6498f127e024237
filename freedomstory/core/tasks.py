"""Slow work off the request: the site's one way to define and enqueue a background task.

    @background_task()
    def send_receipt(order_pk): ...

    enqueue_with_transaction(send_receipt, order.pk)

A task runs only once the work that asked for it is committed, so a rolled-back order sends no
receipt, and it never undoes that work: an order or a post is never lost because a task failed.
The TASKS setting picks where tasks run (immediately, or queued for `manage.py db_worker`).

A task that raises is tried again after each of RETRY_DELAYS, each try a new row in the task
table (the admin's "Task results" show every failed try with its traceback); when the last one
fails too, the error is logged for staff (ADMINS' e-mail, Sentry). The immediate backend runs a
task inside the request that asked for it, so it tries once: a retry there would hold a donor's
request again (a stalled mail server costs EMAIL_TIMEOUT a try), and it has no queue to wait in.

A task is run at least once, not exactly once: a receipt whose mail server took the message and
then failed to say so is sent again by the retry. Each e-mail is its own task, so a retry resends
only the e-mail that failed.

Positional arguments (ids, names) appear in the log; keyword arguments only by name, so a
contact message's text and address never reach a log or Sentry.

A worker killed outright (SIGKILL, a host lost) leaves its task's row "Running" for ever: the
worker that claimed it is gone. `requeue_stranded` (the `requeue_stranded_tasks` job) puts such
rows back in the queue once they have run far longer than any of our tasks can.

A queued row names its task by module path: renaming or moving a task strands the rows queued
before the deploy (the worker logs each as an error, and staff are told), so keep the old name
until the queue has drained.
"""

import logging
from datetime import timedelta
from functools import wraps

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)

# Seconds before each retry: a mail server restarting or a database failing over is usually
# back within the first two; the last is a while later for a longer outage.
RETRY_DELAYS = (60, 300, 1800)
# Far longer than any task of ours runs (an e-mail waits EMAIL_TIMEOUT a few times, renditions
# take seconds): a row "Running" for this long belongs to a worker that is gone.
STRANDED_AFTER = timedelta(minutes=15)
# The keyword that tells a retry which try it is (the first try has none).
ATTEMPT = "retry_attempt"


def background_task(*, retry_delays=RETRY_DELAYS, **options):
    """Decorator: `func` as a task (django-tasks; Django 6's API). Its arguments must be JSON.

    `retry_delays`: seconds before each retry after a failure; `()` for none."""

    def decorate(func):
        @wraps(func)
        def attempt(*args, **kwargs):
            number = kwargs.pop(ATTEMPT, 1)
            try:
                return func(*args, **kwargs)
            except Exception as error:
                _after_failure(background, args, kwargs, number, retry_delays, error)
                raise  # the task's row (database backend) records the failure and its traceback

        background = task(**options)(attempt)
        return background

    return decorate


def enqueue_with_transaction(background, *args, **kwargs):
    """Enqueue `background` to run only if the current transaction commits (now, outside one).

    With the database backend the task's row is written inside the caller's transaction, so it
    commits or rolls back with the order: no moment where the order is committed and its
    receipt not yet queued (a process killed between the two would lose the receipt), and the
    worker cannot see the row before the order it reads. A failure to queue is logged and
    never undoes the caller's work. Other backends have no row to share the transaction with
    (the immediate one runs the task at once), so they are asked after the commit."""
    if isinstance(background.get_backend(), DatabaseBackend):
        try:
            with transaction.atomic():  # a savepoint: a failed insert leaves the caller's work
                background.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("could not queue the task %s", _call(background, args, kwargs))
        return
    transaction.on_commit(lambda: background.enqueue(*args, **kwargs), robust=True)


def _after_failure(background, args, kwargs, number, delays, error):
    """Queue the next try of a failed task, or log the error for staff when none is left."""
    call = _call(background, args, kwargs)
    if number <= len(delays) and background.get_backend().supports_defer:
        delay = delays[number - 1]
        try:
            retry = background.using(run_after=timezone.now() + timedelta(seconds=delay))
            retry.enqueue(*args, **kwargs, **{ATTEMPT: number + 1})
        except Exception:
            logger.exception("could not queue another try of the task %s", call)
        else:
            # The error's kind only: its text may hold personal data (a refused recipient's
            # address); the task's row keeps the whole traceback for the admin.
            logger.warning(
                "the task %s failed (try %s of %s), trying again in %s s: %s",
                *(call, number, len(delays) + 1, delay, type(error).__name__),
            )
            return
    tries = "once" if number == 1 else f"{number} times"
    logger.error("the task %s failed %s; giving up", call, tries, exc_info=error)


def _call(background, args, kwargs):
    """How a log names a task's call: positional values, keyword names only."""
    shown = [repr(value) for value in args] + [f"{name}=…" for name in kwargs]
    return f"{background.name}({', '.join(shown)})"


def requeue_stranded(older_than=STRANDED_AFTER):
    """Put back in the queue each task a worker started more than `older_than` ago and never
    finished (the worker was killed); returns how many. The task then runs again from its start:
    at least once, as for any retry."""
    from django_tasks_db.models import DBTaskResult

    started_before = timezone.now() - older_than
    with transaction.atomic():
        stranded = list(
            DBTaskResult.objects.running()
            .filter(started_at__lt=started_before)
            .select_for_update(skip_locked=True)
        )
        for row in stranded:
            logger.warning(
                "the task %s (%s) was started at %s by %s and never finished: queued again",
                *(row.task_path, row.id, row.started_at, ", ".join(row.worker_ids) or "?"),
            )
        DBTaskResult.objects.filter(pk__in=[row.pk for row in stranded]).update(
            status="READY", started_at=None
        )
    return len(stranded)
