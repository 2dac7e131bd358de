"""The disruption-learning step of a child's journey: the meeting, its chair, the report and the
learning, recorded on the latest disruption through disruption_update."""

from datetime import date

import pytest

from journeys.casework import NO_DISRUPTION
from journeys.models import Disruption, Placement
from tests.factories import journey


@pytest.fixture
def disrupted(world):
    """An LA 101 child whose placement of 1 July 2024 ended on 1 Nov 2024, recorded bare."""
    record = journey(
        world.la101,
        entered_care=date(2024, 1, 1),
        placements=[(date(2024, 7, 1), None, date(2024, 11, 1), Placement.EndReason.DISRUPTION)],
    )
    Disruption.objects.create(placement=record.placements.get(), reason="Needs not met")
    return record


@pytest.mark.django_db
def test_the_learning_is_recorded_on_the_disruption(client, users, disrupted):
    client.force_login(users.family_finder)
    form = client.get(f"/journeys/{disrupted.pk}/disruption-learning/")
    assert "Date the disruption report was received" in form.content.decode()
    response = client.post(
        f"/journeys/{disrupted.pk}/disruption-learning/",
        {
            "meeting": "2024-11-20",
            "chair": "Head of service, another LA",
            "chair_independent": "on",
            "report_received": "2024-12-10",
            "learning": "Share the full history before introductions.",
        },
    )
    assert response.status_code == 302
    disruption = Disruption.objects.get()
    assert disruption.meeting == date(2024, 11, 20) and disruption.chair_independent
    assert disruption.report_received == date(2024, 12, 10)
    assert disruption.reason == "Needs not met"  # what the step does not show stays
    # Opened again, the form shows what is recorded.
    again = client.get(f"/journeys/{disrupted.pk}/disruption-learning/").content.decode()
    assert "Share the full history before introductions." in again


@pytest.mark.django_db
def test_without_a_disruption_the_step_says_to_record_it_first(client, users, world):
    record = journey(world.la101, entered_care=date(2024, 1, 1))
    client.force_login(users.family_finder)
    response = client.post(
        f"/journeys/{record.pk}/disruption-learning/", {"learning": "Nothing to learn yet."}
    )
    assert response.status_code == 200
    assert NO_DISRUPTION in response.content.decode()


@pytest.mark.django_db
def test_the_api_gives_the_report_date(users, disrupted):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users.family_finder)
    pk = Disruption.objects.get().pk
    response = api.patch(
        f"/api/v1/disruptions/{pk}/", {"report_received": "2024-12-01"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["report_received"] == "2024-12-01"


@pytest.mark.django_db
def test_a_household_says_which_kind_of_early_permanence_only_if_it_offers_it(users, world):
    from django.core.exceptions import ValidationError

    from journeys import services
    from journeys.models import EARLY_PERMANENCE_KIND_WITHOUT_OFFER
    from tests.factories import HouseholdFactory

    household = HouseholdFactory(la=world.la101)
    with pytest.raises(ValidationError) as refused:
        services.household_update(
            user=users.family_finder, household=household, offers_concurrent_planning=True
        )
    assert refused.value.message_dict["early_permanence"] == [EARLY_PERMANENCE_KIND_WITHOUT_OFFER]
    services.household_update(
        user=users.family_finder,
        household=household,
        early_permanence=True,
        offers_concurrent_planning=True,
    )
    household.refresh_from_db()
    assert household.offers_concurrent_planning and not household.offers_fostering_for_adoption
