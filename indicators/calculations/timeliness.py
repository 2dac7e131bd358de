"""Timeliness of the adopted cohort and its live variants (docs/indicators.md §2), and the
stages of the journey (§2.1). Each indicator's docstring is its definition."""

from django.db.models import Q

from indicators.calculations.expressions import (
    MOVED_IN,
    DaysBetween,
    LessThanDays,
    in_period,
    known,
)
from indicators.calculations.measures import measure
from indicators.periods import Period

# A3: "less than 14 months" is 426 days (docs/indicators.md §2).
A3_THRESHOLD_DAYS = 426


def adopted(period: Period) -> Q:
    """The adopted cohort (docs/indicators.md §2): adoption order granted in the period."""
    return in_period("adoption_order", period)


def moved_in_in(period: Period) -> Q:
    """Moved in during the period, or, with no move-in date, placed in it (§2, live variants)."""
    return Q(moved_in_with_adopters__range=(period.start, period.end)) | Q(
        moved_in_with_adopters__isnull=True, placed__range=(period.start, period.end)
    )


def within_a3(period: Period) -> Q:
    """Fewer than 426 days from entering care to moving in (§2, A3)."""
    return Q(LessThanDays(DaysBetween("entered_care", MOVED_IN), A3_THRESHOLD_DAYS))


@measure(
    "A1",
    "Entering care to moving in, not adjusted (days)",
    "mean",
    days=DaysBetween("entered_care", "placed"),
    better="lower",
)
def a1(period: Period) -> Q:
    """A1 (docs/indicators.md §2): adopted in the period, with `entered_care` and `placed`;
    mean days `placed − entered_care`."""
    return adopted(period) & known("entered_care", "placed")


@measure(
    "A10",
    "Entering care to moving in, adjusted for foster-carer adoptions (days)",
    "mean",
    days=DaysBetween("entered_care", MOVED_IN),
    better="lower",
)
def a10(period: Period) -> Q:
    """A10 (docs/indicators.md §2): A1's cohort; mean days `moved_in_with_adopters −
    entered_care`."""
    return adopted(period) & known("entered_care", "placed")


@measure(
    "A2",
    "Placement order to match decision (days)",
    "mean",
    days=DaysBetween("placement_order", "matched"),
    better="lower",
    short="Placement order to match",
)
def a2(period: Period) -> Q:
    """A2 (docs/indicators.md §2): adopted in the period, with `placement_order`, `matched` and
    `placed`; mean days `matched − placement_order`, 0 if matched first."""
    return adopted(period) & known("placement_order", "matched", "placed")


@measure(
    "A20",
    "Entering care to placement order (days)",
    "mean",
    days=DaysBetween("entered_care", "placement_order"),
    better="lower",
    short="Entering care to placement order",
)
def a20(period: Period) -> Q:
    """A20 (docs/indicators.md §2): adopted in the period, with `entered_care` and
    `placement_order`; mean days `placement_order − entered_care`."""
    return adopted(period) & known("entered_care", "placement_order")


@measure(
    "A3",
    "Children who waited less than 14 months to move in (%)",
    "percent",
    condition=within_a3,
    better="higher",
)
def a3(period: Period) -> Q:
    """A3 (docs/indicators.md §2): A1's cohort; the share (and count) with A10's days below
    426."""
    return adopted(period) & known("entered_care", "placed")


@measure(
    "match_to_move_in",
    "Match decision to moving in (days)",
    "mean",
    days=DaysBetween("matched", MOVED_IN),
    better="lower",
    short="Match to moving in",
)
def match_to_move_in(period: Period) -> Q:
    """Stage 3 of the journey (docs/indicators.md §2.1): adopted in the period, with `matched`
    and `placed`; mean days `moved_in_with_adopters − matched`."""
    return adopted(period) & known("matched", "placed")


@measure(
    "move_in_to_order",
    "Moving in to adoption order (days)",
    "mean",
    days=DaysBetween(MOVED_IN, "adoption_order"),
    better="lower",
    short="Moving in to adoption order",
)
def move_in_to_order(period: Period) -> Q:
    """Stage 4 of the journey (docs/indicators.md §2.1): adopted in the period, with `placed`;
    mean days `adoption_order − moved_in_with_adopters`."""
    return adopted(period) & known("placed")


@measure(
    "A1_live",
    "A1 for children placed in the period (days)",
    "mean",
    days=DaysBetween("entered_care", "placed"),
    better="lower",
)
def a1_live(period: Period) -> Q:
    """A1_live (docs/indicators.md §2, live variants): placed in the period, with
    `entered_care`; days as A1."""
    return in_period("placed", period) & known("entered_care")


@measure(
    "A10_live",
    "A10 for children who moved in during the period (days)",
    "mean",
    days=DaysBetween("entered_care", MOVED_IN),
    better="lower",
)
def a10_live(period: Period) -> Q:
    """A10_live (docs/indicators.md §2, live variants): moved in (or, failing that date,
    placed) in the period, with `entered_care`; days as A10."""
    return moved_in_in(period) & known("entered_care", "placed")


@measure(
    "A2_live",
    "A2 for children matched in the period (days)",
    "mean",
    days=DaysBetween("placement_order", "matched"),
    better="lower",
)
def a2_live(period: Period) -> Q:
    """A2_live (docs/indicators.md §2, live variants): matched in the period, with a placement
    order; days as A2."""
    return in_period("matched", period) & known("placement_order")


@measure(
    "A20_live",
    "A20 for placement orders granted in the period (days)",
    "mean",
    days=DaysBetween("entered_care", "placement_order"),
    better="lower",
)
def a20_live(period: Period) -> Q:
    """A20_live (docs/indicators.md §2, live variants): placement order in the period, with
    `entered_care`; days as A20."""
    return in_period("placement_order", period) & known("entered_care")


@measure(
    "A3_live",
    "A3 for children who moved in during the period (%)",
    "percent",
    condition=within_a3,
    better="higher",
)
def a3_live(period: Period) -> Q:
    """A3_live (docs/indicators.md §2, live variants): A10_live's cohort; share as A3."""
    return moved_in_in(period) & known("entered_care", "placed")


JOURNEY_MEASURES = (
    a1,
    a10,
    a2,
    a20,
    a3,
    match_to_move_in,
    move_in_to_order,
    a1_live,
    a10_live,
    a2_live,
    a20_live,
    a3_live,
)
