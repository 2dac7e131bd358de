"""Dates that can be true: not in the future, not before the child's birth, on every record
that journeys' services save (pages and API alike)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from journeys import services
from journeys.date_rules import BEFORE_BIRTH, IN_FUTURE, date_problems
from journeys.models import Journey
from tests.factories import ChildFactory, HouseholdFactory, journey

LABELS = {"entered_care": "Entered care", "placed": "Placed"}
BORN = date(2020, 5, 10)
TODAY = date(2026, 3, 31)


def test_date_problems_accepts_today_and_the_day_of_birth():
    values = {"entered_care": BORN, "placed": TODAY}
    assert date_problems(values, labels=LABELS, born=BORN, today=TODAY) == {}


def test_date_problems_names_a_future_date_and_one_before_birth():
    values = {"entered_care": BORN - timedelta(days=1), "placed": TODAY + timedelta(days=1)}
    assert date_problems(values, labels=LABELS, born=BORN, today=TODAY) == {
        "entered_care": BEFORE_BIRTH.format(
            field="Entered care", value="2020-05-09", born="2020-05-10"
        ),
        "placed": IN_FUTURE.format(field="Placed", value="2026-04-01"),
    }


def test_date_problems_ignores_missing_dates_and_an_unknown_birth():
    values = {"entered_care": None, "placed": date(1999, 1, 1)}
    assert date_problems(values, labels=LABELS, born=None, today=TODAY) == {}


@pytest.mark.django_db
class TestServicesRefuseImpossibleDates:
    def test_a_decision_in_the_future_is_refused_naming_the_field(self, world, users, today):
        record = journey(world.la101, entered_care=date(2024, 1, 1))
        tomorrow = today + timedelta(days=1)
        with pytest.raises(ValidationError) as refused:
            services.decision_record(user=users.family_finder, journey=record, decided=tomorrow)
        assert refused.value.message_dict == {
            "adm_decision": [IN_FUTURE.format(field="ADM decision", value=tomorrow.isoformat())]
        }
        record.refresh_from_db()
        assert record.adm_decision is None

    def test_entering_care_before_birth_is_refused(self, world, users):
        child = ChildFactory(la=world.la101, date_of_birth=date(2023, 6, 1))
        with pytest.raises(ValidationError) as refused:
            services.journey_start(
                user=users.family_finder, child=child, entered_care=date(2023, 5, 31)
            )
        assert refused.value.message_dict["entered_care"] == [
            BEFORE_BIRTH.format(field="Entered care", value="2023-05-31", born="2023-06-01")
        ]
        assert not Journey.objects.filter(child=child).exists()

    def test_a_placement_in_the_future_is_refused(self, world, users, today):
        record = journey(world.la101, entered_care=date(2024, 1, 1), matched=date(2024, 6, 1))
        with pytest.raises(ValidationError) as refused:
            services.placement_record(
                user=users.family_finder, journey=record, placed=today + timedelta(days=3)
            )
        assert set(refused.value.message_dict) == {"placed", "moved_in"}
        assert not record.placements.exists()

    def test_a_birth_in_the_future_is_refused(self, world, users, today):
        with pytest.raises(ValidationError) as refused:
            services.child_add(
                user=users.family_finder,
                la=world.la101,
                la_child_id="NEW-1",
                sex="1",
                ethnicity="WBRI",
                date_of_birth=today + timedelta(days=1),
            )
        assert list(refused.value.message_dict) == ["date_of_birth"]

    def test_a_household_approved_in_the_future_is_refused(self, world, users, today):
        household = HouseholdFactory(la=world.la101, registration=date(2025, 1, 1))
        with pytest.raises(ValidationError) as refused:
            services.household_update(
                user=users.family_finder, household=household, approved=today + timedelta(days=1)
            )
        assert list(refused.value.message_dict) == ["approved"]
