"""A panel adviser puts a child's match on a meeting's agenda, on the page and through the API
(issue 17: the child list was empty and the API answered 403)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from panels.models import Meeting, Panel, PanelItem
from tests.factories import ChildFactory, HouseholdFactory, JourneyFactory


@pytest.fixture
def agenda(world):
    meeting = Meeting.objects.create(
        panel=Panel.objects.create(raa=world.north, name="North panel"), date=date(2026, 5, 7)
    )
    return {
        "meeting": meeting,
        "journey": JourneyFactory(child=ChildFactory(la=world.la102, la_child_id="MATCH-ME")),
        "adopted": JourneyFactory(
            child=ChildFactory(la=world.la101, la_child_id="ADOPTED"),
            adoption_order=date(2025, 1, 1),
        ),
        "south": JourneyFactory(child=ChildFactory(la=world.la201, la_child_id="SOUTH-CHILD")),
        "household": HouseholdFactory(la=world.la101, reference="NORTH-H"),
    }


@pytest.mark.django_db
def test_the_panel_adviser_is_offered_the_raas_waiting_children(client, users, agenda):
    client.force_login(users.panel_adviser)
    html = client.get(f"/panels/meetings/{agenda['meeting'].pk}/").content.decode()
    assert "MATCH-ME" in html
    assert "ADOPTED" not in html and "SOUTH-CHILD" not in html


@pytest.mark.django_db
def test_the_panel_adviser_adds_a_match_item_on_the_page(client, users, agenda):
    client.force_login(users.panel_adviser)
    response = client.post(
        f"/panels/meetings/{agenda['meeting'].pk}/",
        {
            "form": "item",
            "item-business_type": "match",
            "item-journey": agenda["journey"].pk,
            "item-household": agenda["household"].pk,
        },
    )
    assert response.status_code == 302
    item = PanelItem.objects.get(meeting=agenda["meeting"])
    assert (item.journey, item.household) == (agenda["journey"], agenda["household"])


@pytest.mark.django_db
def test_the_panel_adviser_adds_a_match_item_through_the_api(users, agenda):
    api = APIClient()
    api.force_authenticate(users.panel_adviser)
    response = api.post(
        "/api/v1/panel-items/",
        {
            "meeting": agenda["meeting"].pk,
            "business_type": "match",
            "journey": agenda["journey"].pk,
            "household": agenda["household"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["journey"] == agenda["journey"].pk


@pytest.mark.django_db
def test_another_raas_child_is_not_offered_through_the_api(users, agenda):
    api = APIClient()
    api.force_authenticate(users.panel_adviser)
    response = api.post(
        "/api/v1/panel-items/",
        {"meeting": agenda["meeting"].pk, "business_type": "match", "journey": agenda["south"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["journey"]
