"""Pages and API answers for the comparison tables (indicators/comparisons.py): by partner LA
(page, CSV, API `?scope=raa:x&by=la`) and year on year (page, API `?period=2022-23,2023-24,…`)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError

from agencies.scoping import access_for
from indicators import figure_cache
from indicators.comparisons import (
    YEARS_MAX,
    YEARS_MIN,
    ComparisonError,
    by_la_csv,
    by_la_json,
    by_la_table,
    cell_text,
    change_text,
    go_live_split,
    parse_periods,
    year_on_year,
    year_on_year_json,
    years_to,
)
from indicators.drilldown import csv_text_response
from indicators.forms import DashboardForm, dashboard_query, with_defaults
from indicators.periods import Period, PeriodError, financial_year_of
from indicators.scopes import ScopeError, parse_scope
from indicators.selectors import SCOPE_NOT_ALLOWED, scope_allowed
from indicators.serializers import figures_json
from indicators.views import scopes_of

BY_VALUES = ("la",)
BAD_BY = "Use by=la (a row per partner LA of an RAA)."
BY_LA_NEEDS_RAA = "by=la is for an RAA: give scope=raa:SLUG."
BY_LA_ONE_PERIOD = "by=la takes one period."
BAD_SPLIT = "Use split=go-live (the period before and after the area's go-live date)."
SPLIT_ALONE = "split=go-live takes one period and no by=."
CHOOSE_AN_RAA = "Choose an RAA: a table by partner LA is for an RAA."
HIDDEN_NOTE = (
    "{count} partner LA{s} not shown: your role sees {their} figures only within the RAA's total, "
    "which counts every partner LA's children."
)


def wants_comparison(query) -> bool:
    """Whether an indicators API call asks for a comparison (by=, split=, or several
    periods)."""
    return "by" in query or "split" in query or "," in query.get("period", "")


def comparison_api_body(request) -> dict:
    """The API's answer to `?scope=raa:x&by=la&period=P` or `?scope=S&period=P1,P2,P3`."""
    query = request.query_params
    errors, scope = {}, None
    try:
        scope = parse_scope(query.get("scope", ""))
    except ScopeError as error:
        errors["scope"] = [str(error)]
    by = query.get("by")
    if by is not None and by not in BY_VALUES:
        errors["by"] = [BAD_BY]
    text = query.get("period", "")
    periods = []
    try:
        periods = parse_periods(text) if "," in text else [Period.parse(text)]
    except PeriodError as error:
        errors["period"] = [str(error)]
    if by and len(periods) > 1:
        errors["period"] = [BY_LA_ONE_PERIOD]
    if by and scope is not None and scope.kind != "raa":
        errors["scope"] = [BY_LA_NEEDS_RAA]
    split = query.get("split")
    if split is not None and split != "go-live":
        errors["split"] = [BAD_SPLIT]
    elif split and (by or len(periods) > 1):
        errors["split"] = [SPLIT_ALONE]
    if errors:
        raise ValidationError(errors)
    access = access_for(request.user)
    if not scope_allowed(access, scope):
        raise ApiPermissionDenied(SCOPE_NOT_ALLOWED.format(scope=scope.text))
    if split:
        return _go_live_body(scope, periods[0])
    if by:
        table = by_la_table(scope, periods[0], may_see=lambda la: scope_allowed(access, la))
        return by_la_json(table)
    return year_on_year_json(year_on_year(scope, periods))


def _go_live_body(scope, period) -> dict:
    try:
        before, after = go_live_split(scope, period)
    except ComparisonError as error:
        raise ValidationError({"split": [str(error)]}) from error
    return {
        "scope": scope.text,
        "split": "go-live",
        "go_live": after.start.isoformat(),
        "before": figures_json(scope, before, figure_cache.figures_for(scope, before)),
        "after": figures_json(scope, after, figure_cache.figures_for(scope, after)),
    }


def _form(request, *, raa_only: bool):
    access, scopes, default = scopes_of(request.user)
    if raa_only:
        scopes = [scope for scope in scopes if scope.kind == "raa"]
        if not scopes:
            raise PermissionDenied(CHOOSE_AN_RAA)
        default = scopes[0].text
    today = date.today()
    data = with_defaults(request.GET, scope=default, year=financial_year_of(today), part="year")
    return access, DashboardForm(data, scopes=scopes, today=today)


@login_required
def by_partner_la(request):
    """An RAA's figures with a row per partner LA and the RAA's total; `?format=csv` downloads."""
    access, form = _form(request, raa_only=True)
    context = {"form": form, "query": request.GET.urlencode()}
    if form.is_valid():
        raa, period = form.cleaned_data["scope"], form.period()
        table = by_la_table(raa, period, may_see=lambda la: scope_allowed(access, la))
        if request.GET.get("format") == "csv":
            name = f"by-partner-la-{raa.key}-{period.label.replace(' ', '-')}.csv"
            return csv_text_response(by_la_csv(table), name)
        csv_query = request.GET.copy()
        csv_query["format"] = "csv"
        context.update(
            table=table,
            rows=[
                (
                    row,
                    [cell_text(c.kind, f) for c, f in zip(table.columns, row.figures, strict=True)],
                )
                for row in table.rows
            ],
            groups=_groups(table.columns),
            csv_query=csv_query.urlencode(),
            dashboard_query=dashboard_query(raa, period),
            hidden_note=table.hidden
            and HIDDEN_NOTE.format(
                count=table.hidden,
                s="" if table.hidden == 1 else "s",
                their="its" if table.hidden == 1 else "their",
            ),
        )
    return render(request, "indicators/by_partner_la.html", context)


def _groups(columns) -> list[tuple[str, int]]:
    """Each heading over the columns and how many columns it spans."""
    groups: list[list] = []
    for column in columns:
        if groups and groups[-1][0] == column.group:
            groups[-1][1] += 1
        else:
            groups.append([column.group, 1])
    return [tuple(group) for group in groups]


YEARS_CHOICES = range(YEARS_MIN, YEARS_MAX + 1)


@login_required
def year_on_year_page(request):
    """Figures for three to five years to the chosen one, side by side, with the change."""
    _, form = _form(request, raa_only=False)
    context = {"form": form, "years_choices": YEARS_CHOICES, "years": YEARS_MIN}
    years = request.GET.get("years", str(YEARS_MIN))
    if not years.isdigit() or int(years) not in YEARS_CHOICES:
        context["years_error"] = f"Choose {YEARS_MIN} to {YEARS_MAX} years."
    elif form.is_valid():
        scope, period = form.cleaned_data["scope"], form.period()
        table = year_on_year(scope, years_to(period, int(years)))
        rows = [
            (
                row,
                [cell_text(row.kind, figure) for figure in row.figures],
                [change_text(row.kind, step) for step in row.changes],
            )
            for row in table.rows
        ]
        context.update(table=table, rows=rows, years=int(years))
    return render(request, "indicators/year_on_year.html", context)
