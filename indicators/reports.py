"""The annual (or six-monthly) adoption report of an LA or an RAA (Adoption National Minimum
Standards 25.6): its sections of figures, from indicators/calculations/, with the narrative
managers write for each. Aggregates only: nothing in it identifies a child."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

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
from indicators.models import ReportNarrative
from indicators.periods import Period
from indicators.recruitment_report import (
    RECRUITMENT_SECTIONS,
    ReportChart,
    recruitment_extras,
)
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
    charts: list[ReportChart] = field(default_factory=list)
    # Support beyond the Fund, and money (indicators/support_money.py)
    support_and_money: SupportAndMoney | None = None

    @property
    def title(self) -> str:
        kind = "Annual" if self.period.kind == "year" else "Six-monthly"
        return f"{kind} adoption report: {self.scope.label}, {self.period.label}"


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
    made_on = today or timezone.localdate()
    report = Report(scope, period, sections, made_on, comparisons, recruitment_charts)
    report.support_and_money = support_and_money_for(scope, period)
    return report


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
