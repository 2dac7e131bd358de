"""Adopters: enquiries to approval, overdue stages, waiting households and their matches
(docs/indicators.md §5). Each indicator's docstring is its definition; the states at period end
are defined in `states`."""

from django.db.models import Exists, F, OuterRef, Q

from indicators.calculations.expressions import (
    DaysBetween,
    LessThanDays,
    in_period,
    known,
    months_reached,
    on_or_before,
)
from indicators.calculations.measures import Combination, measure
from indicators.calculations.states import (
    adopters_waiting_at,
    household_open,
    stage1_overdue_at,
    stage2_overdue_at,
)
from indicators.periods import Period
from journeys.models import Link

# Approval "within 6 months" of registration (docs/indicators.md §5).
APPROVAL_WITHIN_DAYS = 183
# A12: households that waited this many calendar months or more from approval to match.
A12_MONTHS = 3

# --- Over households ----------------------------------------------------------------------------


@measure("enquiries", "Adopter enquiries", "count")
def enquiries(period: Period) -> Q:
    """enquiries (docs/indicators.md §5): households with an enquiry in the period."""
    return in_period("enquiry", period)


@measure("registrations", "Registrations of interest (Stage 1 starts)", "count")
def registrations(period: Period) -> Q:
    """registrations (docs/indicators.md §5): households registered in the period."""
    return in_period("registration", period)


@measure("stage2_starts", "Stage 2 assessments started", "count")
def stage2_starts(period: Period) -> Q:
    """stage2_starts (docs/indicators.md §5): households starting Stage 2 in the period."""
    return in_period("stage2_start", period)


@measure("approvals", "Households approved", "count")
def approvals(period: Period) -> Q:
    """approvals (docs/indicators.md §5): households approved in the period."""
    return in_period("approved", period)


def approved_in_183_days(period: Period) -> Q:
    return Q(LessThanDays(DaysBetween("registration", "approved"), APPROVAL_WITHIN_DAYS + 1))


@measure(
    "approved_within_6_months",
    "Approvals within 6 months of registration",
    "percent",
    condition=approved_in_183_days,
    better="higher",
)
def approved_within_6_months(period: Period) -> Q:
    """approved_within_6_months (docs/indicators.md §5): of approvals in the period (with a
    registration), the share reached within 183 days of registration."""
    return in_period("approved", period) & known("registration")


@measure("stage1_overdue", "Stage 1 open more than 2 months at period end", "count")
def stage1_overdue(period: Period) -> Q:
    """stage1_overdue (docs/indicators.md §5): at period end, registered more than two calendar
    months before, with no Stage 1 decision, Stage 2 or approval yet, and not withdrawn."""
    return stage1_overdue_at(period.end)


@measure("stage2_overdue", "Stage 2 open more than 4 months at period end", "count")
def stage2_overdue(period: Period) -> Q:
    """stage2_overdue (docs/indicators.md §5): at period end, Stage 2 started more than four
    calendar months before, not approved, not withdrawn."""
    return stage2_overdue_at(period.end)


@measure("_approved_open", "Households approved and not withdrawn at period end", "count")
def approved_open(period: Period) -> Q:
    """Part of adopters_waiting_at_end (docs/indicators.md §5): approved, not withdrawn."""
    return on_or_before("approved", period.end) & household_open(period.end)


HOUSEHOLD_MEASURES = (
    enquiries,
    registrations,
    stage2_starts,
    approvals,
    approved_within_6_months,
    stage1_overdue,
    stage2_overdue,
    approved_open,
)

# --- Over links (the households' matches) -------------------------------------------------------


@measure(
    "_approved_open_matched",
    "Of _approved_open, those matched by period end",
    "count",
    distinct="household_id",
)
def approved_open_matched(period: Period) -> Q:
    """Part of adopters_waiting_at_end (docs/indicators.md §5): of _approved_open, those
    matched by period end."""
    return (
        on_or_before("matched", period.end)
        & on_or_before("household__approved", period.end)
        & household_open(period.end, "household__")
    )


def first_match_in(period: Period) -> Q:
    """The link is its approved household's first match, made in the period."""
    earlier = Link.objects.filter(household=OuterRef("household"), matched__lt=OuterRef("matched"))
    return in_period("matched", period) & known("household__approved") & ~Exists(earlier)


def waited_3_months(period: Period) -> Q:
    return months_reached(F("household__approved"), F("matched"), A12_MONTHS)


@measure(
    "adopters_waited_3_months",
    "Households matched who waited 3 months or more from approval (A12, %)",
    "percent",
    condition=waited_3_months,
    distinct="household_id",
    better="lower",
)
def adopters_waited_3_months(period: Period) -> Q:
    """adopters_waited_3_months, A12 (docs/indicators.md §5): of households whose first match
    fell in the period, the share matched three calendar months or more after approval."""
    return first_match_in(period)


LINK_MEASURES = (approved_open_matched, adopters_waited_3_months)

# --- Made of the counts above -------------------------------------------------------------------


def adopters_waiting_at_end(period: Period) -> Q:
    """adopters_waiting_at_end, A11 (docs/indicators.md §5): approved, not withdrawn, and never
    matched by period end."""
    return adopters_waiting_at(period.end)


COMBINATIONS = (
    Combination(
        "adopters_waiting_at_end",
        "Approved households not matched at period end (A11)",
        (("_approved_open", 1), ("_approved_open_matched", -1)),
        "households",
        adopters_waiting_at_end,
    ),
)
# sufficiency_ratio (docs/indicators.md §5): po_awaiting_match_at_end ÷ A11, two decimals, no
# value when no household waits; computed after pooling by the engine.
SUFFICIENCY_RATIO = "sufficiency_ratio"
SUFFICIENCY_TITLE = "Children awaiting a match per approved household waiting"
