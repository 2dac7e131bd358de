"""A placement's adopter source follows the household's approving agency: a contradiction is
refused with the reason, and a source not given is worked out."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from agencies.models import ExternalAgency
from journeys import services
from journeys.models import SOURCE_CONTRADICTS, AdopterSource
from tests.factories import HouseholdFactory, LinkFactory, journey


@pytest.fixture
def matched(world):
    return journey(
        world.la101,
        entered_care=date(2024, 1, 1),
        adm_decision=date(2024, 2, 1),
        placement_order=date(2024, 4, 1),
        matched=date(2024, 6, 1),
    )


@pytest.mark.django_db
class TestPlacementSource:
    def test_an_own_raa_household_cannot_be_recorded_as_a_vaa_placement(
        self, users, world, matched
    ):
        own = HouseholdFactory(la=world.la101, reference="OWN-1", approved=date(2023, 1, 1))
        with pytest.raises(ValidationError) as refused:
            services.placement_record(
                user=users.family_finder,
                journey=matched,
                household=own,
                placed=date(2024, 7, 1),
                source=AdopterSource.VAA,
            )
        assert refused.value.message_dict == {
            "source": [
                SOURCE_CONTRADICTS.format(
                    household="OWN-1",
                    approver="North Adoption",
                    expected="Own LA or RAA",
                    given="Voluntary adoption agency (inter-agency)",
                )
            ]
        }
        assert not matched.placements.exists()

    @pytest.mark.parametrize(
        ("kind", "expected"),
        [("vaa", AdopterSource.VAA), ("la", AdopterSource.OTHER_LA), (None, AdopterSource.OWN)],
    )
    def test_the_source_not_given_follows_the_approving_agency(
        self, users, world, matched, kind, expected
    ):
        agency = ExternalAgency.objects.create(name="Elsewhere", kind=kind) if kind else None
        household = HouseholdFactory(
            la=world.la101 if agency is None else None,
            raa=world.north if agency is None else None,
            approving_agency=agency,
        )
        # The match: the household is one the family finder may see.
        LinkFactory(journey=matched, household=household, linked=date(2024, 5, 1))
        placement = services.placement_record(
            user=users.family_finder, journey=matched, household=household, placed=date(2024, 7, 1)
        )
        assert placement.source == expected

    def test_another_raas_household_is_inter_agency(self, users, world, matched):
        south = HouseholdFactory(la=world.la201, reference="SOUTH-1")
        LinkFactory(journey=matched, household=south, linked=date(2024, 5, 1))
        with pytest.raises(ValidationError) as refused:
            services.placement_record(
                user=users.family_finder,
                journey=matched,
                household=south,
                placed=date(2024, 7, 1),
                source=AdopterSource.OWN,
            )
        assert list(refused.value.message_dict) == ["source"]
