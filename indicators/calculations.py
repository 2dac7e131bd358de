"""Every indicator of the portal, computed in the database (definitions: docs/indicators.md).

Each figure is a *measure*: a cohort (a condition on the rows of one model for a period) and what
is taken from it (a mean of days, a share, a count or a sum of money). Measures of the same model
form a *family*, computed in one query that groups by local authority and uses conditional
aggregation for every measure and every period asked for. Those per-LA sums and counts are additive,
so a hub, an RAA or all data is pooled child by child by adding them up before dividing: a pooled
mean is never a mean of means. Panel meetings belong to an RAA, not an LA, and are grouped by RAA.

Drill-downs, worklists and data-quality checks reuse the same cohort conditions (see
indicators/selectors.py), so a figure and the children behind it cannot disagree.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, GreaterThan, GreaterThanOrEqual

from agencies.models import LocalAuthority, RegionalAdoptionAgency
from indicators.models import ReferenceValue
from indicators.periods import Period, add_months
from indicators.scopes import ALL, Scope, all_scopes, scope_for_la, scope_for_raa
from journeys.models import (
    ETHNICITY_NOT_KNOWN,
    WHITE_BRITISH,
    AdopterHousehold,
    AdopterSource,
    EarlyPermanence,
    Journey,
    Link,
    Placement,
)
from panels.models import Meeting, PanelItem, PanelMember, QuorumRule
from support.models import FundApplication, SupportAssessment, SupportReferral

# A3: "less than 14 months" is 426 days (indicators.md §2).
A3_THRESHOLD_DAYS = 426
# Approval "within 6 months" of registration (indicators.md §5).
APPROVAL_WITHIN_DAYS = 183
DECISION_DUE_WORKING_DAYS = 7


# --- Database building blocks -----------------------------------------------------------------


class DaysBetween(Func):
    """`end - start` in whole calendar days; a negative interval counts as 0 (docs §1.1)."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, start, end):
        start = F(start) if isinstance(start, str) else start
        end = F(end) if isinstance(end, str) else end
        super().__init__(start, end)

    def as_postgresql(self, compiler, connection):
        # date - date is an integer number of days in PostgreSQL.
        return self._compile(compiler, connection, "(({end}) - ({start}))", "GREATEST")

    def as_sqlite(self, compiler, connection):
        return self._compile(
            compiler, connection, "CAST(julianday({end}) - julianday({start}) AS INTEGER)", "MAX"
        )

    def _compile(self, compiler, connection, difference: str, greatest: str):
        start_sql, start_params = compiler.compile(self.source_expressions[0])
        end_sql, end_params = compiler.compile(self.source_expressions[1])
        sql = f"{greatest}({difference.format(start=start_sql, end=end_sql)}, 0)"
        return sql, [*start_params, *end_params]


class LessThanDays(Func):
    """A boolean `days < threshold`, so a computed interval can sit inside a cohort condition."""

    template = "(%(expressions)s)"
    arg_joiner = " < "
    conditional = True

    def __init__(self, days, threshold: int):
        super().__init__(days, Value(threshold), output_field=BooleanField())


def months_reached(start, end, months: int) -> Q:
    """`end` is at least `months` calendar months after `start` (same day of the month or later)."""

    def month_index(expression):
        return ExpressionWrapper(
            ExtractYear(expression) * 12 + ExtractMonth(expression), output_field=IntegerField()
        )

    difference = ExpressionWrapper(
        month_index(end) - month_index(start), output_field=IntegerField()
    )
    return Q(GreaterThan(difference, months)) | Q(
        Exact(difference, months), GreaterThanOrEqual(ExtractDay(end), ExtractDay(start))
    )


def in_period(path: str, period: Period) -> Q:
    return Q(**{f"{path}__range": (period.start, period.end)})


def on_or_before(path: str, day: date) -> Q:
    return Q(**{f"{path}__lte": day})


def not_by(path: str, day: date) -> Q:
    """`path` is unknown or later than `day` (NULL-safe, unlike a plain negation in SQL)."""
    return Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__gt": day})


def _active(day: date) -> Q:
    """The placement (a row of Placement) was running at the end of `day`."""
    return Q(placed__lte=day) & (Q(ended__isnull=True) | Q(ended__gt=day))


def in_adoption_placement(day: date) -> Exists:
    """The journey's child was in an adoption placement at the end of `day`."""
    return Exists(Placement.objects.filter(_active(day), journey=OuterRef("pk")))


def matched_at(day: date) -> Q:
    """The journey's latest match stood at `day`: made by then and not ended by a disruption."""
    disrupted_since_match = Placement.objects.filter(
        journey=OuterRef("pk"),
        end_reason=Placement.EndReason.DISRUPTION,
        ended__gte=OuterRef("matched"),
        ended__lte=day,
    )
    return on_or_before("matched", day) & ~Exists(disrupted_since_match)


MOVED_IN = Coalesce("moved_in_with_adopters", "placed")


# --- Measures -----------------------------------------------------------------------------------

Cohort = Callable[[Period], Q]


@dataclass(frozen=True)
class Measure:
    """One figure: a cohort of rows for a period and what is taken from it.

    kind: "mean" (child-weighted mean of `days`, whole days), "percent" (share of the cohort
    meeting `condition`, one decimal), "count" (rows, or distinct `distinct` values), "money"
    (sum of `amount`) or "money_mean" (sum of `amount` per distinct `distinct`).
    better: "lower" or "higher" gives a better/worse trend; None gives up/down.
    """

    code: str
    title: str
    kind: str
    cohort: Cohort
    days: object = None
    condition: Cohort | None = None
    distinct: str | None = None
    amount: str | None = None
    better: str | None = None

    def aggregates(self, period: Period, suffix: str) -> dict:
        cohort = self.cohort(period)
        name = f"{self.code}.{suffix}"
        count_of = self.distinct or "pk"
        if self.kind == "mean":
            return {
                f"{name}.sum": Sum(self.days, filter=cohort),
                f"{name}.n": Count("pk", filter=cohort),
            }
        if self.kind == "percent":
            return {
                f"{name}.count": Count(
                    count_of, filter=cohort & self.condition(period), distinct=bool(self.distinct)
                ),
                f"{name}.n": Count(count_of, filter=cohort, distinct=bool(self.distinct)),
            }
        if self.kind == "count":
            return {f"{name}.n": Count(count_of, filter=cohort, distinct=bool(self.distinct))}
        if self.kind in ("money", "money_mean"):
            return {
                f"{name}.sum": Sum(self.amount, filter=cohort),
                f"{name}.n": Count(count_of, filter=cohort, distinct=bool(self.distinct)),
            }
        raise ValueError(self.kind)


@dataclass(frozen=True)
class Family:
    """Measures over one model, grouped by the LA (or RAA) reached through `group_path`."""

    name: str
    model: type[Model]
    group_path: str
    measures: tuple[Measure, ...]
    by_raa: bool = False
    prepare: Callable | None = None

    def queryset(self):
        queryset = self.model.objects.all()
        return self.prepare(queryset) if self.prepare else queryset


def _adopted(period: Period) -> Q:
    return in_period("adoption_order", period)


def _known(*fields: str) -> Q:
    return Q(**{f"{name}__isnull": False for name in fields})


def _open(day: date, journey: str = "") -> Q:
    """The journey (reached through `journey`) has neither a ceased plan nor an adoption order."""
    return not_by(f"{journey}plan_ceased", day) & not_by(f"{journey}adoption_order", day)


def waiting_at(day: date) -> Q:
    """Journeys (row by row) in A9 at the end of `day` (docs/indicators.md §3)."""
    return on_or_before("adm_decision", day) & _open(day) & ~in_adoption_placement(day)


def placed_at(day: date) -> Q:
    """Journeys (row by row) whose child is in an adoption placement at the end of `day`, with
    no adoption order or ceased plan by then: the counterpart of waiting_at."""
    return _open(day) & in_adoption_placement(day)


def po_awaiting_match_at(day: date) -> Q:
    """Journeys (row by row) with a placement order awaiting a match at the end of `day`."""
    return (
        on_or_before("placement_order", day)
        & _open(day)
        & ~in_adoption_placement(day)
        & ~matched_at(day)
    )


def _aged_5_or_over_when_placed() -> Q:
    return months_reached(F("child__date_of_birth"), F("placed"), 60)


def _not_white_british() -> Q:
    return ~Q(child__ethnicity=WHITE_BRITISH) & ~Q(child__ethnicity__in=ETHNICITY_NOT_KNOWN)


def _adopted_with_sibling() -> Q:
    # The cheap test first: SQL evaluates the subquery only for children in a sibling group.
    return _known("child__sibling_group", "adopters") & Exists(
        Journey.objects.filter(
            child__sibling_group=OuterRef("child__sibling_group"),
            adopters=OuterRef("adopters"),
            adoption_order__isnull=False,
        ).exclude(child=OuterRef("child"))
    )


def harder_to_place() -> Q:
    return (
        Q(child__disability=True)
        | _not_white_british()
        | _aged_5_or_over_when_placed()
        | _adopted_with_sibling()
    )


def _a1_cohort(period: Period) -> Q:
    return _adopted(period) & _known("entered_care", "placed")


def _a2_cohort(period: Period) -> Q:
    return _adopted(period) & _known("placement_order", "matched", "placed")


def _a20_cohort(period: Period) -> Q:
    return _adopted(period) & _known("entered_care", "placement_order")


def _moved_in_in(period: Period) -> Q:
    return Q(moved_in_with_adopters__range=(period.start, period.end)) | Q(
        moved_in_with_adopters__isnull=True, placed__range=(period.start, period.end)
    )


def _within_a3(period: Period) -> Q:
    return Q(LessThanDays(DaysBetween("entered_care", MOVED_IN), A3_THRESHOLD_DAYS))


# Timeliness §2, activity §3 and who was adopted §4 (docs/indicators.md).
JOURNEY_MEASURES = (
    Measure(
        "A1",
        "Entering care to moving in, not adjusted (days)",
        "mean",
        _a1_cohort,
        days=DaysBetween("entered_care", "placed"),
        better="lower",
    ),
    Measure(
        "A10",
        "Entering care to moving in, adjusted for foster-carer adoptions (days)",
        "mean",
        _a1_cohort,
        days=DaysBetween("entered_care", MOVED_IN),
        better="lower",
    ),
    Measure(
        "A2",
        "Placement order to match decision (days)",
        "mean",
        _a2_cohort,
        days=DaysBetween("placement_order", "matched"),
        better="lower",
    ),
    Measure(
        "A20",
        "Entering care to placement order (days)",
        "mean",
        _a20_cohort,
        days=DaysBetween("entered_care", "placement_order"),
        better="lower",
    ),
    Measure(
        "A3",
        "Children who waited less than 14 months to move in (%)",
        "percent",
        _a1_cohort,
        condition=_within_a3,
        better="higher",
    ),
    # The last two legs of the journey, so that the dashboard can split A10 into stages
    # (docs/indicators.md §2.1); the first two are A20 and A2.
    Measure(
        "match_to_move_in",
        "Match decision to moving in (days)",
        "mean",
        lambda p: _adopted(p) & _known("matched", "placed"),
        days=DaysBetween("matched", MOVED_IN),
        better="lower",
    ),
    Measure(
        "move_in_to_order",
        "Moving in to adoption order (days)",
        "mean",
        lambda p: _adopted(p) & _known("placed"),
        days=DaysBetween(MOVED_IN, "adoption_order"),
        better="lower",
    ),
    Measure(
        "A1_live",
        "A1 for children placed in the period (days)",
        "mean",
        lambda p: in_period("placed", p) & _known("entered_care"),
        days=DaysBetween("entered_care", "placed"),
        better="lower",
    ),
    Measure(
        "A10_live",
        "A10 for children who moved in during the period (days)",
        "mean",
        lambda p: _moved_in_in(p) & _known("entered_care", "placed"),
        days=DaysBetween("entered_care", MOVED_IN),
        better="lower",
    ),
    Measure(
        "A2_live",
        "A2 for children matched in the period (days)",
        "mean",
        lambda p: in_period("matched", p) & _known("placement_order"),
        days=DaysBetween("placement_order", "matched"),
        better="lower",
    ),
    Measure(
        "A20_live",
        "A20 for placement orders granted in the period (days)",
        "mean",
        lambda p: in_period("placement_order", p) & _known("entered_care"),
        days=DaysBetween("entered_care", "placement_order"),
        better="lower",
    ),
    Measure(
        "A3_live",
        "A3 for children who moved in during the period (%)",
        "percent",
        lambda p: _moved_in_in(p) & _known("entered_care", "placed"),
        condition=_within_a3,
        better="higher",
    ),
    Measure(
        "adm_decisions",
        "Decisions that the child should be adopted (A15)",
        "count",
        lambda p: in_period("adm_decision", p),
        distinct="child_id",
    ),
    Measure(
        "placement_orders",
        "Placement orders granted (A16)",
        "count",
        lambda p: in_period("placement_order", p),
        distinct="child_id",
    ),
    Measure(
        "matches",
        "Children matched",
        "count",
        lambda p: in_period("matched", p),
        distinct="child_id",
    ),
    Measure(
        "adoption_applications",
        "Adoption applications",
        "count",
        lambda p: in_period("adoption_application", p),
        distinct="child_id",
    ),
    Measure("adoptions", "Adoption orders (A4)", "count", _adopted, distinct="child_id"),
    Measure(
        "plan_changes",
        "Adoption plans ceased (A5)",
        "count",
        lambda p: in_period("plan_ceased", p),
        distinct="child_id",
    ),
    # Snapshot components, combined after pooling (see COMBINATIONS): counting "not in an
    # adoption placement" as a difference of two join-based counts avoids a correlated
    # subquery for every journey, which made these figures 30 times slower.
    Measure(
        "_decided_open",
        "Decision made, no ceased plan and no adoption order at period end",
        "count",
        lambda p: on_or_before("adm_decision", p.end) & _open(p.end),
        distinct="child_id",
    ),
    Measure(
        "_ordered_unmatched_open",
        "Placement order, never matched, open at period end",
        "count",
        lambda p: on_or_before("placement_order", p.end) & not_by("matched", p.end) & _open(p.end),
        distinct="child_id",
    ),
    Measure(
        "adopted_aged_5_plus",
        "Adopted children aged 5 or over when placed",
        "percent",
        _adopted,
        condition=lambda p: _known("placed") & _aged_5_or_over_when_placed(),
    ),
    Measure(
        "adopted_not_white_british",
        "Adopted children not White British",
        "percent",
        _adopted,
        condition=lambda p: _not_white_british(),
    ),
    Measure(
        "adopted_with_siblings",
        "Adopted together with a sibling",
        "percent",
        _adopted,
        condition=lambda p: _adopted_with_sibling(),
    ),
    Measure(
        "adopted_disabled",
        "Adopted children with a disability",
        "percent",
        _adopted,
        condition=lambda p: Q(child__disability=True),
    ),
    Measure(
        "adopted_harder_to_place",
        "Adopted children harder to place",
        "percent",
        _adopted,
        condition=lambda p: harder_to_place(),
    ),
)


def _placed_in(period: Period) -> Q:
    return in_period("placed", period)


def _disrupted_in(period: Period) -> Q:
    return in_period("ended", period) & Q(end_reason=Placement.EndReason.DISRUPTION)


# Placements, where homes were found and disruptions: §3, §4, §6.
PLACEMENT_MEASURES = (
    Measure(
        "placed_at_end",
        "Children in an adoption placement at period end",
        "count",
        lambda p: _active(p.end) & not_by("journey__adoption_order", p.end),
        distinct="journey__child_id",
    ),
    Measure(
        "_decided_open_placed",
        "Of _decided_open, those in an adoption placement",
        "count",
        lambda p: (
            _active(p.end)
            & on_or_before("journey__adm_decision", p.end)
            & _open(p.end, "journey__")
        ),
        distinct="journey__child_id",
    ),
    Measure(
        "_ordered_unmatched_open_placed",
        "Of _ordered_unmatched_open, those in an adoption placement",
        "count",
        lambda p: (
            _active(p.end)
            & on_or_before("journey__placement_order", p.end)
            & not_by("journey__matched", p.end)
            & _open(p.end, "journey__")
        ),
        distinct="journey__child_id",
    ),
    Measure(
        "_match_undone",
        "Placement order, latest match undone by a disruption by period end",
        "count",
        lambda p: (
            Q(end_reason=Placement.EndReason.DISRUPTION, ended__lte=p.end)
            & Q(ended__gte=F("journey__matched"))
            & on_or_before("journey__placement_order", p.end)
            & _open(p.end, "journey__")
        ),
        distinct="journey__child_id",
    ),
    Measure("placements", "Adoption placements begun", "count", _placed_in),
    Measure(
        "early_permanence_placements",
        "Placements begun as early permanence",
        "percent",
        _placed_in,
        condition=lambda p: ~Q(early_permanence=EarlyPermanence.NONE),
    ),
    Measure(
        "placements_own",
        "Placements with the LA's or RAA's own adopters",
        "percent",
        _placed_in,
        condition=lambda p: Q(source=AdopterSource.OWN),
    ),
    Measure(
        "placements_other_la",
        "Placements with another RAA's or LA's adopters",
        "percent",
        _placed_in,
        condition=lambda p: Q(source=AdopterSource.OTHER_LA),
    ),
    Measure(
        "placements_vaa",
        "Placements with a voluntary adoption agency's adopters",
        "percent",
        _placed_in,
        condition=lambda p: Q(source=AdopterSource.VAA),
    ),
    Measure("disruptions", "Adoption placements disrupted", "count", _disrupted_in),
    Measure(
        "disruption_children",
        "Children whose placement disrupted",
        "count",
        _disrupted_in,
        distinct="journey__child_id",
    ),
    Measure(
        "disruptions_inter_agency",
        "Disruptions of inter-agency placements",
        "percent",
        _disrupted_in,
        condition=lambda p: ~Q(source=AdopterSource.OWN),
    ),
    Measure(
        "disruption_days",
        "Days from placement to disruption",
        "mean",
        _disrupted_in,
        days=DaysBetween("placed", "ended"),
    ),
)


def _first_match_in(period: Period) -> Q:
    """The link (a row of Link) is its approved household's first match, made in the period."""
    earlier = Link.objects.filter(household=OuterRef("household"), matched__lt=OuterRef("matched"))
    return in_period("matched", period) & _known("household__approved") & ~Exists(earlier)


def _household_open(day: date, household: str = "") -> Q:
    return not_by(f"{household}withdrawn", day)


def stage1_overdue_at(day: date) -> Q:
    """Households (rows) whose Stage 1 has been open for more than two months at `day`."""
    due_cutoff = add_months(day, -2)
    # A later stage reached closes Stage 1 even where its decision date was not recorded.
    return (
        Q(registration__lt=due_cutoff)
        & not_by("stage1_decision", day)
        & not_by("stage2_start", day)
        & not_by("approved", day)
        & _household_open(day)
    )


def stage2_overdue_at(day: date) -> Q:
    """Households (rows) whose Stage 2 has been open for more than four months at `day`."""
    due_cutoff = add_months(day, -4)
    return Q(stage2_start__lt=due_cutoff) & not_by("approved", day) & _household_open(day)


def adopters_waiting_at(day: date) -> Q:
    """Households (rows of AdopterHousehold) approved, open and not matched at `day` (A11)."""
    matched_by = Link.objects.filter(household=OuterRef("pk"), matched__lte=day)
    return on_or_before("approved", day) & _household_open(day) & ~Exists(matched_by)


# Adopters: §5.
HOUSEHOLD_MEASURES = (
    Measure("enquiries", "Adopter enquiries", "count", lambda p: in_period("enquiry", p)),
    Measure(
        "registrations",
        "Registrations of interest (Stage 1 starts)",
        "count",
        lambda p: in_period("registration", p),
    ),
    Measure(
        "stage2_starts",
        "Stage 2 assessments started",
        "count",
        lambda p: in_period("stage2_start", p),
    ),
    Measure("approvals", "Households approved", "count", lambda p: in_period("approved", p)),
    Measure(
        "approved_within_6_months",
        "Approvals within 6 months of registration",
        "percent",
        lambda p: in_period("approved", p) & _known("registration"),
        condition=lambda p: Q(
            LessThanDays(DaysBetween("registration", "approved"), APPROVAL_WITHIN_DAYS + 1)
        ),
        better="higher",
    ),
    Measure(
        "stage1_overdue",
        "Stage 1 open more than 2 months at period end",
        "count",
        lambda p: stage1_overdue_at(p.end),
    ),
    Measure(
        "stage2_overdue",
        "Stage 2 open more than 4 months at period end",
        "count",
        lambda p: stage2_overdue_at(p.end),
    ),
    Measure(
        "_approved_open",
        "Households approved and not withdrawn at period end",
        "count",
        lambda p: on_or_before("approved", p.end) & _household_open(p.end),
    ),
)

# Adopters' matches (A11, A12): §5.
LINK_MEASURES = (
    Measure(
        "_approved_open_matched",
        "Of _approved_open, those matched by period end",
        "count",
        lambda p: (
            on_or_before("matched", p.end)
            & on_or_before("household__approved", p.end)
            & _household_open(p.end, "household__")
        ),
        distinct="household_id",
    ),
    Measure(
        "adopters_waited_3_months",
        "Households matched who waited 3 months or more from approval (A12, %)",
        "percent",
        _first_match_in,
        condition=lambda p: months_reached(F("household__approved"), F("matched"), 3),
        distinct="household_id",
        better="lower",
    ),
)


def _item_in(period: Period) -> Q:
    return in_period("meeting__date", period)


def _decided_in(period: Period) -> Q:
    return in_period("decision__decided", period)


# Panels: §6.
PANEL_ITEM_MEASURES = (
    Measure("panel_items", "Panel items heard", "count", _item_in),
    *(
        Measure(
            f"items_{value}",
            f"Panel items: {label}",
            "count",
            lambda p, value=value: _item_in(p) & Q(business_type=value),
        )
        for value, label in PanelItem.BusinessType.choices
    ),
    *(
        Measure(
            f"recommendations_{value}",
            f"Recommendations: {label}",
            "count",
            lambda p, value=value: _item_in(p) & Q(recommendation=value),
        )
        for value, label in PanelItem.Recommendation.choices
        if value
    ),
    Measure(
        "decision_working_days",
        "Working days from panel to agency decision",
        "mean",
        _decided_in,
        days=F("decision__working_days"),
        better="lower",
    ),
    Measure(
        "decisions_late",
        "Agency decisions after 7 working days",
        "percent",
        _decided_in,
        condition=lambda p: Q(decision__working_days__gt=DECISION_DUE_WORKING_DAYS),
        better="lower",
    ),
)


def _meeting_quorum(queryset):
    """Annotate each meeting with whether its attendance met its RAA's quorum rule."""

    def attending(*roles):
        members = PanelMember.objects.filter(attendance__meeting=OuterRef("pk"))
        if roles:
            members = members.filter(role__in=roles)
        return Coalesce(_subquery_count(members), Value(0), output_field=IntegerField())

    rule = QuorumRule.objects.filter(raa=OuterRef("panel__raa"))
    default = QuorumRule()

    def rule_value(name):
        return Coalesce(
            Subquery(rule.values(name)[:1]),
            Value(getattr(default, name)),
        )

    return queryset.annotate(
        present=attending(),
        chairs=attending(PanelMember.Role.CHAIR, PanelMember.Role.VICE_CHAIR),
        social_workers=attending(PanelMember.Role.SOCIAL_WORKER),
        independents=attending(PanelMember.Role.INDEPENDENT),
        needed=Coalesce(
            _case_joint(rule_value("min_members_joint"), rule_value("min_members")),
            Value(default.min_members),
        ),
        rule_chair=rule_value("needs_chair_or_vice"),
        rule_sw=rule_value("needs_social_worker"),
        rule_independent=rule_value("needs_independent"),
    )


def _subquery_count(queryset):
    return Subquery(
        queryset.order_by().values(dummy=Value(1)).annotate(c=Count("pk")).values("c")[:1],
        output_field=IntegerField(),
    )


def _case_joint(joint_value, single_value):
    return Case(When(panel__joint=True, then=joint_value), default=single_value)


def _not_quorate(period: Period) -> Q:
    return (
        Q(present__lt=F("needed"))
        | Q(rule_chair=True, chairs=0)
        | Q(rule_sw=True, social_workers=0)
        | Q(rule_independent=True, independents=0)
    )


# Panel meetings, per RAA: §6.
MEETING_MEASURES = (
    Measure("meetings_held", "Panel meetings held", "count", lambda p: in_period("date", p)),
    Measure(
        "meetings_not_quorate",
        "Panel meetings that were not quorate",
        "percent",
        lambda p: in_period("date", p),
        condition=_not_quorate,
        better="lower",
    ),
)


def _application_decided(period: Period, status: str) -> Q:
    return in_period("decided", period) & Q(status=status)


# Adoption support and the Fund: §6.
SUPPORT_REFERRAL_MEASURES = (
    Measure(
        "support_referrals",
        "Adoption support referrals",
        "count",
        lambda p: in_period("referred", p),
    ),
)
SUPPORT_ASSESSMENT_MEASURES = (
    Measure(
        "assessments_completed",
        "Assessments of need completed",
        "count",
        lambda p: in_period("completed", p),
    ),
    Measure(
        "referral_to_assessment_days",
        "Days from referral to completed assessment",
        "mean",
        lambda p: in_period("completed", p),
        days=DaysBetween("referral__referred", "completed"),
        better="lower",
    ),
)
FUND_MEASURES = (
    Measure(
        "asf_applications",
        "Adoption Support Fund applications made",
        "count",
        lambda p: in_period("submitted", p),
    ),
    Measure(
        "asf_approved",
        "Fund applications approved",
        "count",
        lambda p: _application_decided(p, FundApplication.Status.APPROVED),
    ),
    Measure(
        "asf_declined",
        "Fund applications declined",
        "count",
        lambda p: _application_decided(p, FundApplication.Status.DECLINED),
    ),
    Measure(
        "asf_amount_applied",
        "Amount applied for (£)",
        "money",
        lambda p: in_period("submitted", p),
        amount="amount_applied",
    ),
    Measure(
        "asf_amount_approved",
        "Amount approved (£)",
        "money",
        lambda p: _application_decided(p, FundApplication.Status.APPROVED),
        amount="amount_approved",
    ),
    Measure(
        "asf_spend_per_child",
        "Fund approved per child funded (£)",
        "money_mean",
        lambda p: _application_decided(p, FundApplication.Status.APPROVED),
        amount="amount_approved",
        distinct="child_id",
    ),
)

FAMILIES = (
    Family("journeys", Journey, "child__la_id", JOURNEY_MEASURES),
    Family("placements", Placement, "journey__child__la_id", PLACEMENT_MEASURES),
    Family("households", AdopterHousehold, "la_id", HOUSEHOLD_MEASURES),
    Family("links", Link, "household__la_id", LINK_MEASURES),
    Family(
        "panel_items",
        PanelItem,
        "panel_la",
        PANEL_ITEM_MEASURES,
        prepare=lambda qs: qs.annotate(
            panel_la=Coalesce("journey__child__la_id", "household__la_id")
        ),
    ),
    Family(
        "meetings", Meeting, "panel__raa_id", MEETING_MEASURES, by_raa=True, prepare=_meeting_quorum
    ),
    Family("support_referrals", SupportReferral, "la_id", SUPPORT_REFERRAL_MEASURES),
    Family(
        "support_assessments", SupportAssessment, "referral__la_id", SUPPORT_ASSESSMENT_MEASURES
    ),
    Family("fund_applications", FundApplication, "child__la_id", FUND_MEASURES),
)
MEASURES = {measure.code: measure for family in FAMILIES for measure in family.measures}
FAMILY_OF = {measure.code: family for family in FAMILIES for measure in family.measures}
FAMILY_BY_NAME = {family.name: family for family in FAMILIES}


@dataclass(frozen=True)
class Combination:
    """A count made of other counts after pooling (sign +1 or -1 each), and the same set row by
    row (`rows`, over the rows of `family`) for its drill-down."""

    code: str
    title: str
    parts: tuple[tuple[str, int], ...]
    family: str
    rows: Cohort


COMBINATIONS = (
    Combination(
        "waiting_at_end",
        "Children waiting to be placed at period end (A9)",
        (("_decided_open", 1), ("_decided_open_placed", -1)),
        "journeys",
        lambda p: waiting_at(p.end),
    ),
    Combination(
        "po_awaiting_match_at_end",
        "Placement order, awaiting a match at period end",
        (
            ("_ordered_unmatched_open", 1),
            ("_ordered_unmatched_open_placed", -1),
            ("_match_undone", 1),
        ),
        "journeys",
        lambda p: po_awaiting_match_at(p.end),
    ),
    Combination(
        "adopters_waiting_at_end",
        "Approved households not matched at period end (A11)",
        (("_approved_open", 1), ("_approved_open_matched", -1)),
        "households",
        lambda p: adopters_waiting_at(p.end),
    ),
)
COMBINATION_OF = {combination.code: combination for combination in COMBINATIONS}
# Figures computed from others after pooling, with no rows of their own.
DERIVED = {
    "sufficiency_ratio": "Children awaiting a match per approved household waiting",
}


# --- Figures ------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One reported figure. `value` is None when its cohort is empty (never 0)."""

    code: str
    title: str
    value: float | int | None
    n: int | None  # None when withheld
    count: int | None = None
    target: float | None = None
    england: float | None = None
    trend: str | None = None
    status: str | None = None
    previous: float | int | None = field(default=None, repr=False)
    withheld: str | None = None  # why the value is not shown (indicators/disclosure.py)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["code"], data["previous"]
        return {key: value for key, value in data.items() if value is not None or key == "value"}


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def divide_half_up(total: int, n: int, scale: int = 1) -> int:
    """round(total * scale / n) with halves rounded up, in exact integer arithmetic
    (totals are never negative: negative intervals count as 0)."""
    return (2 * total * scale + n) // (2 * n)


def _finalise(measure: Measure, totals: dict, suffix: str) -> Figure:
    name = f"{measure.code}.{suffix}"
    n = int(totals.get(f"{name}.n") or 0)
    value = count = None
    if measure.kind == "count":
        value = n
    elif n:
        if measure.kind == "mean":
            value = divide_half_up(int(totals[f"{name}.sum"] or 0), n)
        elif measure.kind == "percent":
            count = int(totals.get(f"{name}.count") or 0)
            value = divide_half_up(count, n, 1000) / 10
        elif measure.kind == "money":
            value = float(round_half_up(Decimal(totals[f"{name}.sum"] or 0), 2))
        elif measure.kind == "money_mean":
            value = float(round_half_up(Decimal(totals[f"{name}.sum"] or 0) / n, 2))
    elif measure.kind == "percent":
        count = 0
    if measure.kind == "money" and value is None:
        value = 0.0
    return Figure(measure.code, measure.title, value, n, count)


def _trend(better: str | None, current, previous) -> str | None:
    if current is None or previous is None:
        return None
    if current == previous:
        return "same"
    if better is None:
        return "up" if current > previous else "down"
    improved = current < previous if better == "lower" else current > previous
    return "better" if improved else "worse"


def status_against(code: str, value, target) -> str | None:
    """A figure's value against its target: met, within 10 % of it, or not met."""
    return _status(MEASURES[code].better if code in MEASURES else None, value, target)


def _status(better: str | None, value, target) -> str | None:
    """Against a target: met, within 10 % of it, or not met (indicators.md §7)."""
    if value is None or target is None or better is None:
        return None
    if (value <= target) if better == "lower" else (value >= target):
        return "met"
    margin = abs(target) * 0.1
    close = value <= target + margin if better == "lower" else value >= target - margin
    return "within 10%" if close else "not met"


def reference_values(codes: Iterable[str], period: Period) -> dict[str, tuple]:
    """{indicator: (target, England average)} for the period; a row with no period stands for
    any period without its own (docs/indicators.md §1.3)."""
    return reference_table(codes, [period])[period]


def reference_table(codes: Iterable[str], periods: list[Period]) -> dict[Period, dict]:
    """reference_values for several periods from one query."""
    codes = list(codes)
    labels = [period.label for period in periods]
    rows = ReferenceValue.objects.filter(indicator__in=codes, period__in=[*labels, ""])
    found = {(row.indicator, row.kind, row.period): row.value for row in rows}

    def value(code, kind, label):
        number = found.get((code, kind, label), found.get((code, kind, "")))
        if number is None:
            return None
        return int(number) if number == int(number) else float(number)

    return {
        period: {
            code: (value(code, "target", period.label), value(code, "england", period.label))
            for code in codes
        }
        for period in periods
    }


# --- Computation --------------------------------------------------------------------------------


def family_components(
    family: Family,
    periods: list[Period],
    la_ids: frozenset[int] | None,
    raa_ids=None,
    codes: set[str] | None = None,
) -> dict[int, dict]:
    """One query: additive sums and counts per LA (or RAA) for every measure (or those in
    `codes`) and every period."""
    aggregates = {}
    for index, period in enumerate(periods):
        for measure in _chosen(family, codes):
            aggregates.update(measure.aggregates(period, str(index)))
    queryset = family.queryset()
    if family.by_raa:
        if raa_ids is not None:
            queryset = queryset.filter(**{f"{family.group_path}__in": raa_ids})
    elif la_ids is not None:
        queryset = queryset.filter(**{f"{family.group_path}__in": la_ids})
    rows = queryset.order_by().values(group=F(family.group_path)).annotate(**aggregates)
    return {row.pop("group"): row for row in rows}


def _pool(components: dict[int, dict], keys: Iterable[int] | None) -> dict:
    """Add up the per-LA (or per-RAA) sums and counts of the scope's members."""
    rows = components.values() if keys is None else (components.get(key) for key in keys)
    totals: dict[str, int | Decimal] = defaultdict(int)
    for row in rows:
        for name, value in (row or {}).items():
            if value is not None:
                totals[name] += value
    return totals


def _chosen(family: Family, codes: set[str] | None) -> list[Measure]:
    return [m for m in family.measures if codes is None or m.code in codes]


def _figures_from(
    components: dict[str, dict[int, dict]],
    scope: Scope,
    references: dict,
    current: str = "0",
    previous: str = "1",
    codes: set[str] | None = None,
) -> dict[str, Figure]:
    """The figures of one scope from the per-LA components: the period numbered `current`,
    with trends against the one numbered `previous`."""
    figures = {}
    for family in FAMILIES:
        if family.name not in components or (family.by_raa and scope.kind in ("la", "hub")):
            continue  # panel meetings belong to the RAA, not to one LA or hub
        keys = scope.raa_ids if family.by_raa else scope.la_ids
        totals = _pool(components[family.name], keys)
        for measure in _chosen(family, codes):
            figure = _finalise(measure, totals, current)
            figure.previous = _finalise(measure, totals, previous).value
            figures[measure.code] = figure
    for combination in COMBINATIONS:
        if not all(code in figures for code, _ in combination.parts):
            continue
        value, before = (
            sum(sign * getattr(figures[code], attribute) for code, sign in combination.parts)
            for attribute in ("value", "previous")
        )
        figures[combination.code] = Figure(
            combination.code, combination.title, value, value, previous=before
        )
    figures = {code: figure for code, figure in figures.items() if not code.startswith("_")}
    for code, figure in figures.items():
        better = MEASURES[code].better if code in MEASURES else None
        figure.trend = _trend(better, figure.value, figure.previous)
        figure.target, figure.england = references.get(code, (None, None))
        figure.status = _status(better, figure.value, figure.target)
    if "po_awaiting_match_at_end" in figures and "adopters_waiting_at_end" in figures:
        figures["sufficiency_ratio"] = _sufficiency(figures, references)
    return figures


def _sufficiency(figures: dict[str, Figure], references: dict) -> Figure:
    """Children awaiting a match per approved household waiting (docs/indicators.md §5)."""

    def ratio(children, households):
        return float(round_half_up(Decimal(children) / households, 2)) if households else None

    children, households = figures["po_awaiting_match_at_end"], figures["adopters_waiting_at_end"]
    value = ratio(children.value, households.value)
    previous = ratio(children.previous, households.previous)
    target, england = references.get("sufficiency_ratio", (None, None))
    return Figure(
        "sufficiency_ratio",
        DERIVED["sufficiency_ratio"],
        value,
        households.value,
        count=children.value,
        target=target,
        england=england,
        trend=_trend("lower", value, previous),
        previous=previous,
    )


def _with_parts(codes: Iterable[str]) -> set[str]:
    """The codes and every measure they are built from."""
    wanted = set(codes)
    if "sufficiency_ratio" in wanted:
        wanted |= {"po_awaiting_match_at_end", "adopters_waiting_at_end"}
    for code in list(wanted):
        if code in COMBINATION_OF:
            wanted |= {part for part, _ in COMBINATION_OF[code].parts}
    return wanted


def figures_by_scope(
    period: Period, scopes: list[Scope] | None = None, codes: Iterable[str] | None = None
) -> dict[Scope, dict[str, Figure]]:
    """Every figure (or those in `codes`) for every scope (default: every LA, hub, RAA and all
    data) in one query per family, with trends against the previous period
    (docs/indicators.md §1)."""
    scopes = all_scopes() if scopes is None else scopes
    wanted = None if codes is None else _with_parts(codes)
    periods = [period, period.previous()]
    la_ids = (
        None
        if any(s.la_ids is None for s in scopes)
        else frozenset().union(*(s.la_ids for s in scopes))
    )
    raa_ids = (
        None
        if any(s.raa_ids is None for s in scopes)
        else frozenset().union(*(s.raa_ids for s in scopes))
    )
    components = {
        family.name: family_components(family, periods, la_ids, raa_ids, wanted)
        for family in FAMILIES
        if _chosen(family, wanted)
    }
    references = reference_values([*MEASURES, *COMBINATION_OF, *DERIVED], period)
    return {scope: _figures_from(components, scope, references, codes=wanted) for scope in scopes}


def figures_for(scope: Scope, period: Period) -> dict[str, Figure]:
    """Every figure for one scope and period."""
    return figures_by_scope(period, [scope])[scope]


def figure_series(scope: Scope, periods: list[Period], codes: list[str]) -> list[dict[str, Figure]]:
    """The figures `codes` for one scope over consecutive periods, oldest first, each with its
    trend against the period before it: one query per family involved."""
    wanted = _with_parts(codes)
    steps = [periods[0].previous(), *periods]
    components = {
        family.name: family_components(family, steps, scope.la_ids, scope.raa_ids, wanted)
        for family in FAMILIES
        if _chosen(family, wanted)
    }
    references = reference_table(codes, periods)
    series = []
    for index, period in enumerate(periods, start=1):
        figures = _figures_from(
            components, scope, references[period], str(index), str(index - 1), wanted
        )
        # Panel meetings belong to RAAs: an LA or hub has no such figure.
        series.append({code: figures[code] for code in codes if code in figures})
    return series


def figures_json(scope: Scope, period: Period, figures: dict[str, Figure] | None = None) -> dict:
    """The figures (computed here unless given) as the command line and the API return them."""
    figures = figures_for(scope, period) if figures is None else figures
    return {
        "scope": scope.text,
        "scope_name": scope.label,
        "period": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "figures": {code: figure.as_dict() for code, figure in figures.items()},
    }


def scope_default_for(access) -> Scope | None:
    """The scope a user's home page and dashboard open on."""
    if access.is_superuser:
        return ALL
    if access.home_la_id:
        return scope_for_la(LocalAuthority.objects.get(pk=access.home_la_id))
    if access.raa_id:
        return scope_for_raa(RegionalAdoptionAgency.objects.get(pk=access.raa_id))
    return None
