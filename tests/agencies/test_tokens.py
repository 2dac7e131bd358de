"""API tokens expire, are revoked with a new password, a lock-out or a new role, and the tokens
of roles that must use two factors need the second factor."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.models import Role
from agencies.services import role_grant
from agencies.tokens import TOKEN_EXPIRED, TOKEN_NEEDS_SECOND_FACTOR

pytestmark = pytest.mark.django_db


def token_client(user, created=None) -> tuple[APIClient, Token]:
    token = Token.objects.create(user=user)
    if created is not None:
        Token.objects.filter(pk=token.pk).update(created=created)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client, token


def test_a_token_older_than_its_lifetime_is_refused_and_deleted(world, users, settings):
    settings.API_TOKEN_DAYS = 30
    fresh, _ = token_client(users.family_finder, timezone.now() - timedelta(days=29))
    assert fresh.get("/api/v1/children/").status_code == 200
    Token.objects.all().delete()
    old, _ = token_client(users.family_finder, timezone.now() - timedelta(days=31))
    response = old.get("/api/v1/children/")
    assert response.status_code == 401
    assert response.json()["detail"] == TOKEN_EXPIRED
    assert not Token.objects.filter(user=users.family_finder).exists()


def test_a_two_factor_roles_token_lives_for_hours(world, users, settings):
    settings.API_TOKEN_TWO_FACTOR_HOURS = 12
    TOTPDevice.objects.create(user=users.raa_manager, confirmed=True, name="app")
    client, _ = token_client(users.raa_manager, timezone.now() - timedelta(hours=11))
    assert client.get("/api/v1/children/").status_code == 200
    Token.objects.all().delete()
    client, _ = token_client(users.raa_manager, timezone.now() - timedelta(hours=13))
    assert client.get("/api/v1/children/").status_code == 401


def test_a_two_factor_roles_token_is_refused_without_a_confirmed_app(world, users):
    client, _ = token_client(users.raa_manager)
    response = client.get("/api/v1/children/")
    assert response.status_code == 401
    assert response.json()["detail"] == TOKEN_NEEDS_SECOND_FACTOR


def test_a_new_password_revokes_the_token(world, users):
    client, _ = token_client(users.family_finder)
    assert client.get("/api/v1/children/").status_code == 200
    web = Client()
    web.force_login(users.family_finder)
    new = "a much longer passphrase 2026"
    response = web.post(
        "/account/password/",
        {"old_password": "x", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302, response.content
    assert client.get("/api/v1/children/").status_code == 401


def test_saving_the_user_without_a_new_password_keeps_the_token(world, users):
    client, _ = token_client(users.family_finder)
    users.family_finder.first_name = "Sam"
    users.family_finder.save()
    assert client.get("/api/v1/children/").status_code == 200


def test_a_locked_out_account_loses_its_token(world, users, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client, _ = token_client(users.family_finder)
    web = Client()
    for _ in range(3):
        web.post("/sign-in/", {"username": users.family_finder.username, "password": "wrong"})
    assert client.get("/api/v1/children/").status_code == 401


def test_a_new_role_revokes_the_token_made_under_the_old_one(world, users):
    client, _ = token_client(users.board_member)
    assert client.get("/api/v1/raas/").status_code == 200
    role_grant(username=users.board_member.username, role=Role.FAMILY_FINDER, raa=world.south)
    assert client.get("/api/v1/children/").status_code == 401
