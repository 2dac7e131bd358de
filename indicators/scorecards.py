"""The quarterly board scorecard of an RAA (docs/adr/0003-board-files.md), from the same
calculations as the dashboard and the API: one section for the RAA and one per partner LA; rows of
figures, columns Q1–Q4 of the year (blank after the chosen quarter), the R12 to the chosen
quarter, the previous quarter's R12, the target and the England average, each value with its
status against the target and the R12 with its trend. Aggregates only: nothing in it identifies
a child."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from indicators.calculations.engine import figures_by_scope, status_against
from indicators.calculations.figure import Figure
from indicators.periods import Period
from indicators.scopes import Scope, member_scopes

SCORECARD_GROUPS = (
    ("Timeliness", ("A10", "A10_live", "A2", "A2_live", "A20", "A20_live", "A3", "A3_live")),
    (
        "Activity",
        (
            "adm_decisions",
            "placement_orders",
            "matches",
            "placements",
            "adoption_applications",
            "adoptions",
            "plan_changes",
            "early_permanence_placements",
            "placed_at_end",
            "waiting_at_end",
            "po_awaiting_match_at_end",
        ),
    ),
    (
        "Adopters",
        (
            "enquiries",
            "registrations",
            "stage2_starts",
            "approvals",
            "approved_within_6_months",
            "adopters_waiting_at_end",
            "sufficiency_ratio",
        ),
    ),
    ("Disruptions", ("disruptions", "disruption_children")),
    (
        "Support",
        (
            "support_referrals",
            "assessments_completed",
            "asf_applications",
            "asf_approved",
            "asf_amount_approved",
            "advice_calls",
            "assessments_awaiting_at_end",
            "support_plans_agreed",
            "asf_families_funded",
        ),
    ),
)
SCORECARD_CODES = [code for _, codes in SCORECARD_GROUPS for code in codes]
NOT_A_QUARTER = "A scorecard is for a quarter, like 2022-23 Q4."
NO_DATA = "No records for {scope} from {start:%-d %B %Y} to {end:%-d %B %Y}."


@dataclass
class Cell:
    value: float | int | None
    status: str | None  # against the target: met, within 10%, not met


@dataclass
class Row:
    group: str
    code: str
    title: str
    quarters: list[Cell | None]  # Q1–Q4; None after the chosen quarter
    r12: Cell
    previous_r12: float | int | None
    trend: str | None
    target: float | None
    england: float | None


@dataclass
class Section:
    scope: Scope
    rows: list[Row]
    empty: str  # what to say when the scope has no records in the period; "" otherwise


@dataclass
class Scorecard:
    raa: Scope
    quarter: Period
    r12: Period
    sections: list[Section]
    made_on: date
    # The partner LAs whose own figures the person it is made for may see.
    may_see: Callable[[Scope], bool] = field(default=lambda scope: True, repr=False)

    @property
    def has_data(self) -> bool:
        return not self.sections[0].empty


def scorecard_for(
    raa: Scope, quarter: Period, *, today: date | None = None, may_see=lambda scope: True
) -> Scorecard:
    """The scorecard of an RAA for the year up to `quarter`: one query per family and period
    (the quarters so far and the R12, whose trend compares with the previous quarter's R12)."""
    if quarter.kind != "quarter":
        raise ValueError(NOT_A_QUARTER)
    scopes = [raa, *(scope for scope in member_scopes(raa) if may_see(scope))]
    quarters = quarter.quarters()[: quarter.quarter_number]
    r12 = Period.r12(quarter)
    by_quarter = [figures_by_scope(q, scopes, SCORECARD_CODES) for q in quarters]
    by_r12 = figures_by_scope(r12, scopes, SCORECARD_CODES)
    sections = []
    for scope in scopes:
        rows = []
        for group, codes in SCORECARD_GROUPS:
            for code in codes:
                if code not in by_r12[scope]:
                    continue  # panel meetings: an RAA's only
                figure = by_r12[scope][code]
                cells = [_cell(code, figures[scope][code], figure.target) for figures in by_quarter]
                rows.append(
                    Row(
                        group=group,
                        code=code,
                        title=figure.title,
                        quarters=cells + [None] * (4 - len(cells)),
                        r12=_cell(code, figure, figure.target),
                        previous_r12=figure.previous,
                        trend=figure.trend,
                        target=figure.target,
                        england=figure.england,
                    )
                )
        has_data = any(f.n for figures in (*by_quarter, by_r12) for f in figures[scope].values())
        empty = NO_DATA.format(scope=scope.label, start=quarters[0].start, end=quarter.end)
        sections.append(Section(scope, rows, "" if has_data else empty))
    return Scorecard(raa, quarter, r12, sections, today or timezone.localdate(), may_see)


def _cell(code: str, figure: Figure, target) -> Cell:
    return Cell(figure.value, status_against(code, figure.value, target))
