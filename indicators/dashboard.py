"""The manager dashboard for one scope and period: headline tiles, charts and their tables.

The numbers come from indicators/calculations/ and the pictures from indicators/charts.py;
every chart carries the same numbers as a table, for screen readers and keyboard users.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from core.money import money_text
from indicators import charts
from indicators.calculations.engine import MEASURES
from indicators.calculations.figure import Figure
from indicators.disclosure import SMALLEST_SHOWN
from indicators.figure_cache import figure_series, figures_by_scope
from indicators.periods import Period
from indicators.scopes import Scope, member_scopes

HEADLINE = ("A10", "A2", "A20", "A3")
TIMELINESS_DAYS = ("A10", "A2", "A20")
STAGES = ("A20", "A2", "match_to_move_in", "move_in_to_order")
ACTIVITY = (
    "adm_decisions",
    "placement_orders",
    "matches",
    "placements",
    "adoptions",
    "disruptions",
)
PIPELINE = ("enquiries", "registrations", "stage2_starts", "approvals")
SUFFICIENCY = ("po_awaiting_match_at_end", "adopters_waiting_at_end")
SUFFICIENCY_SHOWN = (*SUFFICIENCY, "sufficiency_ratio")
COMPARED = ("A10", "A2", "A20", "A3", "adoptions", "waiting_at_end")
# Only what the dashboard shows is computed; every figure has a page of its own (the API's set).
SHOWN = {*HEADLINE, *COMPARED, *STAGES, *PIPELINE, *SUFFICIENCY_SHOWN}
QUARTERS_SHOWN = 20  # five years
YEARS_SHOWN = 3
TREND_TEXT = {
    "better": "Better than the period before",
    "worse": "Worse than the period before",
    "same": "Same as the period before",
    "up": "Up on the period before",
    "down": "Down on the period before",
}
STATUS_TAG = {"met": "green", "within 10%": "yellow", "not met": "red"}

DrillLink = Callable[[str, Scope, Period], str | None]


def figure_text(figure: Figure | None) -> str:
    """A figure's value as a page shows it, with its unit; "no children" for an empty cohort."""
    if figure is not None and figure.withheld:
        return figure.withheld
    return value_text(figure.code, figure.value) if figure else "no children"


def value_text(code: str, value) -> str:
    """A value of the figure `code` with its unit; "no children" when there is none."""
    if value is None:
        return "no children"
    kind = MEASURES[code].kind if code in MEASURES else "count"
    if kind == "mean":
        return f"{value:,} days"
    if kind == "percent":
        return f"{value:.1f}%"
    if kind in ("money", "money_mean"):
        return money_text(value)
    return f"{value:,}"


def reference_text(figure: Figure, value) -> str:
    return "—" if value is None else value_text(figure.code, value)


@dataclass
class Cell:
    text: str
    href: str | None = None


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[Cell]]  # the first cell of each row is its header


@dataclass
class Chart:
    key: str
    title: str
    summary: str  # the chart's accessible name; the table holds its numbers
    figure: dict
    table: Table
    note: str = ""  # which points rest on a handful of children
    empty: str = ""  # said instead of the chart when it has nothing to draw


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    tiles: list[tuple[Figure, str | None]]  # each figure with its drill-down address
    charts: list[Chart] = field(default_factory=list)

    @property
    def no_children(self) -> bool:
        """No headline figure has a child behind it (nor a withheld one): one line says so,
        instead of four empty tiles."""
        return all(figure.value is None and not figure.withheld for figure, _ in self.tiles)


def dashboard_for(
    scope: Scope,
    period: Period,
    *,
    today: date,
    link: DrillLink = lambda *_: None,
    seen: Callable[[Scope, dict], dict] = lambda _scope, figures: figures,
) -> Dashboard:
    """Everything the dashboard shows for a scope and period; `link` gives each figure's
    drill-down address (None where the user may not see the children), `seen` an area's figures
    as the user may see them (disclosure.as_seen_by)."""
    members = member_scopes(scope)
    computed = figures_by_scope(period, [scope, *members], codes=SHOWN)
    by_scope = {area: seen(area, figures) for area, figures in computed.items()}
    figures = by_scope[scope]
    quarters = [q for q in period.quarters_to(QUARTERS_SHOWN) if q.start <= today]
    quarters = quarters or period.quarters_to(QUARTERS_SHOWN)
    by_quarter = [seen(scope, f) for f in figure_series(scope, quarters, list(HEADLINE))]
    years = period.years_to(YEARS_SHOWN)
    by_year = [seen(scope, f) for f in figure_series(scope, years, list(ACTIVITY))]
    areas = [(member, by_scope[member]) for member in members] or [(scope, figures)]
    # "At period end" for a period still running is today, not a day still to come.
    snapshot, at_snapshot = period, areas
    if period.start <= today < period.end:
        snapshot = Period.between(period.start, today)
        now = figures_by_scope(snapshot, [area for area, _ in areas], codes=SUFFICIENCY_SHOWN)
        at_snapshot = [(area, now[area]) for area, _ in areas]

    def cell(figure: Figure, area: Scope, when: Period) -> Cell:
        return Cell(figure_text(figure), link(figure.code, area, when))

    return Dashboard(
        scope=scope,
        period=period,
        tiles=[(figures[code], link(code, scope, period)) for code in HEADLINE],
        charts=[
            _timeliness_chart(quarters, by_quarter, scope, cell),
            _a3_chart(quarters, by_quarter, scope, cell),
            _areas_chart(areas, period, cell),
            _stages_chart(areas, period, cell),
            _activity_chart(years, by_year, scope, cell),
            _pipeline_chart(figures, scope, period, cell),
            _sufficiency_chart(at_snapshot, snapshot, cell),
        ],
    )


def _values(rows: list[dict[str, Figure]], code: str) -> list:
    return [row[code].value for row in rows]


def _references(rows: list[dict[str, Figure]], code: str) -> dict[str, list]:
    return {
        "target": [row[code].target for row in rows],
        "england": [row[code].england for row in rows],
    }


def _small(rows: list[dict[str, Figure]], code: str) -> list[bool]:
    """Which of the figures rest on fewer than SMALLEST_SHOWN children (none withheld)."""
    return [row[code].value is not None and 0 < row[code].n < SMALLEST_SHOWN for row in rows]


def _empty(figures, text: str = "No children in this period.") -> str:
    """`text` when not one of the figures has a child or item behind it (a withheld figure
    has), else ""."""
    return "" if any(figure.n != 0 for figure in figures) else text


def _timeliness_chart(quarters, rows, scope, cell) -> Chart:
    labels = [q.label for q in quarters]
    values = {code: _values(rows, code) for code in TIMELINESS_DAYS}
    small = {code: _small(rows, code) for code in TIMELINESS_DAYS}
    figure = charts.line_chart(
        labels,
        values,
        y_title="Days",
        references={code: _references(rows, code) for code in TIMELINESS_DAYS},
        small=small,
        fewest=SMALLEST_SHOWN,
    )
    return Chart(
        "timeliness",
        "Timeliness by quarter",
        f"Line chart of A10, A2 and A20 in days for each quarter from {labels[0]} to {labels[-1]}, "
        "with their targets and England averages.",
        figure,
        Table(
            f"A10, A2 and A20 by quarter, {scope.label}",
            ["Quarter", *TIMELINESS_DAYS],
            [
                [Cell(q.label), *(cell(row[code], scope, q) for code in TIMELINESS_DAYS)]
                for q, row in zip(quarters, rows, strict=True)
            ],
        ),
        note=charts.small_numbers_note(labels, small, fewest=SMALLEST_SHOWN),
        empty=_empty(row[code] for row in rows for code in TIMELINESS_DAYS),
    )


def _a3_chart(quarters, rows, scope, cell) -> Chart:
    labels = [q.label for q in quarters]
    small = {"A3": _small(rows, "A3")}
    figure = charts.line_chart(
        labels,
        {"A3": _values(rows, "A3")},
        y_title="%",
        references={"A3": _references(rows, "A3")},
        small=small,
        fewest=SMALLEST_SHOWN,
    )
    return Chart(
        "a3",
        "Children who moved in within 14 months (A3), by quarter",
        f"Line chart of A3 as a percentage for each quarter from {labels[0]} to {labels[-1]}, "
        "with its target and England average.",
        figure,
        Table(
            f"A3 by quarter, {scope.label}",
            ["Quarter", "A3", "Children"],
            [
                [
                    Cell(q.label),
                    cell(row["A3"], scope, q),
                    Cell(figure_text(row["A3"]) if row["A3"].withheld else f"{row['A3'].n:,}"),
                ]
                for q, row in zip(quarters, rows, strict=True)
            ],
        ),
        note=charts.small_numbers_note(labels, small, fewest=SMALLEST_SHOWN),
        empty=_empty(row["A3"] for row in rows),
    )


def _areas_chart(areas, period, cell) -> Chart:
    labels = [area.label for area, _ in areas]
    rows = [figures for _, figures in areas]
    small = {code: _small(rows, code) for code in TIMELINESS_DAYS}
    figure = charts.bar_chart(
        labels,
        {code: _values(rows, code) for code in TIMELINESS_DAYS},
        y_title="Days",
        small=small,
        fewest=SMALLEST_SHOWN,
    )
    return Chart(
        "areas",
        "Areas side by side",
        f"Bar chart of A10, A2 and A20 in days for each area, {period.label}.",
        figure,
        Table(
            f"Headline figures by area, {period.label}",
            ["Area", *(areas[0][1][code].title for code in COMPARED)],
            [
                [Cell(area.label), *(cell(figures[code], area, period) for code in COMPARED)]
                for area, figures in areas
            ],
        ),
        note=charts.small_numbers_note(labels, small, fewest=SMALLEST_SHOWN, kind="bar"),
        empty=_empty(row[code] for row in rows for code in TIMELINESS_DAYS),
    )


def _stages_chart(areas, period, cell) -> Chart:
    labels = [area.label for area, _ in areas]
    figure = charts.stages_chart(
        labels,
        {MEASURES[code].label: [figures[code].value for _, figures in areas] for code in STAGES},
    )
    return Chart(
        "stages",
        "Where the time goes: stages of the journey",
        "Stacked bar chart of the average days adopted children spent in each stage, by area: "
        "court (entering care to placement order) and family finding (order to match).",
        figure,
        Table(
            f"Average days in each stage for children adopted in {period.label}",
            ["Area", *(MEASURES[code].label for code in STAGES)],
            [
                [Cell(area.label), *(cell(figures[code], area, period) for code in STAGES)]
                for area, figures in areas
            ],
        ),
        empty=_empty(figures[code] for _, figures in areas for code in STAGES),
    )


def _activity_chart(years, rows, scope, cell) -> Chart:
    figure = charts.bar_chart(
        [MEASURES[code].label for code in ACTIVITY],
        {
            year.label: [row[code].value for code in ACTIVITY]
            for year, row in zip(years, rows, strict=True)
        },
        y_title="Children or placements",
    )
    return Chart(
        "activity",
        "Activity over three years",
        f"Bar chart of the activity counts for {', '.join(y.label for y in years)}.",
        figure,
        Table(
            f"Activity by financial year, {scope.label}",
            ["Activity", *(year.label for year in years)],
            [
                [
                    Cell(MEASURES[code].title),
                    *(cell(row[code], scope, y) for y, row in zip(years, rows, strict=True)),
                ]
                for code in ACTIVITY
            ],
        ),
        empty=_empty(
            (row[code] for row in rows for code in ACTIVITY), "No activity in these three years."
        ),
    )


def _pipeline_chart(figures, scope, period, cell) -> Chart:
    titles = [MEASURES[code].title for code in PIPELINE]
    figure = charts.pipeline_chart(titles, [figures[code].value for code in PIPELINE])
    return Chart(
        "pipeline",
        "Adopter pipeline",
        f"Bar chart of adopter enquiries, registrations, Stage 2 starts and approvals, "
        f"{period.label}.",
        figure,
        Table(
            f"Adopter pipeline, {scope.label}, {period.label}",
            ["Step", "Households"],
            [[Cell(MEASURES[c].title), cell(figures[c], scope, period)] for c in PIPELINE],
        ),
        empty=_empty(
            (figures[code] for code in PIPELINE),
            "No adopter enquiries or approvals in this period.",
        ),
    )


def _sufficiency_chart(areas, period, cell) -> Chart:
    labels = [area.label for area, _ in areas]
    names = {
        "po_awaiting_match_at_end": "Children with a placement order awaiting a match",
        "adopters_waiting_at_end": "Approved households waiting",
    }
    figure = charts.bar_chart(
        labels,
        {names[code]: [figures[code].value for _, figures in areas] for code in SUFFICIENCY},
        y_title=f"On {period.end:%-d %b %Y}",
    )
    return Chart(
        "sufficiency",
        "Sufficiency: children awaiting a match and households waiting",
        f"Bar chart of children awaiting a match and approved households waiting on "
        f"{period.end:%-d %B %Y}, by area.",
        figure,
        Table(
            f"Children awaiting a match and households waiting on {period.end:%-d %B %Y}",
            ["Area", *names.values(), "Children per household"],
            [
                [
                    Cell(area.label),
                    *(cell(figures[code], area, period) for code in SUFFICIENCY),
                    Cell(
                        "no households waiting"
                        if figures["sufficiency_ratio"].value is None
                        else f"{figures['sufficiency_ratio'].value:.2f}"
                    ),
                ]
                for area, figures in areas
            ],
        ),
        empty=_empty(
            (figures[code] for _, figures in areas for code in SUFFICIENCY),
            f"No children awaiting a match and no households waiting on {period.end:%-d %B %Y}.",
        ),
    )
