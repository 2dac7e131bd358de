"""Family-finding writes: decision to adoption order, disruption and re-placement, permissions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from journeys import services
from journeys.models import Placement
from tests.factories import ChildFactory, HouseholdFactory


@pytest.fixture
def child_journey(world, users):
    child = ChildFactory(la=world.la101)
    return services.journey_create(
        user=users.family_finder, child=child, entered_care=date(2022, 1, 1)
    )


@pytest.mark.django_db
class TestFamilyFinding:
    def test_a_journey_from_decision_to_adoption_order_reaches_the_figures(
        self, world, users, child_journey
    ):
        finder = users.family_finder
        household = HouseholdFactory(la=world.la101, approved=date(2021, 1, 1))
        services.decision_record(user=finder, journey=child_journey, decided=date(2022, 3, 1))
        services.placement_order_record(
            user=finder, journey=child_journey, granted=date(2022, 5, 1)
        )
        link = services.link_create(
            user=finder, journey=child_journey, household=household, linked=date(2022, 6, 1)
        )
        services.match_record(user=finder, link=link, matched=date(2022, 7, 1))
        services.placement_record(user=finder, journey=child_journey, placed=date(2022, 8, 1))
        services.adoption_application_record(
            user=finder, journey=child_journey, applied=date(2022, 11, 1)
        )
        services.adoption_order_record(user=finder, journey=child_journey, granted=date(2023, 2, 1))
        child_journey.refresh_from_db()
        assert child_journey.adopters == household
        placement = child_journey.placements.get()
        assert (placement.ended, placement.end_reason) == (date(2023, 2, 1), "adoption_order")
        figures = figures_for(parse_scope("la:101"), Period.parse("2022-23"))
        # 1 Jan -> 1 Aug 2022: 31+28+31+30+31+30+31 = 212 days; order to match 1 May -> 1 Jul = 61
        assert (figures["A10"].value, figures["A2"].value) == (212, 61)

    def test_a_disruption_puts_the_child_back_among_those_waiting(
        self, world, users, child_journey
    ):
        finder = users.family_finder
        services.decision_record(user=finder, journey=child_journey, decided=date(2022, 2, 1))
        placement = services.placement_record(
            user=finder, journey=child_journey, placed=date(2022, 6, 1)
        )
        assert (
            figures_for(parse_scope("la:101"), Period.parse("2022-23 Q1"))["waiting_at_end"].value
            == 0
        )
        services.disruption_record(
            user=finder,
            placement=placement,
            ended=date(2022, 9, 1),
            reason="Needs not met",
            chair="Independent chair",
            chair_independent=True,
        )
        figures = figures_for(parse_scope("la:101"), Period.parse("2022-23 Q2"))
        assert figures["waiting_at_end"].value == 1
        assert figures["disruptions"].value == 1
        # A new placement is allowed now the first has ended.
        services.placement_record(user=finder, journey=child_journey, placed=date(2022, 12, 1))
        assert child_journey.placements.count() == 2

    def test_a_second_placement_is_refused_while_one_is_open(self, world, users, child_journey):
        services.placement_record(
            user=users.family_finder, journey=child_journey, placed=date(2022, 6, 1)
        )
        with pytest.raises(ValidationError, match="still in an adoption placement"):
            services.placement_record(
                user=users.family_finder, journey=child_journey, placed=date(2022, 7, 1)
            )

    def test_foster_carer_adoption_is_recognised_from_the_dates(self, world, users, child_journey):
        services.placement_record(
            user=users.family_finder,
            journey=child_journey,
            placed=date(2022, 6, 1),
            moved_in=date(2022, 2, 1),
        )
        child_journey.refresh_from_db()
        assert child_journey.foster_carer_adoption
        assert child_journey.moved_in_with_adopters == date(2022, 2, 1)

    def test_a_contradictory_date_is_refused_and_nothing_changes(self, world, users, child_journey):
        with pytest.raises(ValidationError, match="cannot be before entered care"):
            services.placement_order_record(
                user=users.family_finder, journey=child_journey, granted=date(2021, 12, 1)
            )
        child_journey.refresh_from_db()
        assert child_journey.placement_order is None
        assert not Placement.objects.exists()

    @pytest.mark.parametrize("role", ["board_member", "la_manager", "panel_adviser"])
    def test_roles_without_casework_rights_cannot_write(self, users, child_journey, role):
        with pytest.raises(PermissionDenied):
            services.decision_record(
                user=getattr(users, role), journey=child_journey, decided=date(2022, 3, 1)
            )

    def test_a_family_finder_cannot_write_to_another_raas_child(self, world, users):
        child = ChildFactory(la=world.la201)
        with pytest.raises(PermissionDenied):
            services.journey_create(
                user=users.family_finder, child=child, entered_care=date(2022, 1, 1)
            )


@pytest.mark.django_db
def test_a_delay_note_is_recorded_and_audited(world, users, child_journey):
    from agencies.models import AuditEvent

    note = services.note_add(
        user=users.family_finder,
        journey=child_journey,
        recorded_on=date(2022, 5, 1),
        delay_reason="court",
        text="Final hearing adjourned",
    )
    assert list(child_journey.notes.values_list("delay_reason", flat=True)) == ["court"]
    assert AuditEvent.objects.filter(model="journeynote", object_ids=[note.pk]).exists()
    with pytest.raises(PermissionDenied):
        services.note_add(
            user=users.board_member, journey=child_journey, recorded_on=date(2022, 5, 1)
        )
