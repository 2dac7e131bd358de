"""The RAA manager's staff-roles and audit-trail pages, which replace the admin for them
(docs/adr/0007-admin.md): their own RAA only, through role_grant and role_revoke."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from agencies.models import AuditEvent, Role, StaffRole
from agencies.services import role_grant, role_revoke
from tests.factories import ROLES, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-first-password-2026"


@pytest.fixture
def south_finder(world):
    return user_with_role(Role.FAMILY_FINDER, raa=world.south, username="south-finder")


def test_the_staff_page_lists_the_roles_of_the_managers_raa_only(
    client, world, users, south_finder
):
    client.force_login(users.raa_manager)
    html = client.get("/staff/").content.decode()
    assert users.board_member.username in html and users.la_manager.username in html
    assert "south-finder" not in html


def test_a_manager_gives_a_new_user_a_role_over_one_of_their_las(client, world, users):
    client.force_login(users.raa_manager)
    response = client.post(
        "/staff/",
        {
            "username": "new-finder",
            "role": Role.FAMILY_FINDER,
            "la": world.la102.pk,
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    role = StaffRole.objects.get(user__username="new-finder")
    assert (role.role, role.la_id, role.raa_id) == (Role.FAMILY_FINDER, world.la102.pk, None)
    assert User.objects.get(username="new-finder").check_password(PASSWORD)


def test_a_manager_cannot_give_a_role_over_another_raas_la(client, world, users):
    client.force_login(users.raa_manager)
    response = client.post(
        "/staff/",
        {"username": "x", "role": Role.FAMILY_FINDER, "la": world.la201.pk, "password": PASSWORD},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="x").exists()


def test_a_manager_cannot_take_over_another_raas_user(client, world, users, south_finder):
    client.force_login(users.raa_manager)
    response = client.post("/staff/", {"username": "south-finder", "role": Role.BOARD_MEMBER})
    assert response.status_code == 200
    assert "has a role outside your RAA" in response.content.decode()
    role = StaffRole.objects.get(user=south_finder)
    assert (role.role, role.raa_id) == (Role.FAMILY_FINDER, world.south.pk)


def test_a_manager_cannot_change_a_superusers_account(client, users):
    client.force_login(users.raa_manager)
    response = client.post("/staff/", {"username": "root", "role": Role.BOARD_MEMBER})
    assert "is an administrator" in response.content.decode()
    assert not StaffRole.objects.filter(user=users.superuser).exists()


def test_a_new_users_first_password_obeys_the_password_rules(client, users):
    client.force_login(users.raa_manager)
    response = client.post(
        "/staff/", {"username": "weak", "role": Role.BOARD_MEMBER, "password": "abc"}
    )
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()


def test_a_manager_changes_and_takes_away_roles_in_their_raa(client, world, users):
    client.force_login(users.raa_manager)
    board = users.board_member
    client.post(
        "/staff/", {"username": board.username, "role": Role.LA_MANAGER, "la": world.la103.pk}
    )
    board_role = StaffRole.objects.get(user=board)
    assert (board_role.role, board_role.la_id) == (Role.LA_MANAGER, world.la103.pk)
    assert client.post(f"/staff/{board_role.pk}/revoke/").status_code == 302
    assert not StaffRole.objects.filter(user=board).exists()


def test_a_manager_cannot_take_away_another_raas_role(client, users, south_finder):
    client.force_login(users.raa_manager)
    response = client.post(f"/staff/{south_finder.staff_role.pk}/revoke/")
    assert response.status_code == 404
    assert StaffRole.objects.filter(user=south_finder).exists()


def test_the_services_check_both_the_old_and_the_new_scope(world, users, south_finder):
    manager = users.raa_manager
    with pytest.raises(PermissionDenied):  # a role over the other RAA
        role_grant(user=manager, username="y", role=Role.RAA_MANAGER, raa=world.south)
    with pytest.raises(PermissionDenied):  # the other RAA's user brought over
        role_grant(user=manager, username="south-finder", role=Role.BOARD_MEMBER, raa=world.north)
    with pytest.raises(PermissionDenied):
        role_revoke(user=manager, staff_role=south_finder.staff_role)
    with pytest.raises(PermissionDenied):  # roles without the staff pages
        role_grant(user=users.la_manager, username="z", role=Role.BOARD_MEMBER, la=world.la101)
    assert not User.objects.filter(username__in=["y", "z"]).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_raa_managers_open_the_staff_and_audit_pages(client, users, role):
    client.force_login(getattr(users, role))
    want = 200 if role in ("raa_manager", "superuser") else 403
    assert client.get("/staff/").status_code == want
    assert client.get("/audit/").status_code == want


def test_the_audit_page_shows_the_managers_las_only(client, world, users):
    AuditEvent.objects.create(action="view", model="child", object_ids=[7001], la=world.la102)
    AuditEvent.objects.create(action="view", model="child", object_ids=[7002], la=world.la201)
    client.force_login(users.raa_manager)
    html = client.get("/audit/").content.decode()
    assert "7001" in html and "7002" not in html
