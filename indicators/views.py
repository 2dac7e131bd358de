"""Pages: the dashboard, the children behind a figure, the worklist and data quality."""

from collections import Counter
from datetime import date
from functools import partial
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from agencies.scoping import CHILDREN, REPORTS, SCORECARD_FILES, access_for, require_read
from core.spreadsheets import csv_download
from indicators.calculations.delays import delay_reasons
from indicators.comparisons import (
    ComparisonError,
    dashboard_year_on_year,
    go_live_part,
    go_live_years,
)
from indicators.dashboard import dashboard_for
from indicators.disclosure import as_seen_by, belongs
from indicators.drilldown import csv_text_response, drilldown_csv, drilldown_table
from indicators.figure_cache import figure_series, figures_for
from indicators.forms import (
    DashboardForm,
    ScopeForm,
    WorklistForm,
    dashboard_query,
    with_defaults,
)
from indicators.models import Export
from indicators.periods import Period, PeriodError, financial_year_label, financial_year_of
from indicators.recruitment_report import recruitment_dashboard
from indicators.reports import REPORT_SCOPES, delay_part
from indicators.scopes import ScopeError, parse_scope
from indicators.selectors import (
    SCOPE_NOT_ALLOWED,
    DrillDownError,
    allowed_scopes,
    children_shown_note,
    data_quality,
    figure_area,
    figure_drilldown,
    scope_allowed,
    scope_default_for,
    waiting_children,
)
from indicators.support_money import support_section

NO_ROLE = "Your account has no role yet. Ask your RAA manager to give you one."
RAA_ONLY = "{code} belongs to an RAA's panels: choose an RAA or all data."
WORKLIST_CSV_HEADER = [
    "LA",
    "Child's LA reference",
    "ADM decision",
    "Days since decision",
    "Placement order",
    "Days since placement order",
    "Harder to place",
    "Placement order 3 months old, no match",
]


def scopes_of(user):
    """The user's access, the areas they may choose from, and the one a page opens on."""
    access = access_for(user)
    scopes = allowed_scopes(access)
    if not scopes:
        raise PermissionDenied(NO_ROLE)
    default = scope_default_for(access) or scopes[0]
    return access, scopes, default.text


def _drill_link(access):
    """The drill-down address of a figure, or None where the user may not see its rows."""

    def link(code, scope, period):
        area = figure_area(code)
        if area is None or not access.can_read(area):
            return None
        query = urlencode({"scope": scope.text, "period": period.label})
        return f"{reverse('figure-children', args=[code])}?{query}"

    return link


def _dashboard_form(request, *, go_live: bool = False):
    access, scopes, default = scopes_of(request.user)
    today = timezone.localdate()
    data = with_defaults(request.GET, scope=default, year=financial_year_of(today), part="year")
    return access, today, DashboardForm(data, scopes=scopes, today=today, go_live=go_live)


def _go_live_periods(access, form):
    """The dashboard's period and its before-and-after-go-live table when the form asks for
    one (the twelve months from go-live, and the twelve before beside them); else the form's
    period and None. A go-live date that cannot be found is an error on the form."""
    scope = form.cleaned_data["scope"]
    if not form.go_live_chosen:
        return form.period(), None
    try:
        before, after = go_live_years(scope)
    except ComparisonError as error:
        form.add_error("part", str(error))
        return None, None
    seen = [as_seen_by(access, scope, figures_for(scope, period)) for period in (before, after)]
    return after, go_live_part(before, after, seen)


@login_required
def dashboard(request):
    """Figures, charts and tables for a chosen area and period."""
    access, today, form = _dashboard_form(request, go_live=True)
    board = go_live = None
    if form.is_valid():
        period, go_live = _go_live_periods(access, form)
        if period is not None:
            board = dashboard_for(
                form.cleaned_data["scope"],
                period,
                today=today,
                link=_drill_link(access),
                seen=partial(as_seen_by, access),
            )
    can_export = access.can_read(SCORECARD_FILES)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "form": form,
            "dashboard": board,
            "query": request.GET.urlencode(),
            "year_on_year": board and dashboard_year_on_year(board.scope, board.period),
            "recruitment": board
            and recruitment_dashboard(
                board.scope, board.period, today=today, seen=partial(as_seen_by, access)
            ),
            "go_live": go_live,
            "delays": board
            and delay_part(
                delay_reasons(board.scope, board.period),
                board.period,
                published=not belongs(access, board.scope),
            ),
            "can_export": can_export and board is not None and board.scope.kind == "raa",
            "can_report": access.can_read(REPORTS)
            and board is not None
            and board.scope.kind in REPORT_SCOPES,
            "report_period": board and financial_year_label(board.period.first_year),
            "support_and_money": board and support_section(access, board.scope, board.period),
            # "Download the quarterly scorecard (PDF)": the label's first letter lower case only.
            "export_kinds": [
                (kind.value, kind.label[0].lower() + kind.label[1:])
                for kind in (
                    Export.Kind.SCORECARD_XLSX,
                    Export.Kind.SCORECARD_PDF,
                    Export.Kind.SCORECARD_DOCX,
                )
            ],
        },
    )


@login_required
def every_figure(request):
    """Every figure for an area and period, as the API and the command line give them."""
    access, _, form = _dashboard_form(request)
    context = {"form": form, "query": request.GET.urlencode()}
    if form.is_valid():
        scope, period = form.cleaned_data["scope"], form.period()
        link = _drill_link(access)
        figures = as_seen_by(access, scope, figures_for(scope, period))
        figures = sorted(figures.values(), key=lambda f: f.code.lower())
        context.update(
            scope=scope,
            period=period,
            figures=[(figure, link(figure.code, scope, period)) for figure in figures],
        )
    return render(request, "indicators/every_figure.html", context)


def bad_request(request, message: str):
    return render(request, "400.html", {"message": message}, status=400)


@login_required
def figure_children(request, code: str):
    """The children (or items) behind one figure, with their dates and days."""
    try:
        scope = parse_scope(request.GET.get("scope", ""))
        period = Period.parse(request.GET.get("period", ""))
    except (ScopeError, PeriodError) as error:
        return bad_request(request, str(error))
    if not scope_allowed(access_for(request.user), scope):
        raise PermissionDenied(SCOPE_NOT_ALLOWED.format(scope=scope.label))
    try:
        rows = figure_drilldown(
            user=request.user, code=code, scope=scope, period=period, via="page"
        )
    except DrillDownError as error:
        return bad_request(request, str(error))
    figure = figure_series(scope, [period], [code])[0].get(code)
    if figure is None:
        return bad_request(request, RAA_ONLY.format(code=code))
    try:
        table = drilldown_table(
            rows,
            journeys=figure_area(code) == CHILDREN,
            sort=request.GET.get("sort"),
            descending={"desc": True, "asc": False}.get(request.GET.get("order", "")),
        )
    except ValueError as error:
        return bad_request(request, str(error))
    if request.GET.get("format") == "csv":
        name = f"{code}-{scope.text.replace(':', '-')}-{period.label.replace(' ', '-')}.csv"
        return csv_text_response(drilldown_csv(table), name)
    query = request.GET.copy()
    query["format"] = "csv"
    sort_links = []
    for column in table.columns:
        order = "asc" if column.key == table.sort and table.descending else "desc"
        sort_links.append(urlencode({**request.GET.dict(), "sort": column.key, "order": order}))
    return render(
        request,
        "indicators/figure_children.html",
        {
            "figure": figure,
            "scope": scope,
            "period": period,
            "table": table,
            "headings": list(zip(table.columns, sort_links, strict=True)),
            "rows": list(zip(table.rows, table.links, strict=True)),
            "csv_query": query.urlencode(),
            "dashboard_query": urlencode(dashboard_query(scope, period)),
            "only_own": children_shown_note(access_for(request.user), scope),
        },
    )


@login_required
def worklist(request):
    """Children who wait, longest first, with filters and a CSV download."""
    require_read(request.user, CHILDREN)
    _, scopes, default = scopes_of(request.user)
    form = WorklistForm(with_defaults(request.GET, scope=default), scopes=scopes)
    if not form.is_valid():
        return render(request, "indicators/worklist.html", {"form": form})
    wanted = form.cleaned_data
    on = wanted["on"] or timezone.localdate()
    as_csv = request.GET.get("format") == "csv"
    children = waiting_children(
        user=request.user,
        scope=wanted["scope"],
        on=on,
        via="csv" if as_csv else "page",
        harder_only=wanted["harder_only"],
        no_match_only=wanted["no_match_only"],
    )
    if as_csv:
        return _worklist_csv(children, wanted["scope"], on)
    only_own = children_shown_note(access_for(request.user), wanted["scope"])
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "indicators/worklist.html",
        {
            "form": form,
            "children": children,
            "on": on,
            "scope": wanted["scope"],
            "csv_query": query.urlencode(),
            "only_own": only_own,
        },
    )


def _worklist_csv(children, scope, on: date) -> HttpResponse:
    name = f"children-who-wait-{scope.text.replace(':', '-')}-{on.isoformat()}.csv"
    return csv_download(
        name,
        WORKLIST_CSV_HEADER,
        (
            [
                child.la_code,
                child.la_child_id,
                child.adm_decision.isoformat(),
                child.days_since_decision,
                child.placement_order.isoformat() if child.placement_order else "",
                ""
                if child.days_since_placement_order is None
                else child.days_since_placement_order,
                "yes" if child.harder_to_place else "no",
                "yes" if child.no_match_3_months else "no",
            ]
            for child in children
        ),
    )


@login_required
def data_quality_report(request):
    """Journeys whose dates contradict each other or leave them out of a figure."""
    require_read(request.user, CHILDREN)
    _, scopes, default = scopes_of(request.user)
    form = ScopeForm(with_defaults(request.GET, scope=default), scopes=scopes)
    findings = None
    if form.is_valid():
        findings = data_quality(user=request.user, scope=form.cleaned_data["scope"])
    return render(
        request,
        "indicators/data_quality.html",
        {
            "form": form,
            "findings": findings,
            "reasons": Counter(row["reason"] for row in findings or []).most_common(),
        },
    )
