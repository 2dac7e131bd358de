"""Pages for board files: the adoption report with its commentary, and the files asked for
(scorecards and reports), listed and downloaded. A file asked for arrives in place when it is
made within a few seconds (docs/adr/0003-board-files.md)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from agencies.scoping import REPORTS
from indicators.forms import NarrativeForm, ReportForm, with_defaults
from indicators.models import Export
from indicators.periods import Period, PeriodError, financial_year_label, financial_year_of
from indicators.reports import report_for
from indicators.scopes import ScopeError, parse_scope
from indicators.selectors import export_list, scope_allowed
from indicators.services import (
    NOT_EXPORT_ROLE,
    export_request,
    narrative_save,
    narrative_writable,
)
from indicators.views import bad_request, scopes_of

WAIT_STEP_SECONDS = 0.2
FILE_FAILED = (
    "{export} could not be made: the reason is below. Ask for it again from the dashboard."
)


def _finished(export: Export, seconds: float) -> Export:
    """The export once its task has finished, or as it is after `seconds` (a worker busy or
    slow): its record is read again every fraction of a second."""
    deadline = time.monotonic() + seconds
    while export.status in (Export.Status.QUEUED, Export.Status.RUNNING):
        if time.monotonic() >= deadline:
            break
        time.sleep(WAIT_STEP_SECONDS)
        export.refresh_from_db(fields=["status", "file", "error"])
    return export


def _file(export: Export) -> FileResponse:
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.file.name.split("/")[-1]
    )


@login_required
def exports(request):
    """Board files: ask for one (from the dashboard or the report) and get it at once when it is
    made within a few seconds, else the list with who asked and when, which shows it when
    ready."""
    if request.method == "POST":
        try:
            scope = parse_scope(request.POST.get("scope", ""))
            period = Period.parse(request.POST.get("period", ""))
            kind = Export.Kind(request.POST.get("kind", ""))
        except (ScopeError, PeriodError, ValueError) as error:
            return bad_request(request, str(error))
        try:
            export = export_request(user=request.user, kind=kind, scope=scope, period=period)
        except ValidationError as error:
            return bad_request(request, " ".join(error.messages))
        # The task runs inline (no broker) before export_request returns, or on a worker.
        export = _finished(export, settings.BOARD_FILE_WAIT_SECONDS)
        if export.status == Export.Status.DONE:
            return _file(export)
        if export.status == Export.Status.FAILED:
            messages.error(request, FILE_FAILED.format(export=export))
        else:
            messages.success(request, f"{export} asked for: it appears below when it is ready.")
        return redirect("exports")
    listed = export_list(user=request.user)[:50]
    running = any(e.status in (Export.Status.QUEUED, Export.Status.RUNNING) for e in listed)
    return render(request, "indicators/exports.html", {"exports": listed, "running": running})


@login_required
def export_download(request, pk: int):
    """A finished board file, for the users who may see its RAA."""
    export = get_object_or_404(export_list(user=request.user), pk=pk, status=Export.Status.DONE)
    return _file(export)


@login_required
def adoption_report(request):
    """An LA's or RAA's annual or six-monthly adoption report, with the commentary managers
    write for each section."""
    access, scopes, default = scopes_of(request.user)
    if not access.can_read(REPORTS):
        raise PermissionDenied(NOT_EXPORT_ROLE)
    today = timezone.localdate()
    data = with_defaults(
        request.GET, scope=default, period=financial_year_label(financial_year_of(today) - 1)
    )
    form = ReportForm(data, scopes=scopes, today=today)
    report = None
    can_write = False
    if form.is_valid():
        scope, period = form.cleaned_data["scope"], form.cleaned_data["period"]
        can_write = narrative_writable(access, scope)
        if request.method == "POST":
            narrative = NarrativeForm(request.POST)
            if narrative.is_valid():
                narrative_save(
                    user=request.user,
                    scope=scope,
                    period=period,
                    section=request.POST.get("section", ""),
                    text=narrative.cleaned_data["text"],
                )
                messages.success(request, "Commentary saved.")
                return redirect(f"{reverse('adoption-report')}?{request.GET.urlencode()}")
        report = report_for(scope, period, may_see=lambda la: scope_allowed(access, la))
    return render(
        request,
        "indicators/report.html",
        {
            "form": form,
            "report": report,
            "can_write": can_write,
            "export_kinds": [(Export.Kind.REPORT_PDF, "PDF"), (Export.Kind.REPORT_DOCX, "Word")],
        },
    )
