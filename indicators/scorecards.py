"""The quarterly board scorecard of an RAA (docs/adr/0003-board-files.md), from the same
calculations as the dashboard and the API: one section for the RAA and one per partner LA; rows of
figures, columns Q1–Q4 of the year (blank after the chosen quarter), the R12 to the chosen
quarter, the previous quarter's R12, the target, the England average and the statistical
neighbours' average (the reference values that match the R12, indicators/benchmarks.py), each
value with its status against the target and the R12 with its trend. Every file opens with a
one-page summary of the headline figures (`Scorecard.summary`). Rows carry plain names, never
internal keys. Aggregates only: nothing in it identifies a child."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone

from indicators.benchmarks import Benchmark, benchmark, reference_rows
from indicators.calculations.engine import MEASURES, figures_by_scope, own_la, status_against
from indicators.calculations.figure import Figure
from indicators.comparisons import (
    NO_TARGET,
    TREND_WORDS,
    figure_label,
    rag_words,
    trend_words,
)
from indicators.dashboard import value_text
from indicators.periods import Period
from indicators.scopes import Scope, member_scopes

SCORECARD_GROUPS = (
    ("Timeliness", ("A1", "A10", "A10_live", "A2", "A2_live", "A20", "A20_live", "A3", "A3_live")),
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
            "information_events",
            "initial_visits",
            "conversion_to_registration",
            "early_permanence_households",
        ),
    ),
    (
        "Disruptions",
        (
            "disruptions",
            "disruption_children",
            "disruption_meetings",
            "disruption_chair_independent",
        ),
    ),
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
# The summary page: the national timeliness indicators and the main activity counts (the
# scorecard's rows in docs/indicators.md §2–§3), for the RAA as a whole.
SUMMARY_CODES = (
    "A1",
    "A10",
    "A2",
    "A20",
    "A3",
    "adm_decisions",
    "placement_orders",
    "matches",
    "placements",
    "adoptions",
    "plan_changes",
    "disruptions",
    "waiting_at_end",
    "po_awaiting_match_at_end",
)
NONE_HELD = "None held"
SUMMARY_HEADINGS = [
    "Figure",
    "R12",
    "Status against the target",
    "Target",
    "England average",
    "Statistical neighbours' average",
    "Trend against the previous quarter's R12",
]
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
    england: Benchmark | None  # with its own period, which may be longer than the R12
    neighbours: Benchmark | None  # the statistical neighbours' average (an LA's own)
    label: str = ""  # the plain name people read (figure_label)
    kind: str = "count"

    @property
    def status_words(self) -> str:
        """The R12's status against the target in words: Met, Within 10 %, Not met."""
        return rag_words(self.r12.status, target=self.target, value=self.r12.value)

    @property
    def trend_words(self) -> str:
        """The R12 against the previous quarter's R12, in words and in the figure's unit."""
        return trend_words(self.kind, self.trend, self.previous_r12, self.r12.value)

    @property
    def trend_word(self) -> str:
        return TREND_WORDS.get(self.trend, "")

    @property
    def england_text(self) -> str:
        return self.reference_text(self.england)

    @property
    def neighbours_text(self) -> str:
        return self.reference_text(self.neighbours)

    def text(self, value) -> str:
        """A value of this row with its unit (£1,800.00, 409 days, 56.3%)."""
        return value_text(self.code, value)

    def reference_text(self, found: Benchmark | None) -> str:
        """A reference value with its unit and, where it is for a longer period, that period."""
        if found is None:
            return NONE_HELD
        return (
            f"{self.text(found.value)} ({found.period})" if found.period else self.text(found.value)
        )


@dataclass
class SummaryLine:
    """One headline figure of the summary page, every part in words as a board reads it."""

    label: str
    value: str
    status: str
    target: str
    england: str
    neighbours: str
    trend: str
    status_key: str | None  # met, within 10%, not met: the colour it is shaded


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

    @property
    def summary_note(self) -> str:
        """What the summary's figures are for, in one sentence."""
        return (
            f"{self.raa.label}: the 12 months from {self.r12.start:%-d %B %Y} to "
            f"{self.r12.end:%-d %B %Y} (R12), against the target, the England average and the "
            f"statistical neighbours' average, and the R12 a quarter earlier. Made on "
            f"{self.made_on:%-d %B %Y}."
        )

    @property
    def summary(self) -> list[SummaryLine]:
        """The headline figures of the RAA for the R12, for the first page of every file."""
        rows = {row.code: row for row in self.sections[0].rows}
        return [
            SummaryLine(
                label=rows[code].label,
                value=rows[code].text(rows[code].r12.value),
                status=rows[code].status_words,
                target=NO_TARGET
                if rows[code].target is None
                else rows[code].text(rows[code].target),
                england=rows[code].reference_text(rows[code].england),
                neighbours=rows[code].reference_text(rows[code].neighbours),
                trend=rows[code].trend_words,
                status_key=rows[code].r12.status,
            )
            for code in SUMMARY_CODES
            if code in rows
        ]


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
    references = reference_rows(SCORECARD_CODES)
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
                        england=_beside(benchmark(references, code, "england", r12), r12),
                        neighbours=_beside(
                            benchmark(references, code, "neighbours", r12, own_la(scope)), r12
                        ),
                        label=figure_label(code),
                        kind=MEASURES[code].kind if code in MEASURES else "count",
                    )
                )
        has_data = any(f.n for figures in (*by_quarter, by_r12) for f in figures[scope].values())
        empty = NO_DATA.format(scope=scope.label, start=quarters[0].start, end=quarter.end)
        sections.append(Section(scope, rows, "" if has_data else empty))
    return Scorecard(raa, quarter, r12, sections, today or timezone.localdate(), may_see)


def _beside(found: Benchmark | None, r12: Period) -> Benchmark | None:
    """A reference value as it stands beside the R12: its period named only where it is
    another, longer one (docs/reference-values.md)."""
    return replace(found, period="") if found and found.period == r12.label else found


def _cell(code: str, figure: Figure, target) -> Cell:
    return Cell(figure.value, status_against(code, figure.value, target))
