"""Queueing Celery tasks from any app (the Celery app itself is the project's)."""

import logging

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    """Queue a task; if the broker cannot be reached, run it here rather than lose the work."""
    try:
        task.delay(*args)
    except Exception:  # kombu raises several kinds of connection error
        logger.warning("Broker unreachable: running %s inline", task.name, exc_info=True)
        task.apply(args=args)
