"""Writes for indicators: board files asked for from the dashboard, built by a Celery task."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from adoption_portal.celery import enqueue
from agencies.models import Role
from agencies.scoping import access_for
from indicators.exports import scorecard_pdf, scorecard_xlsx
from indicators.models import Export
from indicators.periods import Period
from indicators.scopes import Scope, parse_scope
from indicators.scorecards import scorecard_for
from indicators.selectors import SCOPE_NOT_ALLOWED, scope_allowed

logger = logging.getLogger(__name__)

EXPORT_ROLES = {Role.RAA_MANAGER, Role.BOARD_MEMBER}
NOT_EXPORT_ROLE = "Board files are for RAA managers and board members."
RAA_ONLY = "A scorecard is made for an RAA."
WRITERS = {
    Export.Kind.SCORECARD_XLSX: (scorecard_xlsx, "xlsx"),
    Export.Kind.SCORECARD_PDF: (scorecard_pdf, "pdf"),
}


def scorecard_quarter(period: Period) -> Period:
    """The quarter a scorecard runs to for a dashboard period: the quarter itself, the last
    quarter of an R12, or Q4 of a year."""
    if period.kind == "quarter":
        return period
    if period.kind == "r12":
        return Period.quarter(period.first_year, period.quarter_number)
    return Period.quarter(period.end.year - 1, 4)


@transaction.atomic
def export_request(*, user, kind: str, scope: Scope, period: Period) -> Export:
    """Ask for a board file; it is made by a task (inline when there is no broker)."""
    from indicators.tasks import export_build_task  # the task module imports this one

    access = access_for(user)
    if not access.is_superuser and access.role not in EXPORT_ROLES:
        raise PermissionDenied(NOT_EXPORT_ROLE)
    if not scope_allowed(access, scope):
        raise PermissionDenied(SCOPE_NOT_ALLOWED.format(scope=scope.label))
    if scope.kind != "raa":
        raise ValidationError({"scope": RAA_ONLY})
    export = Export.objects.create(
        kind=kind,
        scope=scope.text,
        scope_name=scope.label,
        period=scorecard_quarter(period).label,
        requested_by=user,
    )
    transaction.on_commit(lambda: enqueue(export_build_task, export.pk))
    return export


def export_build(export: Export) -> Export:
    """Make the file of a queued export and keep it; a failure is recorded, not raised."""
    export.status = Export.Status.RUNNING
    export.save(update_fields=["status"])
    try:
        write, suffix = WRITERS[export.kind]
        card = scorecard_for(parse_scope(export.scope), Period.parse(export.period))
        name = f"scorecard-{export.scope.split(':')[-1]}-{export.period.replace(' ', '-')}.{suffix}"
        export.file.save(name, ContentFile(write(card)), save=False)
        export.status = Export.Status.DONE
    except Exception as error:  # kept on the record for the person who asked
        logger.exception("Export %s failed", export.pk)
        export.status, export.error = Export.Status.FAILED, str(error)
    export.finished_at = timezone.now()
    export.save()
    return export
