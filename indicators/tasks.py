"""Celery tasks for indicators: thin, taking ids and calling services."""

from celery import shared_task

from indicators.models import Export
from indicators.services import export_build


@shared_task(name="indicators.export_build")
def export_build_task(export_id: int) -> str:
    export = Export.objects.get(pk=export_id)
    return export_build(export).status
