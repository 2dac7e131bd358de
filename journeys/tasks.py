"""Celery tasks: thin wrappers that load by id and call a service."""

from celery import shared_task
from django.core.cache import cache

from journeys.ssda903.services import import_record_run

PROGRESS_KEY = "ssda903-import-progress-{pk}"


def import_progress(pk: int) -> tuple[int, int] | None:
    """(rows read, rows in all) of a running import, from the cache the task writes to."""
    return cache.get(PROGRESS_KEY.format(pk=pk))


@shared_task(acks_late=True)
def ssda903_import(record_id: int) -> str:
    """Run a queued SSDA903 import; the import itself is one transaction (all or nothing)."""

    def progress(done: int, total: int) -> None:
        cache.set(PROGRESS_KEY.format(pk=record_id), (done, total), 3600)

    return import_record_run(record_id, progress).status
