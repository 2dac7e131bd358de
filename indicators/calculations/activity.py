"""Activity counts in a period and the snapshots at period end (docs/indicators.md §3). Each
indicator's docstring is its definition; the snapshots' states are defined in `states`."""

from django.db.models import F, Q

from indicators.calculations.expressions import in_period, not_by, on_or_before
from indicators.calculations.measures import Combination, measure
from indicators.calculations.states import (
    journey_open,
    placement_running,
    po_awaiting_match_at,
    waiting_at,
)
from indicators.calculations.timeliness import adopted
from indicators.periods import Period
from journeys.models import EarlyPermanence, Placement

# --- Over journeys ------------------------------------------------------------------------------


@measure(
    "adm_decisions",
    "Decisions that the child should be adopted (A15)",
    "count",
    distinct="child_id",
    short="Decisions (A15)",
)
def adm_decisions(period: Period) -> Q:
    """adm_decisions, A15 (docs/indicators.md §3): children with an ADM decision in the
    period."""
    return in_period("adm_decision", period)


@measure(
    "placement_orders",
    "Placement orders granted (A16)",
    "count",
    distinct="child_id",
    short="Placement orders (A16)",
)
def placement_orders(period: Period) -> Q:
    """placement_orders, A16 (docs/indicators.md §3): children with a placement order in the
    period."""
    return in_period("placement_order", period)


@measure("matches", "Children matched", "count", distinct="child_id", short="Matches")
def matches(period: Period) -> Q:
    """matches (docs/indicators.md §3): children whose latest match decision falls in the
    period."""
    return in_period("matched", period)


@measure("adoption_applications", "Adoption applications", "count", distinct="child_id")
def adoption_applications(period: Period) -> Q:
    """adoption_applications (docs/indicators.md §3): children whose adopters applied for the
    order in the period."""
    return in_period("adoption_application", period)


@measure("adoptions", "Adoption orders (A4)", "count", distinct="child_id", short="Adoptions (A4)")
def adoptions(period: Period) -> Q:
    """adoptions, A4 (docs/indicators.md §3): children adopted in the period."""
    return adopted(period)


@measure("plan_changes", "Adoption plans ceased (A5)", "count", distinct="child_id")
def plan_changes(period: Period) -> Q:
    """plan_changes, A5 (docs/indicators.md §3): children whose plan ceased in the period."""
    return in_period("plan_ceased", period)


# Snapshot components, combined after pooling (see the combinations below): counting "not in an
# adoption placement" as a difference of two join-based counts avoids a correlated subquery for
# every journey, which made these figures 30 times slower.


@measure(
    "_decided_open",
    "Decision made, no ceased plan and no adoption order at period end",
    "count",
    distinct="child_id",
)
def decided_open(period: Period) -> Q:
    """Part of waiting_at_end (docs/indicators.md §3): an ADM decision, open at period end."""
    return on_or_before("adm_decision", period.end) & journey_open(period.end)


@measure(
    "_ordered_unmatched_open",
    "Placement order, never matched, open at period end",
    "count",
    distinct="child_id",
)
def ordered_unmatched_open(period: Period) -> Q:
    """Part of po_awaiting_match_at_end (docs/indicators.md §3): a placement order, never
    matched, open at period end."""
    return (
        on_or_before("placement_order", period.end)
        & not_by("matched", period.end)
        & journey_open(period.end)
    )


JOURNEY_MEASURES = (
    adm_decisions,
    placement_orders,
    matches,
    adoption_applications,
    adoptions,
    plan_changes,
    decided_open,
    ordered_unmatched_open,
)

# --- Over placements ----------------------------------------------------------------------------


def placed_in(period: Period) -> Q:
    """Placements begun in the period."""
    return in_period("placed", period)


@measure(
    "placed_at_end",
    "Children in an adoption placement at period end",
    "count",
    distinct="journey__child_id",
)
def placed_at_end(period: Period) -> Q:
    """placed_at_end (docs/indicators.md §3): children in an adoption placement at the end of
    the last day, not adopted by then."""
    return placement_running(period.end) & not_by("journey__adoption_order", period.end)


@measure(
    "_decided_open_placed",
    "Of _decided_open, those in an adoption placement",
    "count",
    distinct="journey__child_id",
)
def decided_open_placed(period: Period) -> Q:
    """Part of waiting_at_end (docs/indicators.md §3): of _decided_open, those placed."""
    return (
        placement_running(period.end)
        & on_or_before("journey__adm_decision", period.end)
        & journey_open(period.end, "journey__")
    )


@measure(
    "_ordered_unmatched_open_placed",
    "Of _ordered_unmatched_open, those in an adoption placement",
    "count",
    distinct="journey__child_id",
)
def ordered_unmatched_open_placed(period: Period) -> Q:
    """Part of po_awaiting_match_at_end (docs/indicators.md §3): of _ordered_unmatched_open,
    those placed."""
    return (
        placement_running(period.end)
        & on_or_before("journey__placement_order", period.end)
        & not_by("journey__matched", period.end)
        & journey_open(period.end, "journey__")
    )


@measure(
    "_match_undone",
    "Placement order, latest match undone by a disruption by period end",
    "count",
    distinct="journey__child_id",
)
def match_undone(period: Period) -> Q:
    """Part of po_awaiting_match_at_end (docs/indicators.md §3): open, with a placement order,
    the latest match undone by a disruption by period end."""
    return (
        Q(end_reason=Placement.EndReason.DISRUPTION, ended__lte=period.end)
        & Q(ended__gte=F("journey__matched"))
        & on_or_before("journey__placement_order", period.end)
        & journey_open(period.end, "journey__")
    )


@measure("placements", "Adoption placements begun", "count", short="Placements")
def placements(period: Period) -> Q:
    """placements (docs/indicators.md §3): adoption placements begun in the period, disrupted
    ones included."""
    return placed_in(period)


def began_as_early_permanence(period: Period) -> Q:
    return ~Q(early_permanence=EarlyPermanence.NONE)


@measure(
    "early_permanence_placements",
    "Placements begun as early permanence",
    "percent",
    condition=began_as_early_permanence,
)
def early_permanence_placements(period: Period) -> Q:
    """early_permanence_placements (docs/indicators.md §3): of placements begun in the period,
    the count and share that began as fostering for adoption or concurrent planning."""
    return placed_in(period)


PLACEMENT_MEASURES = (
    placed_at_end,
    decided_open_placed,
    ordered_unmatched_open_placed,
    match_undone,
    placements,
    early_permanence_placements,
)

# --- Snapshots made of the counts above ---------------------------------------------------------


def waiting_at_end(period: Period) -> Q:
    """waiting_at_end, A9 (docs/indicators.md §3): children with an ADM decision, no ceased
    plan, no adoption order and not in an adoption placement at period end."""
    return waiting_at(period.end)


def po_awaiting_match_at_end(period: Period) -> Q:
    """po_awaiting_match_at_end (docs/indicators.md §3): as A9 but with a placement order and no
    standing match."""
    return po_awaiting_match_at(period.end)


COMBINATIONS = (
    Combination(
        "waiting_at_end",
        "Children waiting to be placed at period end (A9)",
        (("_decided_open", 1), ("_decided_open_placed", -1)),
        "journeys",
        waiting_at_end,
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
        po_awaiting_match_at_end,
    ),
)
