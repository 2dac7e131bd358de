"""Panels, disruptions and adoption support (docs/indicators.md §6). Each indicator's docstring is
its definition; "quorate" and "late" are defined in `states`."""

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat

from indicators.calculations.expressions import DaysBetween, in_period
from indicators.calculations.measures import measure
from indicators.calculations.states import decision_late_q, not_quorate
from indicators.periods import Period
from journeys.models import AdopterSource, Placement
from panels.models import PanelItem
from support.models import FundApplication

# --- Disruptions (over placements) --------------------------------------------------------------


def disrupted_in(period: Period) -> Q:
    """Placements that ended in disruption in the period."""
    return in_period("ended", period) & Q(end_reason=Placement.EndReason.DISRUPTION)


def _text(field: str):
    return Cast(field, output_field=CharField())


# One disruption as the sector counts it: brothers and sisters of a sibling group placed together
# with the same adopters whose placements end on the same day are one disruption affecting them
# all; any other disrupted placement is one disruption of its own.
DISRUPTION_EVENT = Concat(
    Value("g"),
    _text("journey__child__sibling_group_id"),
    Value(":"),
    _text("household_id"),
    Value(":"),
    _text("ended"),
    output_field=CharField(),
)


def disruption_event_of(row: dict) -> str:
    """DISRUPTION_EVENT for one row of the drill-down behind a disruption figure, so that the
    drill-down counts disruptions as the figure does."""
    group, household = row.get("child__sibling_group_id"), row.get("household_id")
    if group is not None and household is not None:
        return f"g{group}:{household}:{row['ended']}"
    return f"p{row['pk']}"


def _disruption_key():
    return Case(
        When(
            journey__child__sibling_group__isnull=False,
            household__isnull=False,
            then=DISRUPTION_EVENT,
        ),
        default=Concat(Value("p"), _text("pk"), output_field=CharField()),
        output_field=CharField(),
    )


@measure(
    "disruptions",
    "Disruptions (a sibling group placed together counts once)",
    "count",
    distinct=_disruption_key(),
    short="Disruptions",
)
def disruptions(period: Period) -> Q:
    """disruptions (docs/indicators.md §6, and §3): disruptions in the period, a sibling group
    placed together with the same adopters whose placements ended the same day counting as one
    disruption affecting each of them (disruption_children counts the children)."""
    return disrupted_in(period)


@measure(
    "disruption_children",
    "Children whose placement disrupted",
    "count",
    distinct="journey__child_id",
)
def disruption_children(period: Period) -> Q:
    """disruption_children (docs/indicators.md §6): children whose placement disrupted in the
    period."""
    return disrupted_in(period)


@measure(
    "disruptions_inter_agency",
    "Disruptions of inter-agency placements",
    "percent",
    condition=lambda p: ~Q(source=AdopterSource.OWN),
    distinct=_disruption_key(),
)
def disruptions_inter_agency(period: Period) -> Q:
    """disruptions_inter_agency (docs/indicators.md §6): of disruptions in the period (a sibling
    group counting once), the number and share whose adopters were approved elsewhere."""
    return disrupted_in(period)


@measure(
    "disruptions_own",
    "Disruptions of placements with the LA's or RAA's own adopters",
    "count",
    distinct=_disruption_key(),
)
def disruptions_own(period: Period) -> Q:
    """disruptions_own (docs/indicators.md §6): disruptions in the period (a sibling group
    counting once) whose adopters the child's own LA or RAA approved."""
    return disrupted_in(period) & Q(source=AdopterSource.OWN)


@measure(
    "disruption_days",
    "Days from placement to disruption",
    "mean",
    days=DaysBetween("placed", "ended"),
)
def disruption_days(period: Period) -> Q:
    """disruption_days (docs/indicators.md §6): mean days from placement to disruption, over
    disruptions in the period."""
    return disrupted_in(period)


PLACEMENT_MEASURES = (
    disruptions,
    disruption_children,
    disruptions_inter_agency,
    disruptions_own,
    disruption_days,
)

# --- Panel items (per LA of the child or household) ---------------------------------------------


def item_heard_in(period: Period) -> Q:
    """Panel items heard at a meeting in the period (docs/indicators.md §6)."""
    return in_period("meeting__date", period)


def decided_in(period: Period) -> Q:
    """Panel items whose agency decision was made in the period (docs/indicators.md §6)."""
    return in_period("decision__decided", period)


@measure("panel_items", "Panel items heard", "count")
def panel_items(period: Period) -> Q:
    """panel_items (docs/indicators.md §6): items heard at meetings in the period."""
    return item_heard_in(period)


def _items_of_type(value: str, label: str):
    @measure(f"items_{value}", f"Panel items: {label}", "count")
    def items_of_type(period: Period) -> Q:
        """items_<business type> (docs/indicators.md §6): items of that business type heard in
        the period."""
        return item_heard_in(period) & Q(business_type=value)

    return items_of_type


def _recommendations(value: str, label: str):
    @measure(f"recommendations_{value}", f"Recommendations: {label}", "count")
    def recommendations(period: Period) -> Q:
        """recommendations_<outcome> (docs/indicators.md §6): items heard in the period with
        that recommendation."""
        return item_heard_in(period) & Q(recommendation=value)

    return recommendations


@measure(
    "decision_working_days",
    "Working days from panel to agency decision",
    "mean",
    days=F("decision__working_days"),
    better="lower",
)
def decision_working_days(period: Period) -> Q:
    """decision_working_days (docs/indicators.md §6): mean working days from the panel meeting to
    the agency decision, for decisions made in the period."""
    return decided_in(period)


@measure(
    "decisions_late",
    "Agency decisions after 7 working days",
    "percent",
    condition=lambda p: decision_late_q("decision__working_days"),
    better="lower",
)
def decisions_late(period: Period) -> Q:
    """decisions_late (docs/indicators.md §6): of decisions made in the period, the share over 7
    working days."""
    return decided_in(period)


PANEL_ITEM_MEASURES = (
    panel_items,
    *(_items_of_type(value, label) for value, label in PanelItem.BusinessType.choices),
    *(_recommendations(value, label) for value, label in PanelItem.Recommendation.choices if value),
    decision_working_days,
    decisions_late,
)

# --- Panel meetings (per RAA) -------------------------------------------------------------------


@measure("meetings_held", "Panel meetings held", "count")
def meetings_held(period: Period) -> Q:
    """meetings_held (docs/indicators.md §6): the RAA's panel meetings in the period."""
    return in_period("date", period)


@measure(
    "meetings_not_quorate",
    "Panel meetings that were not quorate",
    "percent",
    condition=lambda p: not_quorate(),
    better="lower",
)
def meetings_not_quorate(period: Period) -> Q:
    """meetings_not_quorate (docs/indicators.md §6): of the meetings in the period, the count and
    share that lacked a quorum under the RAA's rule."""
    return in_period("date", period)


MEETING_MEASURES = (meetings_held, meetings_not_quorate)

# --- Adoption support and the Fund -------------------------------------------------------------


def application_decided(period: Period, status: str) -> Q:
    return in_period("decided", period) & Q(status=status)


@measure("support_referrals", "Adoption support referrals", "count")
def support_referrals(period: Period) -> Q:
    """support_referrals (docs/indicators.md §6): referrals made in the period."""
    return in_period("referred", period)


SUPPORT_REFERRAL_MEASURES = (support_referrals,)


@measure("assessments_completed", "Assessments of need completed", "count")
def assessments_completed(period: Period) -> Q:
    """assessments_completed (docs/indicators.md §6): assessments of need completed in the
    period."""
    return in_period("completed", period)


@measure(
    "referral_to_assessment_days",
    "Days from referral to completed assessment",
    "mean",
    days=DaysBetween("referral__referred", "completed"),
    better="lower",
)
def referral_to_assessment_days(period: Period) -> Q:
    """referral_to_assessment_days (docs/indicators.md §6): mean days from referral to the
    completed assessment, for assessments completed in the period."""
    return in_period("completed", period)


SUPPORT_ASSESSMENT_MEASURES = (assessments_completed, referral_to_assessment_days)


@measure("asf_applications", "Adoption Support Fund applications made", "count")
def asf_applications(period: Period) -> Q:
    """asf_applications (docs/indicators.md §6): Fund applications submitted in the period."""
    return in_period("submitted", period)


@measure("asf_approved", "Fund applications approved", "count")
def asf_approved(period: Period) -> Q:
    """asf_approved (docs/indicators.md §6): Fund applications approved in the period."""
    return application_decided(period, FundApplication.Status.APPROVED)


@measure("asf_declined", "Fund applications declined", "count")
def asf_declined(period: Period) -> Q:
    """asf_declined (docs/indicators.md §6): Fund applications declined in the period."""
    return application_decided(period, FundApplication.Status.DECLINED)


@measure("asf_amount_applied", "Amount applied for (£)", "money", amount="amount_applied")
def asf_amount_applied(period: Period) -> Q:
    """asf_amount_applied (docs/indicators.md §6): £ applied for, applications submitted in the
    period."""
    return in_period("submitted", period)


@measure("asf_amount_approved", "Amount approved (£)", "money", amount="amount_approved")
def asf_amount_approved(period: Period) -> Q:
    """asf_amount_approved (docs/indicators.md §6): £ approved, applications approved in the
    period."""
    return application_decided(period, FundApplication.Status.APPROVED)


@measure(
    "asf_spend_per_child",
    "Fund approved per child funded (£)",
    "money_mean",
    amount="amount_approved",
    distinct="child_id",
)
def asf_spend_per_child(period: Period) -> Q:
    """asf_spend_per_child (docs/indicators.md §6): £ approved per child funded, applications
    approved in the period."""
    return application_decided(period, FundApplication.Status.APPROVED)


FUND_MEASURES = (
    asf_applications,
    asf_approved,
    asf_declined,
    asf_amount_applied,
    asf_amount_approved,
    asf_spend_per_child,
)
