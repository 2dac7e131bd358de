"""The panel adviser's work queues: the next panels with their papers missing, and the agency
decisions awaited with their 7-working-day clock."""

from datetime import date, timedelta

import pytest

from panels.models import AgencyDecision, Meeting, Panel, PanelItem
from panels.selectors import decision_due, decision_overdue, decisions_awaited, meetings_ahead
from panels.working_days import working_days_after, working_days_between
from tests.factories import HouseholdFactory

MATCH, APPROVAL = PanelItem.BusinessType.MATCH, PanelItem.BusinessType.ADOPTER_APPROVAL


@pytest.fixture
def panels(world):
    north = Panel.objects.create(raa=world.north, name="North panel")
    south = Panel.objects.create(raa=world.south, name="South panel")
    household = HouseholdFactory(la=world.la101)
    meetings = {
        "18 Apr": Meeting.objects.create(panel=north, date=date(2024, 4, 18)),
        "2 May": Meeting.objects.create(panel=north, date=date(2024, 5, 2)),
        "16 May": Meeting.objects.create(panel=north, date=date(2024, 5, 16)),
        "6 Jun": Meeting.objects.create(panel=north, date=date(2024, 6, 6)),
        "south": Meeting.objects.create(panel=south, date=date(2024, 5, 20)),
    }

    def item(meeting, recommendation="", **fields):
        return PanelItem.objects.create(
            meeting=meetings[meeting],
            business_type=fields.pop("business_type", APPROVAL),
            household=household,
            recommendation=recommendation,
            **fields,
        )

    items = {
        "april": item("18 Apr", "recommended", papers_received=date(2024, 4, 1)),
        "recommended": item("2 May", "recommended", papers_received=date(2024, 4, 20)),
        "not recommended": item("2 May", "not_recommended", papers_received=date(2024, 4, 20)),
        "deferred": item("2 May", "deferred", recommendation_reason="More checks"),
        "not heard": item("2 May"),
        "decided": item("2 May", "recommended", business_type=MATCH),
        "papers in": item("16 May", papers_received=date(2024, 5, 1)),
        "papers out 1": item("16 May"),
        "papers out 2": item("16 May"),
    }
    AgencyDecision.objects.create(
        item=items["decided"], decision_maker="ADM", decided=date(2024, 5, 7), working_days=2
    )
    return meetings, items


@pytest.mark.django_db
class TestMeetingsAhead:
    def test_the_next_meetings_soonest_first_with_items_and_papers_missing(self, users, panels):
        meetings, _ = panels
        ahead = list(meetings_ahead(user=users.panel_adviser, on=date(2024, 5, 10)))
        assert ahead == [meetings["16 May"], meetings["6 Jun"]]  # not the south RAA's
        assert [(m.item_count, m.papers_missing) for m in ahead] == [(3, 2), (0, 0)]

    def test_a_meeting_on_the_day_is_still_ahead(self, users, panels):
        meetings, _ = panels
        ahead = meetings_ahead(user=users.panel_adviser, on=date(2024, 5, 2))
        assert list(ahead)[0] == meetings["2 May"]
        # the deferred, the not-yet-heard and the decided items came without their papers
        assert list(ahead)[0].papers_missing == 3

    def test_none_ahead_after_the_last(self, users, panels):
        assert not meetings_ahead(user=users.panel_adviser, on=date(2024, 6, 7)).exists()


@pytest.mark.django_db
class TestDecisionsAwaited:
    def test_items_heard_without_a_decision_oldest_panel_first(self, users, panels):
        _, items = panels
        awaited = list(decisions_awaited(user=users.panel_adviser))
        # neither the deferred item, nor the one not heard yet, nor the one decided
        assert awaited == [items["april"], items["recommended"], items["not recommended"]]

    def test_the_decision_is_due_seven_working_days_after_the_panel(self):
        # Thursday 2 May 2024; Monday 6 May is the early May bank holiday.
        assert decision_due(date(2024, 5, 2)) == date(2024, 5, 14)
        # Thursday 18 April 2024: Friday, then Monday to Friday, then Monday.
        assert decision_due(date(2024, 4, 18)) == date(2024, 4, 29)

    def test_overdue_only_after_the_due_day(self):
        panel = date(2024, 5, 2)
        assert not decision_overdue(panel, date(2024, 5, 14))
        assert decision_overdue(panel, date(2024, 5, 15))
        assert not decision_overdue(panel, date(2024, 5, 2))

    @pytest.mark.parametrize("days", [0, 1, 7, 20])
    def test_working_days_after_is_the_inverse_of_working_days_between(self, days):
        for start in (date(2024, 12, 20) + timedelta(days=offset) for offset in range(10)):
            end = working_days_after(start, days)
            assert working_days_between(start, end) == days
            assert days == 0 or working_days_between(start, end - timedelta(days=1)) == days - 1
