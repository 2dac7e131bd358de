"""Celery application. With no broker configured, tasks run inline (see settings)."""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoption_portal.settings")

app = Celery("adoption_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    """Queue a task; if the broker cannot be reached, run it here rather than lose the work."""
    try:
        task.delay(*args)
    except Exception:  # kombu raises several kinds of connection error
        logger.warning("Broker unreachable: running %s inline", task.name, exc_info=True)
        task.apply(args=args)
