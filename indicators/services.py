"""Writes for indicators: board files asked for from the dashboard (built by a Celery task), and
the narrative of adoption reports."""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agencies.scoping import REPORTS, SCORECARD_FILES, access_for
from core.tasks import enqueue
from indicators.exports import report_docx, report_pdf, scorecard_pdf, scorecard_xlsx
from indicators.models import Export, ReportNarrative
from indicators.periods import Period
from indicators.reports import NOT_A_REPORT_SCOPE, REPORT_SCOPES, SECTION_TITLES, report_for
from indicators.scopes import Scope, parse_scope
from indicators.scorecard_docx import scorecard_docx
from indicators.scorecards import scorecard_for
from indicators.selectors import SCOPE_NOT_ALLOWED, scope_allowed

logger = logging.getLogger(__name__)

NOT_EXPORT_ROLE = "Board files are for managers and board members."
NOT_NARRATIVE_ROLE = "Reports are written by RAA and LA managers."
RAA_WIDE_NARRATIVE = (
    "The commentary of an RAA's report is written by the RAA's managers; an LA "
    "manager writes their own LA's."
)
UNKNOWN_SECTION = "No section {section!r} in the adoption report."
RAA_ONLY = "A scorecard is made for an RAA."
QUARTER_NOT_ENDED = (
    "{quarter} has not ended (it runs to {end:%-d %B %Y}): a scorecard is for a finished quarter."
)
SCORECARDS = {Export.Kind.SCORECARD_XLSX, Export.Kind.SCORECARD_PDF, Export.Kind.SCORECARD_DOCX}
# kind: (what makes the file's bytes from a scope and a period, the file's suffix)
WRITERS = {
    Export.Kind.SCORECARD_XLSX: (
        lambda scope, period, may_see: scorecard_xlsx(
            scorecard_for(scope, period, may_see=may_see)
        ),
        "xlsx",
    ),
    Export.Kind.SCORECARD_PDF: (
        lambda scope, period, may_see: scorecard_pdf(scorecard_for(scope, period, may_see=may_see)),
        "pdf",
    ),
    Export.Kind.SCORECARD_DOCX: (
        lambda scope, period, may_see: scorecard_docx(
            scorecard_for(scope, period, may_see=may_see)
        ),
        "docx",
    ),
    Export.Kind.REPORT_PDF: (
        lambda scope, period, may_see: report_pdf(report_for(scope, period, may_see=may_see)),
        "pdf",
    ),
    Export.Kind.REPORT_DOCX: (
        lambda scope, period, may_see: report_docx(report_for(scope, period, may_see=may_see)),
        "docx",
    ),
}


def scorecard_quarter(period: Period, today: date | None = None) -> Period:
    """The quarter a scorecard runs to for a dashboard period: the quarter itself, the last
    quarter of an R12, or Q4 of a year, but for a year still running its last complete quarter.
    A quarter that has not ended is refused: a board scorecard reports finished quarters."""
    today = today or date.today()
    if period.kind == "quarter":
        quarter = period
    elif period.kind == "r12":
        quarter = Period.quarter(period.first_year, period.quarter_number)
    else:
        quarter = Period.quarter(period.end.year - 1, 4)
        if quarter.end >= today:
            quarter = Period.quarter_of(today).previous()
    if quarter.end >= today:
        raise ValidationError(
            {"period": QUARTER_NOT_ENDED.format(quarter=quarter, end=quarter.end)}
        )
    return quarter


@transaction.atomic
def export_request(*, user, kind: str, scope: Scope, period: Period) -> Export:
    """Ask for a board file; it is made by a task (inline when there is no broker)."""
    from indicators.tasks import export_build_task  # the task module imports this one

    access = access_for(user)
    if not access.can_read(SCORECARD_FILES if kind in SCORECARDS else REPORTS):
        raise PermissionDenied(NOT_EXPORT_ROLE)
    if not scope_allowed(access, scope):
        raise PermissionDenied(SCOPE_NOT_ALLOWED.format(scope=scope.label))
    if kind in SCORECARDS:
        if scope.kind != "raa":
            raise ValidationError({"scope": RAA_ONLY})
        period = scorecard_quarter(period)
    else:
        if scope.kind not in REPORT_SCOPES:
            raise ValidationError({"scope": NOT_A_REPORT_SCOPE})
        if period.kind not in ("year", "half"):
            period = Period.years(period.first_year)
    export = Export.objects.create(
        kind=kind,
        scope=scope.text,
        scope_name=scope.label,
        period=period.label,
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
        # The partner LAs whose own figures the person who asked may see (an RAA's report).
        access = access_for(export.requested_by) if export.requested_by else None
        content = write(
            parse_scope(export.scope),
            Period.parse(export.period),
            lambda la: access is not None and scope_allowed(access, la),
        )
        stem = "scorecard" if export.kind in SCORECARDS else "adoption-report"
        area = export.scope.replace(":", "-")
        name = f"{stem}-{area}-{export.period.replace(' ', '-')}.{suffix}"
        export.file.save(name, ContentFile(content), save=False)
        export.status = Export.Status.DONE
    except Exception as error:  # kept on the record for the person who asked
        logger.exception("Export %s failed", export.pk)
        export.status, export.error = Export.Status.FAILED, str(error)
    export.finished_at = timezone.now()
    export.save()
    return export


def narrative_writable(access, scope: Scope) -> bool:
    """Whether the user writes the commentary of this area's report: an LA's for those who
    write reports and cover it, an RAA's only for those who write for the whole RAA."""
    if not access.can_write(REPORTS) or scope.kind == "all" or not scope_allowed(access, scope):
        return False
    return scope.kind == "la" or access.can_write_raa_wide(REPORTS)


@transaction.atomic
def narrative_save(*, user, scope: Scope, period: Period, section: str, text: str):
    """Save what a manager writes for one section of an area's adoption report."""
    access = access_for(user)
    if not access.can_write(REPORTS):
        raise PermissionDenied(NOT_NARRATIVE_ROLE)
    if not scope_allowed(access, scope) or scope.kind == "all":
        raise PermissionDenied(SCOPE_NOT_ALLOWED.format(scope=scope.label))
    if not narrative_writable(access, scope):
        raise PermissionDenied(RAA_WIDE_NARRATIVE)
    if section not in SECTION_TITLES:
        raise ValidationError({"section": UNKNOWN_SECTION.format(section=section)})
    narrative, _ = ReportNarrative.objects.get_or_create(
        scope=scope.text, period=period.label, section=section
    )
    narrative.text, narrative.updated_by = text, user
    narrative.full_clean()
    narrative.save()
    return narrative
