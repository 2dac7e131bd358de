"""The recruitment page: the RAA's records, and GOV.UK forms that write through the services."""

from datetime import date

import pytest

from recruitment.models import InformationEvent, InitialVisit, PreparationCourse
from tests.factories import HouseholdFactory


@pytest.mark.django_db
def test_a_family_finder_records_an_event_from_the_page(client, world, users):
    client.force_login(users.family_finder)
    response = client.post(
        "/recruitment/",
        {
            "form": "event",
            "event-held_day": "12",
            "event-held_month": "5",
            "event-held_year": "2023",
            "event-format": "in_person",
            "event-title": "Spring evening",
            "event-attendance": "21",
        },
    )
    assert response.status_code == 302
    event = InformationEvent.objects.get()
    assert (event.raa, event.held, event.attendance) == (world.north, date(2023, 5, 12), 21)
    page = client.get("/recruitment/").content.decode()
    assert "Spring evening" in page and "12 May 2023" in page


@pytest.mark.django_db
def test_a_bad_date_is_shown_in_the_error_summary(client, world, users):
    client.force_login(users.raa_manager)
    response = client.post(
        "/recruitment/",
        {
            "form": "course",
            "course-starts_day": "31",
            "course-starts_month": "2",
            "course-starts_year": "2023",
            "course-ends_day": "1",
            "course-ends_month": "3",
            "course-ends_year": "2023",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "First day of the course" in page
    assert PreparationCourse.objects.count() == 0


@pytest.mark.django_db
def test_a_visit_offers_only_the_raas_households(client, world, users):
    own = HouseholdFactory(la=world.la101, reference="OWN-1")
    HouseholdFactory(la=world.la201, reference="SOUTH-1")
    client.force_login(users.family_finder)
    page = client.get("/recruitment/").content.decode()
    assert "OWN-1" in page and "SOUTH-1" not in page
    response = client.post(
        "/recruitment/",
        {
            "form": "visit",
            "visit-household": own.pk,
            "visit-visited_day": "3",
            "visit-visited_month": "4",
            "visit-visited_year": "2023",
        },
    )
    assert response.status_code == 302
    assert InitialVisit.objects.get().household == own


@pytest.mark.django_db
def test_roles_outside_recruitment_are_refused(client, users):
    for user in (users.la_manager, users.panel_adviser, users.support_worker, users.board_member):
        client.force_login(user)
        assert client.get("/recruitment/").status_code == 403
        assert client.post("/recruitment/", {"form": "event"}).status_code == 403
