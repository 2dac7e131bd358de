"""journey_step_record: a step recorded for a child and the siblings chosen with it, all or none,
whichever interface asks (the page, or the API)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from journeys import services
from journeys.models import Journey, SiblingGroup
from tests.factories import ChildFactory, journey


@pytest.fixture
def brothers(world):
    group = SiblingGroup.objects.create(la=world.la101, reference="SG1")
    return [
        journey(
            world.la101,
            child=ChildFactory(la=world.la101, la_child_id=name, sibling_group=group),
            entered_care=date(2024, 1, 1),
            placement_order=placement_order,
        )
        for name, placement_order in (("OLDER", date(2024, 6, 1)), ("YOUNGER", date(2024, 9, 1)))
    ]


def decide(decided):
    return lambda user, each: services.decision_record(user=user, journey=each, decided=decided)


@pytest.mark.django_db
class TestJourneyStepRecord:
    def test_the_step_is_recorded_for_every_sibling(self, users, brothers):
        older, younger = brothers
        count = services.journey_step_record(
            user=users.family_finder,
            record=decide(date(2024, 3, 1)),
            journey=older,
            siblings=[younger],
        )
        assert count == 2
        assert set(Journey.objects.values_list("adm_decision", flat=True)) == {date(2024, 3, 1)}

    def test_a_refusal_for_one_sibling_leaves_every_journey_unchanged(self, users, brothers):
        older, younger = brothers
        younger.entered_care = date(2024, 8, 1)
        younger.save()
        refusals = []
        with pytest.raises(ValidationError):
            services.journey_step_record(
                user=users.family_finder,
                record=lambda user, each: services.placement_order_record(
                    user=user, journey=each, granted=date(2024, 7, 1)
                ),
                journey=older,
                siblings=[younger],
                on_refusal=lambda each, error: refusals.append(each.child.la_child_id),
            )
        assert refusals == ["YOUNGER"]
        assert sorted(Journey.objects.values_list("placement_order", flat=True)) == [
            date(2024, 6, 1),
            date(2024, 9, 1),
        ]

    def test_a_journey_outside_the_sibling_group_is_refused(self, world, users, brothers):
        older, _ = brothers
        stranger = journey(world.la101, entered_care=date(2024, 1, 1))
        with pytest.raises(ValidationError) as refusal:
            services.journey_step_record(
                user=users.family_finder,
                record=decide(date(2024, 3, 1)),
                journey=older,
                siblings=[stranger],
            )
        assert "siblings" in refusal.value.message_dict
        assert not Journey.objects.filter(adm_decision__isnull=False).exists()


def api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
class TestStepApi:
    def test_the_api_records_a_step_for_the_siblings_too(self, users, brothers):
        older, younger = brothers
        response = api(users.family_finder).post(
            f"/api/v1/journeys/{older.pk}/steps/decision/",
            {"decided": "2024-03-01", "siblings": [younger.pk]},
            format="json",
        )
        assert response.status_code == 200, response.json()
        assert sorted(j["id"] for j in response.json()) == sorted([older.pk, younger.pk])
        assert set(Journey.objects.values_list("adm_decision", flat=True)) == {date(2024, 3, 1)}

    def test_a_refusal_for_a_sibling_is_json_and_changes_nothing(self, users, brothers):
        older, younger = brothers
        younger.entered_care = date(2024, 8, 1)
        younger.save()
        response = api(users.family_finder).post(
            f"/api/v1/journeys/{older.pk}/steps/placement-order/",
            {"granted": "2024-07-01", "siblings": [younger.pk]},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
        assert sorted(Journey.objects.values_list("placement_order", flat=True)) == [
            date(2024, 6, 1),
            date(2024, 9, 1),
        ]

    def test_an_la_manager_records_nothing_and_an_unknown_step_is_not_found(self, users, brothers):
        older, _ = brothers
        client = api(users.la_manager)
        refused = client.post(
            f"/api/v1/journeys/{older.pk}/steps/decision/", {"decided": "2024-03-01"}, format="json"
        )
        assert refused.status_code == 403
        assert not Journey.objects.filter(adm_decision__isnull=False).exists()
        missing = api(users.family_finder).post(
            f"/api/v1/journeys/{older.pk}/steps/nonsense/", {}, format="json"
        )
        assert missing.status_code == 404
