"""The admin is for superusers only (docs/adr/0007-admin.md): what an RAA manager did through it
before, across RAAs, is refused; its writes go through the same services as the pages and API."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from agencies.models import AuditEvent, LocalAuthority, Role
from journeys.models import Journey
from panels.models import AgencyDecision, QuorumRule
from support.models import FundRule
from tests.factories import ROLES, casework, user_with_role

pytestmark = pytest.mark.django_db


def test_an_raa_manager_cannot_make_their_board_member_the_other_raas_manager(client, world, users):
    client.force_login(users.raa_manager)
    board_role = users.board_member.staff_role
    client.post(
        f"/admin/agencies/staffrole/{board_role.pk}/change/",
        {"user": users.board_member.pk, "role": Role.RAA_MANAGER, "raa": world.south.pk, "la": ""},
    )
    board_role.refresh_from_db()
    assert (board_role.role, board_role.raa_id) == (Role.BOARD_MEMBER, world.north.pk)


def test_an_raa_manager_cannot_move_an_la_into_another_raa(client, world, users):
    client.force_login(users.raa_manager)
    client.post(
        f"/admin/agencies/localauthority/{world.la101.pk}/change/",
        {"code": "101", "name": "Riverside", "raa": world.south.pk, "raa_go_live": "", "hub": ""},
    )
    assert LocalAuthority.objects.get(pk=world.la101.pk).raa_id == world.north.pk


def test_an_raa_manager_cannot_change_the_national_fund_fair_access_limit(client, users):
    rule = FundRule.objects.order_by("applies_from").last() or FundRule.objects.create(
        applies_from="2024-25", fair_access_limit=Decimal(5000)
    )
    limit = rule.fair_access_limit
    client.force_login(users.raa_manager)
    client.post(
        f"/admin/support/fundrule/{rule.pk}/change/",
        {
            "applies_from": rule.applies_from,
            "fair_access_limit": "1",
            "specialist_assessment_limit": "0",
            "notes": "",
        },
    )
    rule.refresh_from_db()
    assert rule.fair_access_limit == limit


def test_an_raa_manager_cannot_add_a_quorum_rule_to_another_raa(client, world, users):
    client.force_login(users.raa_manager)
    client.post(
        "/admin/panels/quorumrule/add/",
        {"raa": world.south.pk, "min_members": "40", "min_members_joint": "40"},
    )
    assert not QuorumRule.objects.filter(raa=world.south).exists()


def test_a_raw_id_in_the_admin_does_not_show_another_raas_child(client, world, users):
    other = casework(users.superuser, world.la201, "SOUTH")
    client.force_login(users.raa_manager)
    for url in (
        f"/admin/journeys/journey/add/?child={other.child_id}",
        f"/admin/support/fundapplication/add/?child={other.child_id}",
        f"/admin/journeys/link/add/?journey={other.pk}",
    ):
        response = client.get(url)
        assert b"SOUTH-1" not in response.content, url
        assert b"Southtown" not in response.content, url


def test_every_portal_admin_page_writes_through_services():
    from agencies.admin_base import ServiceAdmin

    portal_apps = {"agencies", "journeys", "panels", "support", "indicators"}
    others = [
        type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in portal_apps and not isinstance(model_admin, ServiceAdmin)
    ]
    assert others == []


def test_no_admin_page_offers_a_raw_id_widget():
    portal_apps = {"agencies", "journeys", "panels", "support", "indicators"}
    with_raw_ids = [
        type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in portal_apps
        and model_admin.raw_id_fields
        or any(getattr(inline, "raw_id_fields", ()) for inline in model_admin.inlines)
    ]
    assert with_raw_ids == []


# The admin matrix: every admin page of every registered model, for every role.


def admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        row = model._default_manager.first()
        if row is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk]))
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_is_for_superusers_only(client, world, users, role):
    casework(users.superuser, world.la101, "NORTH")
    casework(users.superuser, world.la201, "SOUTH")
    client.force_login(getattr(users, role))
    wrong = []
    for url in admin_urls():
        response = client.get(url)
        if role == "superuser":
            # An add page the admin does not offer (records made on the pages) is a 403.
            if response.status_code not in (200, 403):
                wrong.append((url, response.status_code))
        elif response.status_code != 302 or "/admin/login/" not in response["Location"]:
            wrong.append((url, response.status_code))
        elif b"SOUTH-1" in response.content or b"NORTH-1" in response.content:
            wrong.append((url, "shows a child"))
    assert wrong == [], "\n".join(map(str, wrong))


def test_only_superusers_are_staff_after_a_role_is_granted(world):
    manager = user_with_role(Role.RAA_MANAGER, raa=world.north)
    assert not manager.is_staff


# Admin writes go through the services (issue 20).


def test_changing_an_agency_decisions_date_in_the_admin_recounts_its_working_days(
    client, world, users
):
    record = casework(users.superuser, world.la101, "N")
    decision = AgencyDecision.objects.get(item__journey=record)
    # Panel on Sunday 20 June 2021; decided Friday 25 June: 5 working days (21-25). Moved to Friday
    # 9 July 2021: 15 working days (no bank holiday between), so late.
    assert decision.working_days == 5
    client.force_login(users.superuser)
    response = client.post(
        f"/admin/panels/agencydecision/{decision.pk}/change/",
        {"decision_maker": "ADM", "decided": "2021-07-09", "agreed": "on"},
    )
    assert response.status_code == 302, response.content
    decision.refresh_from_db()
    assert (decision.decided, decision.working_days) == (date(2021, 7, 9), 15)


def test_an_agency_decision_moved_before_its_panel_in_the_admin_is_refused_with_the_reason(
    client, world, users
):
    record = casework(users.superuser, world.la101, "N")
    decision = AgencyDecision.objects.get(item__journey=record)
    client.force_login(users.superuser)
    response = client.post(
        f"/admin/panels/agencydecision/{decision.pk}/change/",
        {"decision_maker": "ADM", "decided": "2021-06-01", "agreed": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert b"cannot be before the panel meeting" in response.content
    decision.refresh_from_db()
    assert decision.decided == date(2021, 6, 25)


def test_the_journey_admin_does_not_edit_the_milestones_the_steps_derive(client, world, users):
    record = casework(users.superuser, world.la101, "N")
    before = Journey.objects.values("matched", "placed", "adoption_order").get(pk=record.pk)
    client.force_login(users.superuser)
    response = client.post(
        f"/admin/journeys/journey/{record.pk}/change/",
        {
            "entered_care": "2021-01-01",
            "adm_decision": "2021-03-01",
            "placement_order": "2021-05-01",
            "matched": "2021-07-02",
            "placed": "2021-08-02",
            "adoption_order": "2022-01-01",
            "early_permanence": "",
            "source": "manual",
            "imported_fields": "[]",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    assert Journey.objects.values("matched", "placed", "adoption_order").get(pk=record.pk) == (
        before
    )
    for name in ("matched", "placed", "adoption_order", "moved_in_with_adopters", "adopters"):
        assert name in admin.site._registry[Journey].get_readonly_fields(None), name


def test_a_journey_changed_in_the_admin_is_written_and_audited_by_its_service(client, world, users):
    record = casework(users.superuser, world.la101, "N")
    client.force_login(users.superuser)
    client.post(
        f"/admin/journeys/journey/{record.pk}/change/",
        {
            "entered_care": "2021-01-01",
            "adm_decision": "2021-02-01",
            "placement_order": "2021-05-01",
            "early_permanence": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )
    assert Journey.objects.get(pk=record.pk).adm_decision == date(2021, 2, 1)
    event = AuditEvent.objects.filter(via="admin", action="update").get()
    assert (event.model, event.object_ids, event.la_id) == ("journey", [record.pk], world.la101.pk)
