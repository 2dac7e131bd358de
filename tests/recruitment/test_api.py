"""The recruitment API: each role's access, and writes through the services."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from recruitment.models import InformationEvent, PreparationCourse
from tests.factories import HouseholdFactory

READERS = {"raa_manager", "family_finder", "superuser"}
PREFIXES = ("information-events", "initial-visits", "preparation-courses")


@pytest.fixture
def records(world):
    north = InformationEvent.objects.create(
        raa=world.north, held=date(2023, 5, 1), format="online", attendance=9
    )
    InformationEvent.objects.create(
        raa=world.south, held=date(2023, 5, 2), format="online", attendance=40
    )
    return north


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        "raa_manager",
        "la_manager",
        "family_finder",
        "panel_adviser",
        "support_worker",
        "board_member",
        "superuser",
    ],
)
def test_each_role_reads_the_recruitment_endpoints_or_is_refused(users, records, role):
    api = APIClient()
    api.force_authenticate(getattr(users, role))
    for prefix in PREFIXES:
        response = api.get(f"/api/v1/{prefix}/")
        assert response.status_code == (200 if role in READERS else 403), prefix
    if role in READERS:
        events = api.get("/api/v1/information-events/").json()["results"]
        held = {event["held"] for event in events}
        assert held == ({"2023-05-01", "2023-05-02"} if role == "superuser" else {"2023-05-01"})


@pytest.mark.django_db
def test_a_course_is_created_with_its_attendees_and_not_for_another_raa(world, users):
    own = HouseholdFactory(la=world.la101)
    api = APIClient()
    api.force_authenticate(users.family_finder)
    body = {
        "raa": "north",
        "starts": "2023-06-01",
        "ends": "2023-06-02",
        "attendees": [own.pk],
    }
    created = api.post("/api/v1/preparation-courses/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["attendees"] == [own.pk]
    refused = api.post("/api/v1/preparation-courses/", {**body, "raa": "south"}, format="json")
    assert refused.status_code == 403
    assert PreparationCourse.objects.count() == 1


@pytest.mark.django_db
def test_a_course_with_its_dates_the_wrong_way_round_is_a_clear_error(world, users):
    api = APIClient()
    api.force_authenticate(users.raa_manager)
    response = api.post(
        "/api/v1/preparation-courses/",
        {"raa": "north", "starts": "2023-06-02", "ends": "2023-06-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "ends" in str(response.json())


@pytest.mark.django_db
def test_the_figures_endpoint_gives_the_recruitment_figures(users, records):
    api = APIClient()
    api.force_authenticate(users.board_member)
    response = api.get("/api/v1/indicators/?scope=raa:north&period=2023-24")
    assert response.status_code == 200
    figures = response.json()["figures"]
    # North's one event of 1 May 2023, nine people; no disruption, so no share of meetings.
    assert figures["information_events"]["value"] == 1
    assert figures["event_attendance"]["value"] == 9
    assert figures["disruption_meetings"]["value"] is None
