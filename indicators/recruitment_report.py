"""The recruitment, early-permanence and disruption-learning parts of the adoption report
(docs/indicators.md §7): their sections of figures, the steps from enquiry to approval by
quarter, enquiries by campaign, and a chart of the steps. Aggregates only."""

from dataclasses import dataclass
from datetime import date

from indicators import charts
from indicators.calculations.engine import title_of
from indicators.calculations.recruitment import (
    STEP_CONVERSIONS,
    STEP_COUNTS,
    enquiries_by_campaign,
)
from indicators.comparisons import TablePart
from indicators.dashboard import Cell, Chart, Table, figure_text
from indicators.figure_cache import figure_series, figures_by_scope
from indicators.periods import Period
from indicators.report_charts import ReportChart
from indicators.scopes import Scope
from journeys.models import HeardFrom

# (key, title, figure codes), shown for the report's period as the report's other sections are.
# Events and courses belong to the RAA: an LA's report leaves them out.
RECRUITMENT_SECTIONS = (
    (
        "recruitment",
        "Recruitment: events, visits, courses and enquiries",
        (
            "information_events",
            "information_events_online",
            "event_attendance",
            "initial_visits",
            "preparation_courses",
            "preparation_attendees",
            "enquiries",
            *(f"enquiries_{value}" for value, _ in HeardFrom.choices),
            "enquiries_source_unknown",
        ),
    ),
    (
        "conversion",
        "From enquiry to approval",
        (*STEP_COUNTS, *STEP_CONVERSIONS, "approved_within_6_months"),
    ),
    (
        "early_permanence",
        "Early permanence",
        (
            "early_permanence_households",
            "ep_fostering_for_adoption",
            "ep_concurrent_planning",
            "early_permanence_placements",
        ),
    ),
    (
        "disruption_learning",
        "Learning from disruptions",
        (
            "disruptions",
            "disruption_meetings",
            "disruption_meetings_own",
            "disruption_meetings_inter_agency",
            "disruption_chair_independent",
            "disruption_reports",
            "disruption_learning",
        ),
    ),
)
STEP_NAMES = {
    "enquiries": "Enquiries",
    "registrations": "Registrations of interest",
    "stage1_decisions": "Stage 1 decisions",
    "stage2_starts": "Stage 2 starts",
    "approvals": "Approvals",
}
CAMPAIGN_NOT_NAMED = "Campaign not named"
NO_CAMPAIGN_ENQUIRIES = "No enquiries came through a campaign"


def quarters_of(period: Period) -> list[Period]:
    """The quarters of a year or a half, in order."""
    return [q for q in period.quarters() if period.start <= q.start and q.end <= period.end]


def conversion_by_quarter(scope: Scope, period: Period) -> tuple[list[Period], list[dict]]:
    """Each quarter's step counts and conversions (docs/indicators.md §7.3): one query per
    family."""
    quarters = quarters_of(period)
    codes = [*STEP_COUNTS, *STEP_CONVERSIONS, "approved_within_6_months"]
    return quarters, figure_series(scope, quarters, codes)


def recruitment_extras(scope: Scope, period: Period) -> tuple[list[TablePart], list[ReportChart]]:
    """The tables (steps by quarter, enquiries by campaign) and the chart the report adds."""
    quarters, series = conversion_by_quarter(scope, period)
    return recruitment_parts(scope, period, quarters, series), recruitment_charts(
        period, quarters, series
    )


def recruitment_parts(
    scope: Scope, period: Period, quarters: list[Period], series: list[dict]
) -> list[TablePart]:
    """The steps from enquiry to approval by quarter, and enquiries by campaign."""
    codes = [*STEP_COUNTS, *STEP_CONVERSIONS, "approved_within_6_months"]
    lines = [
        [STEP_NAMES.get(code, title_of(code)), *(figure_text(row[code]) for row in series)]
        for code in codes
    ]
    steps = TablePart(
        f"From enquiry to approval by quarter, {period.label}",
        ["Step", *(q.label for q in quarters)],
        lines,
    )
    campaigns = [
        [row["campaign"] or CAMPAIGN_NOT_NAMED, f"{row['enquiries']:,}"]
        for row in enquiries_by_campaign(scope.la_ids, period)
    ] or [[NO_CAMPAIGN_ENQUIRIES, "0"]]
    by_campaign = TablePart(
        f"Enquiries by recruitment campaign, {period.label}", ["Campaign", "Enquiries"], campaigns
    )
    return [steps, by_campaign]


def recruitment_charts(
    period: Period, quarters: list[Period], series: list[dict]
) -> list[ReportChart]:
    """A chart of each step's count by quarter."""
    return [
        ReportChart(
            "conversion",
            f"Households at each step by quarter, {period.label}",
            [q.label for q in quarters],
            {STEP_NAMES[code]: [row[code].value for row in series] for code in STEP_COUNTS},
            "Households",
        )
    ]


# The dashboard's recruitment section: the figures managers follow, beside the steps by quarter.
DASHBOARD_FIGURES = (
    "information_events",
    "event_attendance",
    "initial_visits",
    "preparation_attendees",
    "approved_within_6_months",
    "early_permanence_households",
    "ep_fostering_for_adoption",
    "ep_concurrent_planning",
    "disruption_meetings",
    "disruption_chair_independent",
    "disruption_learning",
)


@dataclass
class RecruitmentDashboard:
    chart: Chart
    figures: Table


def recruitment_dashboard(
    scope: Scope, period: Period, *, today: date, seen=lambda _scope, figures: figures
) -> RecruitmentDashboard:
    """The dashboard's recruitment section for a scope and period: a chart of each step's count
    by quarter, with its table, and the recruitment, early-permanence and disruption-learning
    figures (as `seen` lets the user see them)."""
    quarters = quarters_of(period) or [Period.quarter_of(period.start)]
    quarters = [q for q in quarters if q.start <= today] or quarters[:1]  # none still to come
    codes = [*STEP_COUNTS, *STEP_CONVERSIONS]
    series = [seen(scope, row) for row in figure_series(scope, quarters, codes)]
    labels = [q.label for q in quarters]
    chart = Chart(
        "recruitment-steps",
        "From enquiry to approval by quarter",
        f"Bar chart of the households at each step from enquiry to approval, for each quarter "
        f"from {labels[0]} to {labels[-1]}.",
        charts.bar_chart(
            labels,
            {STEP_NAMES[code]: [row[code].value for row in series] for code in STEP_COUNTS},
            y_title="Households",
        ),
        Table(
            f"From enquiry to approval by quarter, {scope.label}",
            ["Step", *labels],
            [
                [
                    Cell(STEP_NAMES.get(code, title_of(code))),
                    *(Cell(figure_text(row[code])) for row in series),
                ]
                for code in codes
            ],
        ),
    )
    figures = seen(scope, figures_by_scope(period, [scope], codes=DASHBOARD_FIGURES)[scope])
    table = Table(
        f"Recruitment, early permanence and disruption learning, {scope.label}, {period.label}",
        ["Figure", period.label],
        [
            [Cell(figures[code].title), Cell(figure_text(figures[code]))]
            for code in DASHBOARD_FIGURES
            if code in figures
        ],
    )
    return RecruitmentDashboard(chart, table)
