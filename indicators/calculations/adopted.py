"""Who was adopted and where homes were found (docs/indicators.md §4). Each indicator's docstring
is its definition; "harder to place" and its parts are defined in `states`."""

from django.db.models import Q

from indicators.calculations.activity import placed_in
from indicators.calculations.expressions import known
from indicators.calculations.measures import measure
from indicators.calculations.states import (
    adopted_with_sibling,
    aged_5_or_over_when_placed,
    disabled,
    harder_to_place_adopted,
    not_white_british,
)
from indicators.calculations.timeliness import adopted
from indicators.periods import Period
from journeys.models import AdopterSource

# --- The adopted cohort -------------------------------------------------------------------------


@measure(
    "adopted_aged_5_plus",
    "Adopted children aged 5 or over when placed",
    "percent",
    condition=lambda p: known("placed") & aged_5_or_over_when_placed(),
)
def adopted_aged_5_plus(period: Period) -> Q:
    """adopted_aged_5_plus (docs/indicators.md §4): of the adopted cohort, the count and share
    five or older on the day placed (the fifth birthday counts)."""
    return adopted(period)


@measure(
    "adopted_not_white_british",
    "Adopted children not White British",
    "percent",
    condition=lambda p: not_white_british(),
)
def adopted_not_white_british(period: Period) -> Q:
    """adopted_not_white_british (docs/indicators.md §4): of the adopted cohort, an ethnicity
    recorded and not WBRI."""
    return adopted(period)


@measure(
    "adopted_with_siblings",
    "Adopted together with a sibling",
    "percent",
    condition=lambda p: adopted_with_sibling(),
)
def adopted_with_siblings(period: Period) -> Q:
    """adopted_with_siblings (docs/indicators.md §4): of the adopted cohort, another child of the
    same sibling group adopted by the same household."""
    return adopted(period)


@measure(
    "adopted_disabled",
    "Adopted children with a disability",
    "percent",
    condition=lambda p: disabled(),
)
def adopted_disabled(period: Period) -> Q:
    """adopted_disabled (docs/indicators.md §4): of the adopted cohort, a recorded
    disability."""
    return adopted(period)


@measure(
    "adopted_harder_to_place",
    "Adopted children harder to place",
    "percent",
    condition=lambda p: harder_to_place_adopted(),
)
def adopted_harder_to_place(period: Period) -> Q:
    """adopted_harder_to_place (docs/indicators.md §4): of the adopted cohort, any of the four
    above."""
    return adopted(period)


JOURNEY_MEASURES = (
    adopted_aged_5_plus,
    adopted_not_white_british,
    adopted_with_siblings,
    adopted_disabled,
    adopted_harder_to_place,
)

# --- Where homes were found ---------------------------------------------------------------------


@measure(
    "placements_own",
    "Placements with the LA's or RAA's own adopters",
    "percent",
    condition=lambda p: Q(source=AdopterSource.OWN),
)
def placements_own(period: Period) -> Q:
    """placements_own (docs/indicators.md §4): of placements begun in the period, those with
    adopters approved by the child's LA or its RAA."""
    return placed_in(period)


@measure(
    "placements_other_la",
    "Placements with another RAA's or LA's adopters",
    "percent",
    condition=lambda p: Q(source=AdopterSource.OTHER_LA),
)
def placements_other_la(period: Period) -> Q:
    """placements_other_la (docs/indicators.md §4): of placements begun in the period, those
    with adopters approved by another RAA or LA."""
    return placed_in(period)


@measure(
    "placements_vaa",
    "Placements with a voluntary adoption agency's adopters",
    "percent",
    condition=lambda p: Q(source=AdopterSource.VAA),
)
def placements_vaa(period: Period) -> Q:
    """placements_vaa (docs/indicators.md §4): of placements begun in the period, those with
    adopters approved by a voluntary adoption agency."""
    return placed_in(period)


PLACEMENT_MEASURES = (placements_own, placements_other_la, placements_vaa)
