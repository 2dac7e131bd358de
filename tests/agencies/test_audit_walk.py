"""A walk through the main journeys of the portal — a family finder's pages, another system's
API calls, a manager's downloads, a support worker's and a panel adviser's pages — checking the
audit trail after each step: who, what, which records and by which route."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from agencies.models import AuditEvent
from journeys.models import Journey
from panels.models import PanelItem
from support.models import SupportReferral
from tests.factories import casework, journey

pytestmark = pytest.mark.django_db


class Trail:
    """The audit events written since the last look."""

    def __init__(self):
        self.mark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def new(self) -> list[tuple]:
        events = list(
            AuditEvent.objects.filter(pk__gt=self.mark)
            .order_by("pk")
            .values_list("pk", "user__username", "action", "model", "via", "object_ids")
        )
        if events:
            self.mark = events[-1][0]
        return [event[1:] for event in events]


@pytest.fixture
def records(world, users):
    placed = casework(users.superuser, world.la101, "N")
    waiting = journey(
        world.la101, entered_care=date(2023, 1, 1), placement_order=None, adm_decision=None
    )
    return placed, waiting


def test_a_family_finders_pages_are_audited(client, users, records):
    placed, waiting = records
    finder = users.family_finder.username
    client.force_login(users.family_finder)
    trail = Trail()

    client.get("/children/?q=N-1")
    assert trail.new() == [(finder, "list", "journey", "page", [placed.pk])]
    client.get(f"/journeys/{waiting.pk}/")
    assert trail.new() == [(finder, "view", "journey", "page", [waiting.pk])]
    response = client.post(f"/journeys/{waiting.pk}/decision/", {"decided": "2023-03-01"})
    assert response.status_code == 302
    assert trail.new() == [
        (finder, "view", "journey", "page", [waiting.pk]),
        (finder, "update", "journey", "page", [waiting.pk]),
    ]
    # The casework child's placement disrupted: both children wait.
    both = sorted([placed.pk, waiting.pk])
    client.get("/children-who-wait/?scope=raa:north&on=2023-06-01")
    assert trail.new() == [(finder, "list", "journey", "page", both)]
    client.get("/children-who-wait/?scope=raa:north&on=2023-06-01&format=csv")
    assert trail.new() == [(finder, "list", "journey", "csv", both)]
    client.get("/dashboard/figures/A10/?scope=raa:north&period=2021-22")
    (event,) = trail.new()
    assert event[:4] == (finder, "list", "journey", "page")


def test_api_reads_and_writes_are_audited(users, records):
    placed, waiting = records
    manager = users.raa_manager.username
    api = APIClient()
    api.force_authenticate(users.raa_manager)
    trail = Trail()

    listed = api.get("/api/v1/journeys/?la=101&ordering=entered_care").json()["results"]
    assert trail.new() == [(manager, "list", "journey", "api", [placed.pk, waiting.pk])]
    api.get(f"/api/v1/children/{placed.child_id}/")
    assert trail.new() == [(manager, "view", "child", "api", [placed.child_id])]
    api.patch(f"/api/v1/journeys/{waiting.pk}/", {"adm_decision": "2023-02-01"}, format="json")
    assert trail.new() == [(manager, "update", "journey", "api", [waiting.pk])]
    api.get("/api/v1/placements/?la=101")
    assert trail.new() == [
        (manager, "list", "placement", "api", [p.pk for p in placed.placements.all()])
    ]
    api.get("/api/v1/waiting-children/?scope=la:101&date=2023-06-01")
    assert trail.new() == [(manager, "list", "journey", "api", sorted([placed.pk, waiting.pk]))]
    api.get("/api/v1/support-referrals/")
    (event,) = trail.new()
    assert event[:4] == (manager, "list", "supportreferral", "api")
    assert len(listed) == 2
    # Figures and agencies are not child-level: no events.
    api.get("/api/v1/indicators/?scope=raa:north&period=2022-23")
    api.get("/api/v1/local-authorities/")
    assert trail.new() == []


def test_the_admin_support_and_panel_pages_are_audited(client, users, records):
    placed, _ = records
    trail = Trail()
    client.force_login(users.superuser)
    client.get(f"/admin/journeys/child/{placed.child_id}/change/")
    assert trail.new() == [(users.superuser.username, "view", "child", "admin", [placed.child_id])]

    referral = SupportReferral.objects.get(child=placed.child)
    client.force_login(users.support_worker)
    worker = users.support_worker.username
    client.get("/support/")
    assert trail.new() == [(worker, "list", "supportreferral", "page", [referral.pk])]
    client.get(f"/support/referrals/{referral.pk}/")
    assert trail.new() == [(worker, "view", "supportreferral", "page", [referral.pk])]

    item = PanelItem.objects.get(journey=placed)
    client.force_login(users.panel_adviser)
    client.get(f"/panels/meetings/{item.meeting_id}/")
    assert trail.new() == [(users.panel_adviser.username, "list", "journey", "page", [placed.pk])]


def test_an_audit_event_names_records_and_never_their_content(client, users, records):
    placed, _ = records
    client.force_login(users.family_finder)
    client.get(f"/journeys/{placed.pk}/")
    event = AuditEvent.objects.latest("pk")
    stored = " ".join(
        str(value) for value in AuditEvent.objects.filter(pk=event.pk).values()[0].values()
    )
    assert placed.child.la_child_id not in stored
    assert Journey.objects.filter(pk__in=event.object_ids).count() == 1
