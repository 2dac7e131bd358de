"""The annual (or six-monthly) adoption report of an LA or an RAA (Adoption National Minimum
Standards 25.6): its sections of figures, from indicators/calculations/, with the narrative
managers write for each. Aggregates only: nothing in it identifies a child."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from indicators.calculations.delays import DelayReasons, delay_reasons
from indicators.calculations.engine import figure_series, figures_for
from indicators.calculations.figure import Figure
from indicators.comparisons import (
    TablePart,
    by_la_parts,
    by_la_table,
    year_on_year,
    year_on_year_part,
    years_to,
)
from indicators.dashboard import figure_text, reference_text
from indicators.disclosure import SMALLEST_SHOWN, SUPPRESSED
from indicators.models import ReportNarrative
from indicators.periods import Period
from indicators.recruitment_report import RECRUITMENT_SECTIONS, recruitment_extras
from indicators.report_charts import ReportChart
from indicators.scopes import Scope
from indicators.support_money import SupportAndMoney, support_and_money_for

TIMELINESS = ("A1", "A10", "A2", "A20", "A3")
# (key, title, figure codes): activity compares three years, the indicators in-year and over three
# years; the other sections show the period.
SECTIONS = (
    (
        "activity",
        "Activity over three years",
        (
            "adm_decisions",
            "placement_orders",
            "matches",
            "placements",
            "adoption_applications",
            "adoptions",
            "placed_at_end",
            "waiting_at_end",
            "po_awaiting_match_at_end",
            "plan_changes",
            "disruptions",
            "disruptions_own",
            "disruptions_inter_agency",
        ),
    ),
    ("indicators", "National indicators", TIMELINESS),
    (
        "adopted",
        "Who was adopted",
        (
            "adoptions",
            "adopted_aged_5_plus",
            "adopted_not_white_british",
            "adopted_with_siblings",
            "adopted_disabled",
            "adopted_harder_to_place",
        ),
    ),
    (
        "homes",
        "Where homes were found",
        (
            "placements",
            "placements_own",
            "placements_other_la",
            "placements_vaa",
            "early_permanence_placements",
        ),
    ),  # fmt: skip
    (
        "adopters",
        "Adopter recruitment and approvals",
        (
            "enquiries",
            "registrations",
            "stage2_starts",
            "approvals",
            "approved_within_6_months",
            "adopters_waiting_at_end",
            "adopters_waited_3_months",
            "sufficiency_ratio",
        ),
    ),  # fmt: skip
    (
        "panels",
        "Panels",
        (
            "meetings_held",
            "meetings_not_quorate",
            "panel_items",
            "decision_working_days",
            "decisions_late",
        ),
    ),  # fmt: skip
    (
        "disruptions",
        "Disruptions",
        (
            "disruptions",
            "disruption_children",
            "disruptions_own",
            "disruptions_inter_agency",
            "disruption_days",
        ),
    ),
    (
        "support",
        "Adoption support and the Adoption Support Fund",
        (
            "support_referrals",
            "assessments_completed",
            "referral_to_assessment_days",
            "asf_applications",
            "asf_approved",
            "asf_declined",
            "asf_amount_applied",
            "asf_amount_approved",
            "asf_spend_per_child",
        ),
    ),  # fmt: skip
)
SECTION_TITLES = {key: title for key, title, _ in (*SECTIONS, *RECRUITMENT_SECTIONS)}
REPORT_SCOPES = ("la", "raa")
NOT_A_REPORT_SCOPE = "An adoption report is for an LA (la:CODE) or an RAA (raa:SLUG)."
NOT_A_REPORT_PERIOD = "An adoption report is for a financial year (2022-23) or a half (2022-23 H1)."


@dataclass
class Line:
    code: str
    title: str
    values: list[str]  # one per period of the section, the latest last
    target: str
    england: str
    trend: str


@dataclass
class Section:
    key: str
    title: str
    periods: list[str]
    lines: list[Line]
    narrative: str


@dataclass
class Report:
    scope: Scope
    period: Period
    sections: list[Section]
    made_on: date
    # Year on year, and an RAA's figures by partner LA
    comparisons: list[TablePart] = field(default_factory=list)
    delays: DelayReasons | None = None
    charts: list[ReportChart] = field(default_factory=list)
    # Support beyond the Fund, and money (indicators/support_money.py)
    support_and_money: SupportAndMoney | None = None

    @property
    def title(self) -> str:
        kind = "Annual" if self.period.kind == "year" else "Six-monthly"
        return f"{kind} adoption report: {self.scope.label}, {self.period.label}"

    @property
    def delay_part(self) -> TablePart | None:
        """Why the time went, as a table for the page and the files."""
        return None if self.delays is None else delay_part(self.delays, self.period)


DELAY_HEADINGS = ["Reason for delay", "Children", "Share of children with a reason recorded"]
DELAY_TOTAL = "Children with a reason for delay recorded"


def delay_part(delays: DelayReasons, period: Period, *, published: bool = False) -> TablePart:
    """Children by reason for delay and their share (docs/indicators.md §2.3) as a table;
    `published` withholds counts of 1 to 4 and the shares that would reveal them, as the
    dashboard does for an area that is not the user's own (indicators/disclosure.py)."""

    def count(number: int) -> str:
        return SUPPRESSED if published and 0 < number < SMALLEST_SHOWN else f"{number:,}"

    def share(row) -> str:
        if row.share is None:
            return "—"
        if published and (0 < row.children < SMALLEST_SHOWN or delays.children < SMALLEST_SHOWN):
            return "withheld"
        return f"{row.share:.1f}%"

    lines = [[row.title, count(row.children), share(row)] for row in delays.rows]
    lines.append([DELAY_TOTAL, count(delays.children), ""])
    return TablePart(
        f"Why the time went: reasons for delay recorded, {period.label}", DELAY_HEADINGS, lines
    )


def report_for(
    scope: Scope, period: Period, *, today: date | None = None, may_see=lambda la: True
) -> Report:
    """Every section of the report, with the narratives saved for it; an RAA's has its figures
    by partner LA too (the LAs `may_see` allows, and the RAA's total)."""
    if scope.kind not in REPORT_SCOPES:
        raise ValueError(NOT_A_REPORT_SCOPE)
    if period.kind not in ("year", "half"):
        raise ValueError(NOT_A_REPORT_PERIOD)
    figures = figures_for(scope, period)
    earlier = [period.year_earlier().year_earlier(), period.year_earlier()]
    # The same stretch of three years; each value is its period's own (trends are not shown).
    history = figure_series(scope, [*earlier, period], list(SECTIONS[0][2]))
    span = Period.years(period.first_year - 2, 3)
    three_years = figures_for(scope, span)
    narratives = dict(
        ReportNarrative.objects.filter(scope=scope.text, period=period.label).values_list(
            "section", "text"
        )
    )
    sections = []
    for key, title, codes in (*SECTIONS, *RECRUITMENT_SECTIONS):
        if key == "activity":
            periods = [p.label for p in (*earlier, period)]
            lines = [_line(figures[code], [row[code] for row in history]) for code in codes]
        elif key == "indicators":
            periods = [period.label, f"{span.label} (three years)"]
            lines = [_line(figures[code], [figures[code], three_years[code]]) for code in codes]
        else:
            periods = [period.label]
            lines = [_line(figures[code], [figures[code]]) for code in codes if code in figures]
        sections.append(Section(key, title, periods, lines, narratives.get(key, "")))
    comparisons = [year_on_year_part(year_on_year(scope, years_to(period)))]
    recruitment_tables, recruitment_charts = recruitment_extras(scope, period)
    comparisons += recruitment_tables
    if scope.kind == "raa":
        comparisons += by_la_parts(by_la_table(scope, period, may_see=may_see))
    chart_periods = years_to(period, CHART_YEARS)
    charts = report_charts(
        [p.label for p in chart_periods], figure_series(scope, chart_periods, CHART_CODES)
    )
    charts = [chart for chart in (*charts, *recruitment_charts) if not chart.empty]
    return Report(
        scope,
        period,
        sections,
        today or timezone.localdate(),
        comparisons,
        delays=delay_reasons(scope, period),
        charts=charts,
        support_and_money=support_and_money_for(scope, period, may_see=may_see),
    )


CHART_YEARS = 5
HOMES = {
    "placements_own": "Own adopters",
    "placements_other_la": "Another RAA's or LA's adopters",
    "placements_vaa": "Voluntary adoption agency's adopters",
}
CHART_CODES = ["A10", "A1", "adoptions", *HOMES]


def report_charts(labels: list[str], rows: list[dict[str, Figure]]) -> list[ReportChart]:
    """The report's charts from the figures of each period (oldest first): A10 and A1 against
    their target and the England average, adoptions per period, and where homes were found."""
    charts = []
    for code in ("A10", "A1"):
        charts.append(
            ReportChart(
                code,
                f"{rows[0][code].title}, against the target and England",
                labels,
                {
                    code: [row[code].value for row in rows],
                    "Target": [row[code].target for row in rows],
                    "England": [row[code].england for row in rows],
                },
                "Days",
                references=("Target", "England"),
            )
        )
    charts.append(
        ReportChart(
            "adoptions",
            "Children adopted",
            labels,
            {"Adoptions": [row["adoptions"].value for row in rows]},
            "Children",
            kind="bars",
        )
    )
    charts.append(
        ReportChart(
            "homes",
            "Where homes were found: adoption placements by the adopters' agency",
            labels,
            {name: [row[code].count for row in rows] for code, name in HOMES.items()},
            "Placements",
            kind="bars",
        )
    )
    return charts


def _line(figure: Figure, values: list[Figure]) -> Line:
    """A figure of the period (its target, England average and trend) and the values shown."""
    return Line(
        code=figure.code,
        title=figure.title,
        values=[_value_text(value) for value in values],
        target=reference_text(figure, figure.target),
        england=reference_text(figure, figure.england),
        trend=figure.trend or "",
    )


def _value_text(figure: Figure) -> str:
    if figure.count is not None and figure.value is not None:
        return f"{figure_text(figure)} ({figure.count:,} of {figure.n:,})"
    return figure_text(figure)
