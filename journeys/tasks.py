"""Celery tasks: thin wrappers that load by id and call a service."""

import redis
from celery import shared_task
from django.conf import settings
from django.core.cache import cache

from journeys.ssda903.services import import_record_run

PROGRESS_KEY = "ssda903-import-progress-{pk}"
# Test-only (settings.SSDA903_IMPORT_HOLD): the key an import held after its first progress
# report waits on, in the broker's Redis, until something is pushed to it.
HOLD_KEY = "ssda903-import-hold-{pk}"


def import_progress(pk: int) -> tuple[int, int] | None:
    """(rows read, rows in all) of a running import, from the cache the task writes to."""
    return cache.get(PROGRESS_KEY.format(pk=pk))


def _hold(record_id: int) -> None:
    """Wait until HOLD_KEY is pushed: a point the fault test knows the import has reached and
    cannot pass, so that it kills the worker part-way through without racing it."""
    redis.Redis.from_url(settings.CELERY_BROKER_URL).blpop([HOLD_KEY.format(pk=record_id)])


@shared_task(acks_late=True)
def ssda903_import(record_id: int) -> str:
    """Run a queued SSDA903 import; the import itself is one transaction (all or nothing)."""
    held = False

    def progress(done: int, total: int) -> None:
        nonlocal held
        cache.set(PROGRESS_KEY.format(pk=record_id), (done, total), 3600)
        if settings.SSDA903_IMPORT_HOLD and done < total and not held:
            held = True
            _hold(record_id)

    return import_record_run(record_id, progress).status
