"""Comparison tables as RAA boards and partner LAs read them: the same figures for each partner LA
side by side with the RAA's total, and the same figures for three to five years side by side with
the change from each year to the next.

Every number comes from the figure cache (indicators/figure_cache.py), so these tables agree with
the dashboard, the reports and the API. An RAA's total is its own figure: the engine pools the
LAs' sums and counts child by child before dividing (docs/indicators.md §1.2), never an average
of the LAs' averages. Aggregates only: nothing here identifies a child.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.spreadsheets import safe_row
from indicators.calculations.engine import MEASURES, title_of
from indicators.calculations.figure import Figure, round_half_up
from indicators.figure_cache import figure_series, figures_by_scope
from indicators.periods import Period, PeriodError
from indicators.scopes import Scope, member_scopes

TIMELINESS = ("A10", "A2", "A20", "A3")
# (heading, codes, over three years too): the activity, timeliness and where-homes-were-found
# tables of the RAAs' reports, one row per partner LA.
BY_LA_GROUPS = (
    (
        "Activity",
        (
            "adm_decisions",
            "placement_orders",
            "matches",
            "placements",
            "adoptions",
            "plan_changes",
            "disruptions",
            "po_awaiting_match_at_end",
        ),
        False,
    ),
    ("Timeliness", TIMELINESS, True),
    (
        "Where homes were found",
        ("placements_own", "placements_other_la", "placements_vaa", "early_permanence_placements"),
        False,
    ),
)
BY_LA_CODES = [code for _, codes, _ in BY_LA_GROUPS for code in codes]
NOT_AN_RAA = "A table by partner LA is for an RAA (raa:SLUG); {scope} is not one."
YEARS_MIN, YEARS_MAX = 3, 5
YEAR_ON_YEAR_COUNT = f"Give {YEARS_MIN} to {YEARS_MAX} periods, separated by commas."
YEAR_ON_YEAR_CODES = (
    "A10",
    "A2",
    "A20",
    "A3",
    "adm_decisions",
    "placement_orders",
    "matches",
    "placements",
    "adoptions",
    "disruptions",
)


class ComparisonError(ValueError):
    pass


def three_years_to(period: Period) -> Period:
    """The three financial years ending with the one `period` ends in (`2020-23` for 2022-23)."""
    return Period.years(period.first_year - 2, 3)


@dataclass(frozen=True)
class Column:
    code: str
    title: str
    period: Period
    group: str

    @property
    def kind(self) -> str:
        return MEASURES[self.code].kind if self.code in MEASURES else "count"

    @property
    def heading(self) -> str:
        return f"{self.title}, {self.period.label}"


@dataclass
class AreaRow:
    scope: Scope
    total: bool
    figures: list[Figure]  # one per column


@dataclass
class ByLaTable:
    raa: Scope
    period: Period
    three_years: Period
    columns: list[Column]
    rows: list[AreaRow]  # one per partner LA the user may see, then the RAA's total
    hidden: int = 0  # partner LAs counted in the total whose own figures the user may not see


def by_la_table(raa: Scope, period: Period, *, may_see=lambda scope: True) -> ByLaTable:
    """A row per partner LA of the RAA (those `may_see` allows) and one for the RAA as a whole,
    pooled child by child over every partner LA: activity, A10/A2/A20/A3 in the period and over
    the three years to it, and where homes were found (docs/indicators.md §2–§4)."""
    if raa.kind != "raa":
        raise ComparisonError(NOT_AN_RAA.format(scope=raa.label))
    span = three_years_to(period)
    members = member_scopes(raa)
    areas = [*(la for la in members if may_see(la)), raa]
    in_period = figures_by_scope(period, areas, BY_LA_CODES)
    over_span = figures_by_scope(span, areas, TIMELINESS)
    columns = []
    for group, codes, with_span in BY_LA_GROUPS:
        for code in codes:
            columns.append(Column(code, title_of(code), period, group))
            if with_span:
                columns.append(Column(code, title_of(code), span, group))
    rows = []
    for area in areas:
        figures = [
            (over_span if column.period == span else in_period)[area][column.code]
            for column in columns
        ]
        rows.append(AreaRow(area, area is raa, figures))
    return ByLaTable(raa, period, span, columns, rows, len(members) + 1 - len(areas))


def by_la_json(table: ByLaTable) -> dict:
    """The table as the API gives it: each area's figures by period and code."""
    return {
        "scope": table.raa.text,
        "scope_name": table.raa.label,
        "by": "la",
        "period": table.period.label,
        "three_years": table.three_years.label,
        "partner_las_not_shown": table.hidden,
        "areas": [
            {
                "scope": row.scope.text,
                "scope_name": row.scope.label,
                "total": row.total,
                "figures": _by_period(table.columns, row.figures),
            }
            for row in table.rows
        ],
    }


def _by_period(columns: list[Column], figures: list[Figure]) -> dict:
    found: dict[str, dict] = {}
    for column, figure in zip(columns, figures, strict=True):
        found.setdefault(column.period.label, {})[column.code] = figure.as_dict()
    return found


def by_la_csv(table: ByLaTable) -> str:
    """The table as CSV, plain column names; a share gives its count and its % in two columns."""
    out = io.StringIO()
    writer = csv.writer(out)
    head = ["Area", "LA code"]
    for column in table.columns:
        if column.kind == "percent":
            head += [f"{column.heading}: number", f"{column.heading}: %"]
        else:
            head.append(column.heading + (" (days)" if column.kind == "mean" else ""))
    writer.writerow(safe_row(head))
    for row in table.rows:
        line = [
            f"{row.scope.label} (total)" if row.total else row.scope.label,
            "" if row.total else row.scope.key,
        ]
        for column, figure in zip(table.columns, row.figures, strict=True):
            if column.kind == "percent":
                line += [_blank(figure.count), _blank(figure.value)]
            else:
                line.append(_blank(figure.value))
        writer.writerow(safe_row(line))
    return out.getvalue()


def _blank(value) -> str:
    return "" if value is None else str(value)


# --- Year on year -------------------------------------------------------------------------------


def parse_periods(text: str) -> list[Period]:
    """Read `2022-23,2023-24,2024-25`: three to five periods, oldest first once sorted."""
    labels = [part.strip() for part in (text or "").split(",") if part.strip()]
    periods = sorted({Period.parse(label) for label in labels})
    if not YEARS_MIN <= len(periods) <= YEARS_MAX:
        raise PeriodError(YEAR_ON_YEAR_COUNT)
    return periods


@dataclass
class Change:
    """From one period to the next: in the figure's own unit (days, children, points) and in %."""

    amount: float | int | None
    percent: float | None


def change(before, after) -> Change:
    """after - before, and that as a % of before (one decimal, half up; none from 0)."""
    if before is None or after is None:
        return Change(None, None)
    amount = after - before
    if isinstance(amount, float):
        amount = float(round_half_up(_decimal(amount), 1))
    if not before:
        return Change(amount, None)
    percent = float(round_half_up(_decimal(amount) * 100 / _decimal(before), 1))
    return Change(amount, percent)


def _decimal(value) -> Decimal:
    return Decimal(str(value))


@dataclass
class YearRow:
    code: str
    title: str
    kind: str
    figures: list[Figure]  # one per period
    changes: list[Change]  # one per period after the first


@dataclass
class YearOnYear:
    scope: Scope
    periods: list[Period]
    rows: list[YearRow]


def year_on_year(scope: Scope, periods: list[Period], codes=YEAR_ON_YEAR_CODES) -> YearOnYear:
    """The figures `codes` for each period side by side, with the change from each period to
    the next in the figure's unit and in % (docs/indicators.md §1.3)."""
    if not YEARS_MIN <= len(periods) <= YEARS_MAX:
        raise ComparisonError(YEAR_ON_YEAR_COUNT)
    series = figure_series(scope, periods, list(codes))
    rows = []
    for code in codes:
        if not all(code in figures for figures in series):
            continue  # panel meetings: an RAA's only
        figures = [figures[code] for figures in series]
        changes = [
            change(before.value, after.value)
            for before, after in zip(figures, figures[1:], strict=False)
        ]
        kind = MEASURES[code].kind if code in MEASURES else "count"
        rows.append(YearRow(code, title_of(code), kind, figures, changes))
    return YearOnYear(scope, periods, rows)


def year_on_year_json(table: YearOnYear) -> dict:
    """Each figure's value per period and its change from the period before."""
    return {
        "scope": table.scope.text,
        "scope_name": table.scope.label,
        "periods": [period.label for period in table.periods],
        "figures": {
            row.code: {
                "title": row.title,
                "values": {
                    period.label: figure.as_dict()
                    for period, figure in zip(table.periods, row.figures, strict=True)
                },
                "changes": [
                    {
                        "from": before.label,
                        "to": after.label,
                        "change": step.amount,
                        "change_percent": step.percent,
                    }
                    for before, after, step in zip(
                        table.periods, table.periods[1:], row.changes, strict=False
                    )
                ],
            }
            for row in table.rows
        },
    }


# --- How pages and files show them --------------------------------------------------------------


def cell_text(kind: str, figure: Figure) -> str:
    """A figure in a comparison table: a share as its count and %, days and counts with units."""
    if figure.value is None:
        return "no children"
    if kind == "percent":
        return f"{figure.count:,} ({figure.value:.1f}%)"
    if kind == "mean":
        return f"{figure.value:,} days"
    return f"{figure.value:,}"


def change_text(kind: str, step: Change) -> str:
    """A change from the period before, signed: days, points for a share, else a number; and %."""
    if step.amount is None:
        return "—"
    unit = {"mean": " days", "percent": " points"}.get(kind, "")
    amount = f"{step.amount:+,.1f}" if isinstance(step.amount, float) else f"{step.amount:+,}"
    percent = "" if step.percent is None else f", {step.percent:+.1f}%"
    return f"{amount}{unit}{percent}"


@dataclass
class TablePart:
    """One group of a by-partner-LA table, narrow enough for an A4 page."""

    title: str
    headings: list[str]  # "Area", then one per column
    lines: list[list[str]]  # the area's name, then one text per column


def _short_heading(table: ByLaTable, column: Column) -> str:
    """A column's short name; the three-year columns name their years (the table names its
    period in its title)."""
    label = MEASURES[column.code].label if column.code in MEASURES else column.title
    return label if column.period == table.period else f"{label}, {column.period.label}"


def by_la_parts(table: ByLaTable) -> list[TablePart]:
    """The table split by group (activity, timeliness, where homes were found) for files."""
    parts = []
    for group, _, _ in BY_LA_GROUPS:
        chosen = [i for i, column in enumerate(table.columns) if column.group == group]
        headings = ["Area", *(_short_heading(table, table.columns[i]) for i in chosen)]
        lines = [
            [
                f"{row.scope.label} (total)" if row.total else row.scope.label,
                *(cell_text(table.columns[i].kind, row.figures[i]) for i in chosen),
            ]
            for row in table.rows
        ]
        parts.append(TablePart(f"{group} by partner LA, {table.period.label}", headings, lines))
    return parts


def years_to(period: Period, count: int = YEARS_MIN) -> list[Period]:
    """`count` periods ending with `period`, each the same stretch a year before the next."""
    periods = [period]
    while len(periods) < count:
        periods.insert(0, periods[0].year_earlier())
    return periods


def year_on_year_part(table: YearOnYear) -> TablePart:
    """The year-on-year table for files and pages: each value after the first with its change."""
    lines = []
    for row in table.rows:
        texts = [cell_text(row.kind, row.figures[0])]
        for figure, step in zip(row.figures[1:], row.changes, strict=True):
            text = cell_text(row.kind, figure)
            texts.append(text if step.amount is None else f"{text} ({change_text(row.kind, step)})")
        lines.append([row.title, *texts])
    headings = ["Figure", *(period.label for period in table.periods)]
    first, last = table.periods[0].label, table.periods[-1].label
    return TablePart(f"Year on year, {first} to {last}", headings, lines)


DASHBOARD_YEAR_ON_YEAR = ("A10", "A2", "A20", "A3", "adoptions", "waiting_at_end")


def dashboard_year_on_year(scope: Scope, period: Period) -> TablePart:
    """The dashboard's headline figures for the period and the same stretch of the two years
    before, with the change."""
    return year_on_year_part(year_on_year(scope, years_to(period), DASHBOARD_YEAR_ON_YEAR))


# --- Before and after go-live -------------------------------------------------------------------

NO_GO_LIVE = "{scope} has no go-live date recorded."
GO_LIVE_OUTSIDE = "{scope} went live on {day:%-d %B %Y}, which does not split {period}."


def go_live_of(scope: Scope):
    """The day an RAA went live, or the day an LA's service joined its RAA (else its RAA's)."""
    from agencies.models import LocalAuthority, RegionalAdoptionAgency

    if scope.kind == "raa":
        return RegionalAdoptionAgency.objects.get(pk=next(iter(scope.raa_ids))).go_live
    if scope.kind == "la":
        la = LocalAuthority.objects.select_related("raa").get(pk=next(iter(scope.la_ids)))
        return la.raa_go_live or (la.raa.go_live if la.raa else None)
    return None


def go_live_split(scope: Scope, period: Period) -> tuple[Period, Period]:
    """The period's days before the area's go-live date and from it on."""
    day = go_live_of(scope)
    if day is None:
        raise ComparisonError(NO_GO_LIVE.format(scope=scope.label))
    halves = period.split_at(day)
    if halves is None:
        raise ComparisonError(GO_LIVE_OUTSIDE.format(scope=scope.label, day=day, period=period))
    return halves


# --- Status against the target and trend, in words (docs/indicators.md §1.3) -------------------

RAG_WORDS = {"met": "Met", "within 10%": "Within 10 %", "not met": "Not met"}
NO_TARGET = "No target"
NO_FIGURE_TO_RATE = "No figure to compare"
NOT_RATED = "Not rated"  # a target for a count with no better direction
TREND_WORDS = {"better": "Better", "worse": "Worse", "same": "Same", "up": "Up", "down": "Down"}
NO_TREND = "No earlier figure"


def rag_words(status: str | None, *, target, value) -> str:
    """A figure's status against its target as a board reads it (docs/indicators.md §1.3,
    Status in words): Met, Within 10 % (on the wrong side of the target by no more than a
    tenth of it), Not met; a figure without a target says so."""
    if target is None:
        return NO_TARGET
    if value is None:
        return NO_FIGURE_TO_RATE
    return RAG_WORDS.get(status, NOT_RATED)


def trend_words(kind: str, trend: str | None, before, after) -> str:
    """The trend against the previous period in words, with the change in the figure's unit
    and in %: `Worse: +12 days, +4.1%`."""
    if trend is None:
        return NO_TREND
    step = change(before, after)
    if not step.amount:
        return TREND_WORDS[trend]
    if kind in ("money", "money_mean"):
        percent = "" if step.percent is None else f", {step.percent:+.1f}%"
        sign = "+" if step.amount > 0 else "-"
        return f"{TREND_WORDS[trend]}: {sign}£{abs(step.amount):,.2f}{percent}"
    return f"{TREND_WORDS[trend]}: {change_text(kind, step)}"


def figure_label(code: str) -> str:
    """A figure's name as people read it: its title, with the national indicator's code (A10)
    where the title does not already name it; never an internal key such as A10_live."""
    title = title_of(code)
    national = re.fullmatch(r"A\d+", code)
    named = re.search(rf"\b{code}\b", title)
    return f"{title} ({code})" if national and not named else title


def go_live_years(scope: Scope) -> tuple[Period, Period]:
    """The twelve months before the area's go-live date and the twelve months from it."""
    from core.dates import add_months

    day = go_live_of(scope)
    if day is None:
        raise ComparisonError(NO_GO_LIVE.format(scope=scope.label))
    last = date.fromordinal(add_months(day, 12).toordinal() - 1)
    return go_live_split(scope, Period.between(add_months(day, -12), last))


GO_LIVE_CODES = DASHBOARD_YEAR_ON_YEAR


def go_live_part(before: Period, after: Period, figures: list[dict[str, Figure]]) -> TablePart:
    """Headline figures before and from go-live (`figures`: one dict per period, as the user may
    see them), with the change."""
    lines = []
    for code in GO_LIVE_CODES:
        first, second = (period_figures.get(code) for period_figures in figures)
        if first is None or second is None:
            continue
        kind = MEASURES[code].kind if code in MEASURES else "count"
        texts = [figure.withheld or cell_text(kind, figure) for figure in (first, second)]
        step = change(first.value, second.value)
        lines.append([title_of(code), *texts, change_text(kind, step)])
    headings = ["Figure", f"Before go-live ({before.label})", f"From go-live ({after.label})",
                "Change"]  # fmt: skip
    return TablePart(f"Before and after go-live on {after.start:%-d %B %Y}", headings, lines)
