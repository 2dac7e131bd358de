"""The states of children, households and panels at a date, each defined once.

"Waiting", "placed", "matched", "awaiting a match", "harder to place", a journey's status, the
overdue adopter stages, "quorate" and "late" are defined here, as query expressions, and used by
the figures, the worklists, the API filters, the pages and the models alike. This is the only
module of `indicators` that `journeys`, `panels` and `support` import. Where a rule is also
needed in Python (the quorum of one meeting, one late decision), the Python predicate sits beside
the expression and the tests check that the two agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from indicators.calculations.expressions import (
    months_reached,
    not_by,
    on_or_before,
    subquery_count,
)
from indicators.calculations.timeliness import A3_THRESHOLD_DAYS
from indicators.periods import add_months
from journeys.models import ETHNICITY_NOT_KNOWN, WHITE_BRITISH, Journey, Link, Placement
from panels.models import PanelMember, QuorumRule

# --- Children (docs/indicators.md §3) -----------------------------------------------------------


def placement_running(day: date, placement: str = "") -> Q:
    """The placement (a row of Placement, or one reached through `placement`) was running at the
    end of `day`: begun by then and not ended by then."""
    return Q(**{f"{placement}placed__lte": day}) & (
        Q(**{f"{placement}ended__isnull": True}) | Q(**{f"{placement}ended__gt": day})
    )


def in_adoption_placement(day: date) -> Exists:
    """The journey's child was in an adoption placement at the end of `day` (from the placement
    records, not the journey's dates: docs/indicators.md §3)."""
    return Exists(Placement.objects.filter(placement_running(day), journey=OuterRef("pk")))


def matched_at(day: date) -> Q:
    """The journey's latest match stood at `day`: made by then and not ended by a disruption."""
    disrupted_since_match = Placement.objects.filter(
        journey=OuterRef("pk"),
        end_reason=Placement.EndReason.DISRUPTION,
        ended__gte=OuterRef("matched"),
        ended__lte=day,
    )
    return on_or_before("matched", day) & ~Exists(disrupted_since_match)


def journey_open(day: date, journey: str = "") -> Q:
    """The journey (reached through `journey`) has neither a ceased plan nor an adoption order
    by `day`."""
    return not_by(f"{journey}plan_ceased", day) & not_by(f"{journey}adoption_order", day)


def waiting_at(day: date) -> Q:
    """Journeys waiting at the end of `day` (A9, docs/indicators.md §3): ADM decision made, plan
    not ceased, no adoption order, not in an adoption placement (a disruption makes a child wait
    again)."""
    return on_or_before("adm_decision", day) & journey_open(day) & ~in_adoption_placement(day)


def placed_at(day: date) -> Q:
    """Journeys whose child is in an adoption placement at the end of `day`, with no adoption
    order or ceased plan by then (docs/indicators.md §3, `placed_at_end`)."""
    return journey_open(day) & in_adoption_placement(day)


def po_awaiting_match_at(day: date) -> Q:
    """Journeys with a placement order and no standing match at the end of `day`, open and not
    in an adoption placement (docs/indicators.md §3, `po_awaiting_match_at_end`)."""
    return (
        on_or_before("placement_order", day)
        & journey_open(day)
        & ~in_adoption_placement(day)
        & ~matched_at(day)
    )


# A placement order this many months old with no match: time for an inter-agency search.
NO_MATCH_MONTHS = 3


def no_match_after_placement_order_at(day: date) -> Q:
    """The placement order is at least three calendar months old at `day` and no match stands
    (the worklist's flag, docs/indicators.md §3)."""
    return (
        Q(placement_order__isnull=False)
        & Q(months_reached(F("placement_order"), Value(day), NO_MATCH_MONTHS))
        & ~matched_at(day)
    )


# --- A journey's status -------------------------------------------------------------------------

ADOPTED = "adopted"
PLAN_CEASED = "plan ceased"
PLACED = "placed"
MATCHED = "matched"
PLACEMENT_ORDER = "placement order"
DECIDED = "decision to adopt"
IN_CARE = "in care"
# The values of the API's ?status= filter and the statuses each stands for: "waiting" is
# exactly waiting_at, "placed" exactly placed_at.
STATUS_FILTERS = {
    "adopted": (ADOPTED,),
    "plan_ceased": (PLAN_CEASED,),
    "waiting": (MATCHED, PLACEMENT_ORDER, DECIDED),
    "placed": (PLACED,),
}
# The name under which a queryset of journeys carries each one's status today.
STATUS_TODAY = "status_today"


def journey_status_at(day: date) -> Case:
    """Where a journey stands at the end of `day`: adopted, plan ceased, placed (in an adoption
    placement), waiting (matched, placement order or decision to adopt), or in care."""
    waiting = waiting_at(day)
    return Case(
        When(on_or_before("adoption_order", day), then=Value(ADOPTED)),
        When(on_or_before("plan_ceased", day), then=Value(PLAN_CEASED)),
        When(in_adoption_placement(day), then=Value(PLACED)),
        When(waiting & matched_at(day), then=Value(MATCHED)),
        When(waiting & on_or_before("placement_order", day), then=Value(PLACEMENT_ORDER)),
        When(waiting, then=Value(DECIDED)),
        default=Value(IN_CARE),
    )


def with_journey_status(journeys: QuerySet[Journey], day: date | None = None) -> QuerySet:
    """The journeys, each carrying its status at `day` (today by default) as STATUS_TODAY."""
    if STATUS_TODAY in journeys.query.annotations:
        return journeys
    return journeys.annotate(
        **{STATUS_TODAY: journey_status_at(timezone.localdate() if day is None else day)}
    )


def journeys_with_status(journeys: QuerySet[Journey], status_filter: str) -> QuerySet:
    """The journeys whose status today is one of those the filter value stands for."""
    return with_journey_status(journeys).filter(
        **{f"{STATUS_TODAY}__in": STATUS_FILTERS[status_filter]}
    )


def journey_status(journey: Journey) -> str | None:
    """The journey's status today: the one its queryset carried, or read from the database (None
    for a journey not saved yet)."""
    if STATUS_TODAY in journey.__dict__:
        return journey.__dict__[STATUS_TODAY]
    if journey.pk is None:
        return None
    return (
        with_journey_status(Journey.objects.filter(pk=journey.pk))
        .values_list(STATUS_TODAY, flat=True)
        .first()
    )


# --- A journey's next milestone (docs/indicators.md §2) ----------------------------------------

# A match is due within A2's threshold of the placement order (§1.3: the published 121 days), and
# the move to the adopters within A3's "less than 14 months" of entering care (§2).
MATCH_DUE_DAYS = 121
MOVE_IN_DUE_DAYS = A3_THRESHOLD_DAYS - 1  # the last day that still counts as within 14 months
# The milestone (the journey's date field) that comes next from each status.
NEXT_MILESTONE = {
    IN_CARE: "adm_decision",
    DECIDED: "placement_order",
    PLACEMENT_ORDER: "matched",
    MATCHED: "moved_in_with_adopters",
    PLACED: "adoption_order",
}


@dataclass(frozen=True)
class NextMilestone:
    field: str  # the journey's date field the milestone fills
    due: date | None  # None: no national clock for it
    overdue: bool


def match_due(journey: Journey) -> date | None:
    """The day a match is due: 121 days after the placement order (A2's threshold)."""
    if journey.placement_order is None:
        return None
    return journey.placement_order + timedelta(days=MATCH_DUE_DAYS)


def move_in_due(journey: Journey) -> date | None:
    """The last day to move in with the adopters within 14 months of entering care (A3)."""
    if journey.entered_care is None:
        return None
    return journey.entered_care + timedelta(days=MOVE_IN_DUE_DAYS)


def next_milestone(journey: Journey, status: str | None, day: date) -> NextMilestone | None:
    """What comes next for a journey of `status` (journey_status_at) at `day`, and when it is
    due by the timeliness rules (docs/indicators.md §2): a match by match_due, moving in by
    move_in_due; no date for the court's orders or the ADM decision. None once the journey has
    ended (adopted, plan ceased)."""
    field = NEXT_MILESTONE.get(status)
    if field is None:
        return None
    clock = {"matched": match_due, "moved_in_with_adopters": move_in_due}.get(field)
    due = clock(journey) if clock else None
    return NextMilestone(field, due, due is not None and day > due)


# --- Harder to place (docs/indicators.md §4) ----------------------------------------------------

# Five years, counted in calendar months so that the fifth birthday counts.
AGE_5_MONTHS = 60


def not_white_british() -> Q:
    """An ethnicity recorded and not White British (refused or not obtained counts as unknown)."""
    return ~Q(child__ethnicity=WHITE_BRITISH) & ~Q(child__ethnicity__in=ETHNICITY_NOT_KNOWN)


def disabled() -> Q:
    """The child has a recorded disability."""
    return Q(child__disability=True)


def aged_5_or_over_when_placed() -> Q:
    """Adopted cohort: five or older on the day placed (the fifth birthday counts)."""
    return months_reached(F("child__date_of_birth"), F("placed"), AGE_5_MONTHS)


def adopted_with_sibling() -> Q:
    """Adopted cohort: another child of the same sibling group adopted by the same household."""
    # The cheap test first: SQL evaluates the subquery only for children in a sibling group.
    return Q(child__sibling_group__isnull=False, adopters__isnull=False) & Exists(
        Journey.objects.filter(
            child__sibling_group=OuterRef("child__sibling_group"),
            adopters=OuterRef("adopters"),
            adoption_order__isnull=False,
        ).exclude(child=OuterRef("child"))
    )


def harder_to_place_adopted() -> Q:
    """Adopted cohort, harder to place (`adopted_harder_to_place`): aged 5 or over when placed,
    not White British, adopted with a sibling, or disabled."""
    return disabled() | not_white_british() | aged_5_or_over_when_placed() | adopted_with_sibling()


def aged_5_or_over_at(day: date) -> Q:
    """Five or older on `day` (the fifth birthday counts)."""
    return months_reached(F("child__date_of_birth"), Value(day), AGE_5_MONTHS)


def waiting_with_sibling(day: date) -> Q:
    """The child is in a sibling group with another child who also waits at `day`: a group to
    be placed together."""
    sibling_waiting = Journey.objects.filter(
        waiting_at(day), child__sibling_group=OuterRef("child__sibling_group")
    ).exclude(child=OuterRef("child"))
    return Q(child__sibling_group__isnull=False) & Exists(sibling_waiting)


def harder_to_place_waiting(day: date) -> Q:
    """A child waiting at `day` and harder to place (the worklist and the API's
    ?harder_to_place=): aged 5 or over on `day`, waiting with a sibling to be placed together,
    disabled, or not White British."""
    return waiting_at(day) & (
        aged_5_or_over_at(day) | waiting_with_sibling(day) | disabled() | not_white_british()
    )


# --- Adopter households (docs/indicators.md §5) -------------------------------------------------

STAGE1_DUE_MONTHS = 2
STAGE2_DUE_MONTHS = 4


def household_open(day: date, household: str = "") -> Q:
    """The household (reached through `household`) has not withdrawn by `day`."""
    return not_by(f"{household}withdrawn", day)


def stage1_overdue_at(day: date) -> Q:
    """Households whose Stage 1 has been open for more than two months at `day`."""
    due_cutoff = add_months(day, -STAGE1_DUE_MONTHS)
    # A later stage reached closes Stage 1 even where its decision date was not recorded.
    return (
        Q(registration__lt=due_cutoff)
        & not_by("stage1_decision", day)
        & not_by("stage2_start", day)
        & not_by("approved", day)
        & household_open(day)
    )


def stage2_overdue_at(day: date) -> Q:
    """Households whose Stage 2 has been open for more than four months at `day`."""
    due_cutoff = add_months(day, -STAGE2_DUE_MONTHS)
    return Q(stage2_start__lt=due_cutoff) & not_by("approved", day) & household_open(day)


def adopters_waiting_at(day: date) -> Q:
    """Households approved, open and never matched at `day` (A11, docs/indicators.md §5)."""
    matched_by = Link.objects.filter(household=OuterRef("pk"), matched__lte=day)
    return on_or_before("approved", day) & household_open(day) & ~Exists(matched_by)


# --- Panels (docs/indicators.md §6) -------------------------------------------------------------

# The agency decision is due within this many working days of the panel.
DECISION_DUE_WORKING_DAYS = 7
CHAIR_ROLES = (PanelMember.Role.CHAIR, PanelMember.Role.VICE_CHAIR)
MISSING_MEMBERS = "{needed} members (only {present} present)"
MISSING_CHAIR = "the chair or a vice-chair"
MISSING_SOCIAL_WORKER = "a social worker with 3 years' experience"
MISSING_INDEPENDENT = "an independent member"


def decision_late(working_days: int) -> bool:
    """An agency decision made more than 7 working days after the panel is late."""
    return working_days > DECISION_DUE_WORKING_DAYS


def decision_late_q(path: str = "working_days") -> Q:
    """The agency decision (a row of AgencyDecision, or one reached through `path`) was late:
    the expression of decision_late."""
    return Q(**{f"{path}__gt": DECISION_DUE_WORKING_DAYS})


def quorum_needed(*, rule: QuorumRule, joint: bool) -> int:
    """How many members make a quorum under `rule`: more for a joint panel."""
    return rule.min_members_joint if joint else rule.min_members


def quorum_missing(*, rule: QuorumRule, joint: bool, roles: Iterable[str]) -> list[str]:
    """What a meeting attended by members of `roles` lacks for a quorum under `rule` (nothing:
    quorate)."""
    roles = list(roles)
    needed = quorum_needed(rule=rule, joint=joint)
    missing = []
    if len(roles) < needed:
        missing.append(MISSING_MEMBERS.format(needed=needed, present=len(roles)))
    if rule.needs_chair_or_vice and not set(CHAIR_ROLES) & set(roles):
        missing.append(MISSING_CHAIR)
    if rule.needs_social_worker and PanelMember.Role.SOCIAL_WORKER not in roles:
        missing.append(MISSING_SOCIAL_WORKER)
    if rule.needs_independent and PanelMember.Role.INDEPENDENT not in roles:
        missing.append(MISSING_INDEPENDENT)
    return missing


def quorum_rule_for(raa_id: int) -> QuorumRule:
    """The RAA's quorum rule, or the default one when the RAA has none."""
    return QuorumRule.objects.filter(raa_id=raa_id).first() or QuorumRule()


def with_quorum(meetings: QuerySet) -> QuerySet:
    """Meetings annotated with their attendance by role and their RAA's quorum rule (the default
    rule where the RAA has none), for not_quorate()."""

    def attending(*roles):
        members = PanelMember.objects.filter(attendance__meeting=OuterRef("pk"))
        if roles:
            members = members.filter(role__in=roles)
        return subquery_count(members)

    rule = QuorumRule.objects.filter(raa=OuterRef("panel__raa"))
    default = QuorumRule()

    def rule_value(name):
        return Coalesce(Subquery(rule.values(name)[:1]), Value(getattr(default, name)))

    return meetings.annotate(
        present=attending(),
        chairs=attending(*CHAIR_ROLES),
        social_workers=attending(PanelMember.Role.SOCIAL_WORKER),
        independents=attending(PanelMember.Role.INDEPENDENT),
        needed=Case(
            When(panel__joint=True, then=rule_value("min_members_joint")),
            default=rule_value("min_members"),
        ),
        rule_chair=rule_value("needs_chair_or_vice"),
        rule_sw=rule_value("needs_social_worker"),
        rule_independent=rule_value("needs_independent"),
    )


def not_quorate() -> Q:
    """Meetings (annotated by with_quorum) that lacked a quorum: the expression of
    quorum_missing."""
    return (
        Q(present__lt=F("needed"))
        | Q(rule_chair=True, chairs=0)
        | Q(rule_sw=True, social_workers=0)
        | Q(rule_independent=True, independents=0)
    )
