"""Learning from disruptions (docs/indicators.md §7.5, indicators/calculations/
disruption_learning.py) on hand-built placements, answers worked out by hand."""

from datetime import date

import pytest

from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from journeys.models import AdopterSource, Disruption, Placement, SiblingGroup
from tests.factories import ChildFactory, HouseholdFactory, journey

Y2022 = Period.parse("2022-23")
DISRUPTION = Placement.EndReason.DISRUPTION


def _disrupted(
    la, ended, *, child=None, household=None, source=AdopterSource.OWN, record=True, **details
):
    """A child placed on 1 Jan 2022 whose placement ended on `ended`, and (unless `record` is
    false) the disruption's record with `details`."""
    made = journey(
        la,
        child=child,
        entered_care=date(2020, 1, 1),
        placements=[(date(2022, 1, 1), None, ended, DISRUPTION)],
    )
    placement = made.placements.get()
    placement.source, placement.household = source, household
    placement.save()
    if record:
        Disruption.objects.create(placement=placement, **details)


@pytest.fixture
def disruptions(world):
    la = world.la101
    _disrupted(
        la,
        date(2022, 6, 1),
        meeting=date(2022, 7, 1),
        chair_independent=True,
        report_received=date(2022, 8, 1),
        learning="Share the child's full history earlier.",
    )
    _disrupted(
        la,
        date(2022, 9, 1),
        source=AdopterSource.VAA,
        meeting=date(2022, 10, 1),
        chair_independent=False,
    )
    _disrupted(la, date(2022, 12, 1))  # recorded, no meeting yet
    _disrupted(la, date(2023, 1, 1), record=False)  # no disruption record at all
    _disrupted(la, date(2023, 4, 1), meeting=date(2023, 4, 20))  # 2023-24
    # Brother and sister placed together with one household, ended the same day: one disruption.
    group = SiblingGroup.objects.create(la=la, reference="G1")
    household = HouseholdFactory(la=la)
    for _ in range(2):
        _disrupted(
            la,
            date(2023, 2, 1),
            child=ChildFactory(la=la, sibling_group=group),
            household=household,
            meeting=date(2023, 2, 20),
            chair_independent=True,
        )


@pytest.mark.django_db
def test_disruption_meetings_chairs_reports_and_learning(disruptions):
    figures = figures_for(parse_scope("la:101"), Y2022)
    # Disruptions in the year: 1 Jun, 1 Sep, 1 Dec, 1 Jan and the sibling group's (one) = 5.
    assert figures["disruptions"].value == 5
    # Meetings held for 1 Jun, 1 Sep and the sibling group: 3 of 5; of those, independent
    # chairs for 1 Jun and the sibling group: 2 of 3; report and learning for 1 Jun: 1 of 5.
    expected = {
        "disruption_meetings": (60.0, 3, 5),
        "disruption_chair_independent": (66.7, 2, 3),
        "disruption_reports": (20.0, 1, 5),
        "disruption_learning": (20.0, 1, 5),
    }
    for code, answer in expected.items():
        assert (figures[code].value, figures[code].count, figures[code].n) == answer, code
    # By adopter source: own adopters 1 Jun and the sibling group; the VAA's 1 Sep.
    assert figures["disruption_meetings_own"].value == 2
    assert figures["disruption_meetings_inter_agency"].value == 1


@pytest.mark.django_db
def test_disruption_learning_without_disruptions_has_no_share(world):
    figures = figures_for(parse_scope("la:101"), Y2022)
    assert figures["disruption_meetings"].value is None
    assert figures["disruption_meetings"].n == 0
    assert figures["disruption_meetings_own"].value == 0
