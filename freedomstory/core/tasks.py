"""Slow work off the request: the site's one way to define and enqueue a background task.

    @background_task()
    def send_receipt(order_pk): ...

    enqueue_with_transaction(send_receipt, order.pk)

A task runs only once the work that asked for it is committed, so a rolled-back order sends no
receipt, and it never undoes that work: an order or a post is never lost because a task failed.
The TASKS setting picks where tasks run (immediately, or queued for `manage.py db_worker`).
"""

from django.db import transaction
from django_tasks import task


def background_task(**options):
    """Decorator: `func` as a task (django-tasks; Django 6's API). Its arguments must be JSON."""
    return task(**options)


def enqueue_with_transaction(background, *args, **kwargs):
    """Enqueue `background` to run only if the current transaction commits (now, outside one)."""
    transaction.on_commit(lambda: background.enqueue(*args, **kwargs), robust=True)
