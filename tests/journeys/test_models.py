"""Date-order invariants: enforced by the database, and explained by validation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from journeys.models import Journey, Placement
from tests.factories import ChildFactory, HouseholdFactory, journey


@pytest.mark.django_db
class TestJourneyConstraints:
    @pytest.mark.parametrize(
        "dates",
        [
            {"entered_care": date(2022, 5, 1), "placement_order": date(2022, 4, 30)},
            {"entered_care": date(2022, 5, 1), "placed": date(2022, 4, 1)},
            {"moved_in_with_adopters": date(2022, 6, 2), "placed": date(2022, 6, 1)},
            {"placed": date(2022, 6, 1), "adoption_order": date(2022, 5, 31)},
            {"adoption_application": date(2022, 9, 1), "adoption_order": date(2022, 8, 1)},
            {"plan_ceased": date(2022, 9, 1)},  # no reason
        ],
    )
    def test_the_database_refuses_contradictory_dates(self, world, dates):
        child = ChildFactory(la=world.la101)
        with pytest.raises(IntegrityError), transaction.atomic():
            Journey.objects.create(child=child, **dates)

    def test_the_same_day_is_allowed(self, world):
        day = date(2022, 5, 1)
        journey(
            world.la101,
            entered_care=day,
            placement_order=day,
            placed=day,
            adoption_application=day,
            adoption_order=day,
        )

    def test_validation_names_both_dates(self, world):
        record = Journey(
            child=ChildFactory(la=world.la101),
            entered_care=date(2022, 5, 1),
            placement_order=date(2022, 4, 30),
        )
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert error.value.message_dict["placement_order"] == [
            "Placement order (2022-04-30) cannot be before entered care (2022-05-01)."
        ]

    def test_an_adm_decision_before_entering_care_is_stored_for_the_quality_report(self, world):
        journey(world.la101, entered_care=date(2022, 5, 1), adm_decision=date(2022, 4, 1))

    def test_a_placement_cannot_end_before_it_began_nor_end_without_a_reason(self, world):
        record = journey(world.la101, entered_care=date(2022, 1, 1))
        for fields in (
            {"ended": date(2022, 4, 1), "end_reason": "disruption"},
            {"ended": date(2022, 6, 1), "end_reason": ""},
        ):
            with pytest.raises(IntegrityError), transaction.atomic():
                Placement.objects.create(
                    journey=record, placed=date(2022, 5, 1), moved_in=date(2022, 5, 1), **fields
                )

    def test_household_stages_run_in_order(self, world):
        household = HouseholdFactory.build(
            la=world.la101,
            raa=world.north,
            registration=date(2022, 5, 1),
            approved=date(2022, 4, 1),
        )
        with pytest.raises(ValidationError, match="cannot be before registration of interest"):
            household.full_clean()

    def test_child_identifiers_are_unique_within_an_la_only(self, world):
        ChildFactory(la=world.la101, la_child_id="X1")
        ChildFactory(la=world.la102, la_child_id="X1")
        with pytest.raises(IntegrityError), transaction.atomic():
            ChildFactory(la=world.la101, la_child_id="X1")

    def test_status_follows_the_saved_dates(self, world):
        record = journey(world.la101, entered_care=date(2022, 1, 1))
        assert record.status == "in care"
        record.adm_decision = date(2022, 2, 1)
        record.save()
        assert record.status == "decision to adopt"
        record.adoption_order = date(2023, 1, 1)
        record.save()
        assert record.status == "adopted"
