"""Pages for board files: the adoption report with its commentary, and the files asked for
(scorecards and reports), listed and downloaded."""

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


@login_required
def exports(request):
    """Board files: ask for one (from the dashboard), and the list with who asked and when."""
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
        messages.success(request, f"{export} asked for: it appears below when it is ready.")
        return redirect("exports")
    listed = export_list(user=request.user)[:50]
    running = any(e.status in (Export.Status.QUEUED, Export.Status.RUNNING) for e in listed)
    return render(request, "indicators/exports.html", {"exports": listed, "running": running})


@login_required
def export_download(request, pk: int):
    """A finished board file, for the users who may see its RAA."""
    export = get_object_or_404(export_list(user=request.user), pk=pk, status=Export.Status.DONE)
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.file.name.split("/")[-1]
    )


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
