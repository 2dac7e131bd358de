"""Pages for checking a return against the casework: the reconciliation report, its CSV, and the
LA's AD1 and PlacedAdoption tables exported from the portal."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from agencies.models import LocalAuthority
from agencies.scoping import IMPORTS, require_read
from core.csv_cells import csv_download
from journeys.ssda903.casework_check import REPORT_CSV_HEADER, return_casework_differences
from journeys.ssda903.export import EXPORT_COLUMNS, return_export
from journeys.ssda903.forms import ReturnYearForm
from journeys.ssda903.return_data import return_children

BAD_CHOICE = "Choose a local authority in your scope and a collection year: {reasons}"


def _form(request, access) -> ReturnYearForm:
    las = LocalAuthority.objects.order_by("name")
    if access.la_ids is not None:
        las = las.filter(pk__in=access.la_ids)
    return ReturnYearForm(request.GET or None, las=las)


def _reasons(form) -> str:
    return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())


@login_required
def return_check(request):
    """The reconciliation report for an LA and year, with the downloads."""
    access = require_read(request.user, IMPORTS)
    form = _form(request, access)
    context = {"form": form, "tables": list(EXPORT_COLUMNS)}
    if form.is_valid():
        la, year = form.cleaned_data["la"], form.cleaned_data["year"]
        differences = return_casework_differences(user=request.user, la=la, year=year)
        if request.GET.get("format") == "csv":
            return csv_download(
                f"ssda903-{la.code}-{year}-return-and-casework.csv",
                REPORT_CSV_HEADER,
                (difference.row() for difference in differences),
            )
        context.update(
            la=la,
            year=year,
            imported=bool(return_children(la, year)),
            differences=differences,
            query=request.GET.urlencode(),
        )
    return render(request, "journeys/return_check.html", context)


@login_required
def return_export_download(request, table: str):
    """One of the LA's tables for the year, in the DfE's CSV layout, from the portal's records."""
    if table not in EXPORT_COLUMNS:
        raise Http404("No such table.")
    access = require_read(request.user, IMPORTS)
    form = _form(request, access)
    if not form.is_valid():
        return HttpResponse(
            BAD_CHOICE.format(reasons=_reasons(form)), status=400, content_type="text/plain"
        )
    la, year = form.cleaned_data["la"], form.cleaned_data["year"]
    text = return_export(user=request.user, la=la, year=year)[table]
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{la.code}-{year}-{table}.csv"'
    return response
