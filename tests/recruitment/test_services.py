"""Recruitment writes: each record belongs to an RAA, and only that RAA's recruitment staff
write it (recruitment/services.py)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from journeys.models import AdopterHousehold
from recruitment import services
from recruitment.models import (
    COURSE_ENDS_BEFORE_START,
    HUB_OF_OTHER_RAA,
    InformationEvent,
    PreparationCourse,
)
from tests.factories import HouseholdFactory


@pytest.mark.django_db
def test_an_raa_manager_records_an_event_of_their_own_raa_only(world, users):
    event = services.information_event_create(
        user=users.raa_manager,
        raa=world.north,
        hub=world.hub_one,
        held=date(2023, 5, 1),
        format=InformationEvent.Format.ONLINE,
        attendance=14,
    )
    assert event.raa == world.north and event.attendance == 14
    with pytest.raises(PermissionDenied):
        services.information_event_create(
            user=users.raa_manager, raa=world.south, held=date(2023, 5, 1), format="online"
        )
    assert InformationEvent.objects.count() == 1


@pytest.mark.django_db
def test_an_event_cannot_name_another_raas_hub(world, users):
    south_hub = world.south.hubs.create(name="South hub")
    with pytest.raises(ValidationError) as refused:
        services.information_event_create(
            user=users.family_finder,
            raa=world.north,
            hub=south_hub,
            held=date(2023, 5, 1),
            format="in_person",
        )
    assert refused.value.message_dict["hub"] == [HUB_OF_OTHER_RAA.format(hub=south_hub)]


@pytest.mark.django_db
def test_roles_outside_recruitment_cannot_record_events(world, users):
    for user in (users.la_manager, users.panel_adviser, users.support_worker, users.board_member):
        with pytest.raises(PermissionDenied):
            services.information_event_create(
                user=user, raa=world.north, held=date(2023, 5, 1), format="online"
            )


@pytest.mark.django_db
def test_initial_visits_are_to_the_raas_own_households(world, users):
    own = HouseholdFactory(la=world.la101, enquiry=date(2023, 4, 1))
    visit = services.initial_visit_record(
        user=users.family_finder, household=own, visited=date(2023, 4, 20)
    )
    assert visit.household == own
    other = HouseholdFactory(la=world.la201)
    with pytest.raises(PermissionDenied):
        services.initial_visit_record(
            user=users.family_finder, household=other, visited=date(2023, 4, 20)
        )
    with pytest.raises(PermissionDenied):  # nor moved to another RAA's household
        services.initial_visit_update(user=users.family_finder, visit=visit, household=other)
    elsewhere = AdopterHousehold.objects.create(reference="VAA-1", la=world.la101, raa=None)
    with pytest.raises(ValidationError):
        services.initial_visit_record(
            user=users.family_finder, household=elsewhere, visited=date(2023, 4, 20)
        )


@pytest.mark.django_db
def test_a_course_lists_the_raas_households_and_ends_after_it_starts(world, users):
    own = HouseholdFactory(la=world.la101)
    course = services.preparation_course_create(
        user=users.raa_manager,
        raa=world.north,
        starts=date(2023, 6, 1),
        ends=date(2023, 6, 3),
        attendees=[own],
    )
    assert list(course.attendees.all()) == [own]
    other = HouseholdFactory(la=world.la201)
    with pytest.raises(ValidationError) as refused:
        services.preparation_course_update(
            user=users.raa_manager, course=course, attendees=[own, other]
        )
    assert "attendees" in refused.value.message_dict
    assert list(course.attendees.all()) == [own]
    with pytest.raises(ValidationError) as refused:
        services.preparation_course_create(
            user=users.raa_manager, raa=world.north, starts=date(2023, 6, 3), ends=date(2023, 6, 1)
        )
    assert refused.value.message_dict["ends"] == [COURSE_ENDS_BEFORE_START]
    assert PreparationCourse.objects.count() == 1


@pytest.mark.django_db
def test_an_event_cannot_be_recorded_as_held_in_the_future(world, users):
    with pytest.raises(ValidationError) as refused:
        services.information_event_create(
            user=users.raa_manager, raa=world.north, held=date(2099, 1, 1), format="online"
        )
    assert "future" in refused.value.message_dict["held"][0]
