"""The panel API's decision actions: papers received and deferral of an item, and agency
decisions whose change or deletion undoes what they recorded; each role's access."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from panels.models import AgencyDecision, Meeting, Panel, PanelItem
from tests.factories import HouseholdFactory

WRITERS = ("raa_manager", "panel_adviser", "superuser")
READERS_ONLY = ("family_finder",)
NO_PANELS = ("la_manager", "support_worker", "board_member")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def item(world):
    panel = Panel.objects.create(raa=world.north, name="North panel")
    Meeting.objects.create(panel=panel, date=date(2026, 6, 4))
    return PanelItem.objects.create(
        meeting=Meeting.objects.create(panel=panel, date=date(2026, 5, 7)),
        business_type="adopter_approval",
        household=HouseholdFactory(la=world.la101, registration=date(2025, 7, 1)),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", WRITERS + READERS_ONLY + NO_PANELS)
def test_papers_received_for_each_role(users, item, role):
    response = api(getattr(users, role)).post(
        f"/api/v1/panel-items/{item.pk}/papers/", {"received": "2026-04-27"}, format="json"
    )
    # A family finder reads panels but does not write them; the others read no panels at all.
    assert response.status_code == (200 if role in WRITERS else 403)
    item.refresh_from_db()
    assert (item.papers_received == date(2026, 4, 27)) == (role in WRITERS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", WRITERS + READERS_ONLY)
def test_deferral_for_each_role(users, item, role):
    later = Meeting.objects.get(date=date(2026, 6, 4))
    response = api(getattr(users, role)).post(
        f"/api/v1/panel-items/{item.pk}/defer/",
        {"to_meeting": later.pk, "reason": "Medical report due"},
        format="json",
    )
    assert response.status_code == (201 if role in WRITERS else 403)
    if role in WRITERS:
        assert response.json()["meeting"] == later.pk
        item.refresh_from_db()
        assert item.deferred_to == later


@pytest.mark.django_db
def test_a_deferral_without_a_reason_names_the_field(users, item):
    later = Meeting.objects.get(date=date(2026, 6, 4))
    response = api(users.panel_adviser).post(
        f"/api/v1/panel-items/{item.pk}/defer/", {"to_meeting": later.pk}, format="json"
    )
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["reason"]


@pytest.mark.django_db
def test_a_decision_made_changed_and_deleted_through_the_api_moves_the_approval(users, item):
    item.recommendation = "recommended"
    item.save()
    client = api(users.panel_adviser)
    response = client.post(
        "/api/v1/agency-decisions/",
        {"item": item.pk, "decision_maker": "ADM", "decided": "2026-05-12"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["approves"], body["agreed"], body["effect"]) == (True, True, "approval")
    item.household.refresh_from_db()
    assert item.household.approved == date(2026, 5, 12)
    refused = client.patch(
        f"/api/v1/agency-decisions/{body['id']}/", {"approves": False}, format="json"
    )
    assert refused.status_code == 400
    assert [error["field"] for error in refused.json()["errors"]] == ["reason"]
    changed = client.patch(
        f"/api/v1/agency-decisions/{body['id']}/",
        {"approves": False, "reason": "References withdrawn"},
        format="json",
    )
    assert changed.status_code == 200
    assert (changed.json()["agreed"], changed.json()["effect"]) == (False, "")
    item.household.refresh_from_db()
    assert item.household.approved is None
    assert client.delete(f"/api/v1/agency-decisions/{body['id']}/").status_code == 204
    assert not AgencyDecision.objects.exists()


@pytest.mark.django_db
def test_a_family_finder_cannot_delete_a_decision(users, item):
    item.recommendation = "recommended"
    item.save()
    decision = AgencyDecision.objects.create(
        item=item, decision_maker="ADM", decided=date(2026, 5, 12), working_days=3
    )
    assert (
        api(users.family_finder).delete(f"/api/v1/agency-decisions/{decision.pk}/").status_code
        == 403
    )
    assert AgencyDecision.objects.filter(pk=decision.pk).exists()
