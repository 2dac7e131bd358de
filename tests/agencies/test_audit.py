"""The audit trail: who read or changed which child-level record, identifiers only."""

from datetime import date

import pytest

from agencies.models import AuditEvent
from journeys import services
from journeys.selectors import child_get, journey_get
from tests.factories import ChildFactory, journey


@pytest.mark.django_db
class TestAudit:
    def test_reading_a_child_or_journey_is_audited(self, world, users):
        child = ChildFactory(la=world.la101)
        record = journey(world.la101, child=child, entered_care=date(2022, 1, 1))
        child_get(user=users.family_finder, pk=child.pk)
        journey_get(user=users.la_manager, pk=record.pk, via="api")
        events = list(
            AuditEvent.objects.order_by("at", "pk").values_list(
                "user__username", "action", "model", "object_ids", "la__code", "via"
            )
        )
        assert events == [
            (users.family_finder.username, "view", "child", [child.pk], "101", "page"),
            (users.la_manager.username, "view", "journey", [record.pk], "101", "api"),
        ]

    def test_changes_through_services_are_audited(self, world, users):
        child = services.child_create(
            user=users.family_finder,
            la=world.la101,
            la_child_id="A1",
            sex="1",
            date_of_birth=date(2021, 1, 1),
            ethnicity="WBRI",
        )
        record = services.journey_create(
            user=users.family_finder, child=child, entered_care=date(2022, 1, 1)
        )
        services.decision_record(user=users.family_finder, journey=record, decided=date(2022, 3, 1))
        actions = list(AuditEvent.objects.order_by("pk").values_list("action", "model"))
        assert actions == [("create", "child"), ("create", "journey"), ("update", "journey")]

    def test_an_audit_event_holds_identifiers_and_never_content(self, world, users):
        child = ChildFactory(la=world.la101, first_name="Jamie", last_name="Example")
        child_get(user=users.raa_manager, pk=child.pk)
        event = AuditEvent.objects.get()
        stored = " ".join(str(getattr(event, f.attname)) for f in AuditEvent._meta.fields)
        assert "Jamie" not in stored and "Example" not in stored
        assert child.la_child_id not in stored

    def test_a_record_outside_the_users_la_is_not_found_and_not_audited(self, world, users):
        from django.http import Http404

        child = ChildFactory(la=world.la102)
        with pytest.raises(Http404):
            child_get(user=users.la_manager, pk=child.pk)
        assert not AuditEvent.objects.exists()

    def test_admin_change_page_of_a_child_is_audited(self, client, world, users):
        own = ChildFactory(la=world.la101)
        client.force_login(users.superuser)
        assert client.get(f"/admin/journeys/child/{own.pk}/change/").status_code == 200
        event = AuditEvent.objects.get(model="child", action="view", via="admin")
        assert (event.object_ids, event.la_id) == ([own.pk], world.la101.pk)

    def test_only_superusers_reach_the_admin(self, client, users):
        for role in ("raa_manager", "la_manager", "family_finder", "board_member"):
            client.force_login(getattr(users, role))
            assert client.get("/admin/journeys/child/").status_code == 302, role
