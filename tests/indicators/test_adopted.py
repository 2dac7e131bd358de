"""Who was adopted (docs/indicators.md §4, indicators/calculations/adopted.py) on small hand-built
journeys; every expected number is worked out by hand in the comment beside it."""

from datetime import date

import pytest

from indicators.calculations.engine import figures_for
from indicators.scopes import parse_scope
from tests.factories import ChildFactory
from tests.indicators.builders import Y2022, adopted


@pytest.mark.django_db
class TestAdoptedCohort:
    def test_adopted_cohort_characteristics(self, world):
        from tests.factories import HouseholdFactory

        group_household = HouseholdFactory(la=world.la101)
        from journeys.models import SiblingGroup

        group = SiblingGroup.objects.create(la=world.la101, reference="S1")
        # Born 10 Jun 2017, placed 10 Jun 2022: five on the day placed.
        five = ChildFactory(la=world.la101, date_of_birth=date(2017, 6, 10))
        # Born 11 Jun 2017: one day short of five.
        almost = ChildFactory(la=world.la101, date_of_birth=date(2017, 6, 11), ethnicity="BAFR")
        sister = ChildFactory(la=world.la101, date_of_birth=date(2020, 1, 1), sibling_group=group)
        brother = ChildFactory(
            la=world.la101, date_of_birth=date(2021, 1, 1), sibling_group=group, disability=True
        )
        for child in (five, almost):
            adopted(
                world.la101, date(2021, 1, 1), date(2022, 6, 10), date(2022, 12, 1), child=child
            )
        for child in (sister, brother):
            adopted(
                world.la101,
                date(2021, 1, 1),
                date(2022, 6, 10),
                date(2022, 12, 1),
                child=child,
                adopters=group_household,
            )
        figures = figures_for(parse_scope("la:101"), Y2022)
        assert (figures["adopted_aged_5_plus"].count, figures["adopted_aged_5_plus"].n) == (1, 4)
        assert figures["adopted_not_white_british"].count == 1
        assert figures["adopted_with_siblings"].count == 2
        assert figures["adopted_disabled"].count == 1
        # Every one of the four is harder to place for one reason or another.
        assert (
            figures["adopted_harder_to_place"].count,
            figures["adopted_harder_to_place"].value,
        ) == (4, 100.0)
