"""Every audited read carries the LAs of the records it touched, so that each RAA manager sees
every read of their children (issue 15: API, drill-down, worklist and search reads were stored
with no LA, and an RAA manager's audit trail showed none of them)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from agencies.models import AuditEvent, Role
from agencies.selectors import audit_event_list
from journeys.models import ImportRecord
from panels.models import PanelItem
from tests.factories import casework, journey, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(world):
    """A waiting child in each of LAs 101 and 102 (RAA north) and 201 (RAA south)."""
    dates = {"entered_care": date(2023, 1, 1), "adm_decision": date(2023, 2, 1)}
    return {la.code: journey(la, **dates) for la in (world.la101, world.la102, world.la201)}


def events():
    return sorted(
        AuditEvent.objects.values_list("action", "model", "via", "la__code", "object_ids"),
        key=lambda event: (event[0], event[1], event[2], event[3] or ""),
    )


def test_an_api_list_across_two_las_is_one_event_per_la(users, waiting):
    api = APIClient()
    api.force_authenticate(users.raa_manager)
    assert api.get("/api/v1/journeys/").status_code == 200
    assert events() == [
        ("list", "journey", "api", "101", [waiting["101"].pk]),
        ("list", "journey", "api", "102", [waiting["102"].pk]),
    ]


def test_an_api_detail_read_carries_its_la(users, waiting):
    api = APIClient()
    api.force_authenticate(users.family_finder)
    api.get(f"/api/v1/journeys/{waiting['102'].pk}/")
    assert events() == [("view", "journey", "api", "102", [waiting["102"].pk])]


def test_search_worklist_and_drill_down_reads_carry_their_las(client, users, waiting):
    client.force_login(users.family_finder)
    client.get("/children/")
    client.get("/children-who-wait/?scope=raa:north&on=2023-06-01")
    client.get("/dashboard/figures/A10/?scope=raa:north&period=2022-23")
    # The A10 drill-down lists no child (none adopted): an empty read, which touches no LA.
    listed = AuditEvent.objects.filter(action="list", model="journey", via="page").exclude(
        object_ids=[]
    )
    assert listed.count() == 4  # two pages, each touching LAs 101 and 102
    assert not AuditEvent.objects.filter(la__isnull=True).exclude(object_ids=[]).exists()
    for event in listed:
        code = event.la.code
        assert event.object_ids == [waiting[code].pk], (event.object_ids, code)


def test_each_raa_manager_sees_every_read_of_their_own_childrens_records(world, users, waiting):
    """A superuser reads everything through the API: north's manager sees the reads of north's
    children, south's manager those of south's, and no read is left without an LA."""
    south_manager = user_with_role(Role.RAA_MANAGER, raa=world.south)
    api = APIClient()
    api.force_authenticate(users.superuser)
    for prefix in ("children", "journeys"):
        api.get(f"/api/v1/{prefix}/")
    api.get("/api/v1/waiting-children/?scope=all&date=2023-06-01")
    reads = AuditEvent.objects.filter(action__in=["list", "view"])
    assert reads.count() > 0
    north_seen = audit_event_list(user=users.raa_manager)
    south_seen = audit_event_list(user=south_manager)
    assert north_seen.count() + south_seen.count() == reads.count()
    north_ids = {pk for event in north_seen.filter(model="journey") for pk in event.object_ids}
    assert north_ids == {waiting["101"].pk, waiting["102"].pk}
    south_ids = {pk for event in south_seen.filter(model="journey") for pk in event.object_ids}
    assert south_ids == {waiting["201"].pk}


def test_admin_list_pages_are_audited_per_la(client, world, users, waiting):
    client.force_login(users.superuser)
    client.get("/admin/journeys/journey/")
    assert events() == [
        ("list", "journey", "admin", code, [waiting[code].pk]) for code in ("101", "102", "201")
    ]


def test_reading_import_records_is_audited(client, world, users):
    record = ImportRecord.objects.create(la=world.la101, year="2022-23", status="succeeded")
    client.force_login(users.la_manager)
    client.get(f"/imports/{record.pk}/")
    api = APIClient()
    api.force_authenticate(users.la_manager)
    api.get("/api/v1/imports/")
    assert events() == [
        ("list", "importrecord", "api", "101", [record.pk]),
        ("view", "importrecord", "page", "101", [record.pk]),
    ]


def test_a_panel_meetings_children_are_audited_under_their_las(client, world, users):
    placed = casework(users.superuser, world.la101, "N")
    item = PanelItem.objects.get(journey=placed)
    AuditEvent.objects.all().delete()
    client.force_login(users.panel_adviser)
    client.get(f"/panels/meetings/{item.meeting_id}/")
    assert events() == [("list", "journey", "page", "101", [placed.pk])]
