"""Sign-in: two-factor (TOTP) required for RAA managers and optional for others, strong
passwords, idle session expiry and API token revocation."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from agencies.two_factor import CANNOT_TURN_OFF, NEEDS_SECOND_FACTOR, WRONG_CODE

pytestmark = pytest.mark.django_db


def password_sign_in(user) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": user.username, "password": "x"})
    assert response.status_code == 302
    return client


def code_for(device) -> str:
    return f"{totp(device.bin_key):06d}"


def test_an_raa_manager_with_only_a_password_reaches_nothing_but_the_two_factor_page(users):
    client = password_sign_in(users.raa_manager)
    for url in ("/", "/children/", "/dashboard/", "/account/", "/admin/"):
        assert client.get(url).url == f"/two-factor/?next={url}", url
    api = client.get("/api/v1/journeys/")
    assert api.status_code == 403 and api.json()["detail"] == NEEDS_SECOND_FACTOR
    page = client.get("/two-factor/").content.decode()
    assert "Set up two-factor sign-in" in page and "<svg" in page


def test_a_right_code_confirms_the_app_and_a_wrong_one_is_refused(users):
    client = password_sign_in(users.raa_manager)
    client.get("/two-factor/")
    device = TOTPDevice.objects.get(user=users.raa_manager, confirmed=False)
    wrong = client.post("/two-factor/", {"code": "123456" if code_for(device) != "123456" else "1"})
    assert WRONG_CODE in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_timestamp = None  # skip the 1 s wait after a wrong code
    device.save()
    right = client.post(
        "/two-factor/?next=/children/", {"code": code_for(device), "next": "/children/"}
    )
    assert right.url == "/children/"
    assert client.get("/children/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    # The next sign-in asks for a code, with no set-up.
    again = password_sign_in(users.raa_manager)
    assert "Enter your code" in again.get("/two-factor/").content.decode()


def test_after_a_wrong_code_the_next_try_waits(users):
    client = password_sign_in(users.raa_manager)
    client.get("/two-factor/")
    device = TOTPDevice.objects.get(user=users.raa_manager)
    client.post("/two-factor/", {"code": "000000" if code_for(device) != "000000" else "1"})
    refused = client.post("/two-factor/", {"code": code_for(device)})
    assert "Too many wrong codes: wait 1 second," in refused.content.decode()


def test_the_next_address_never_leads_off_the_portal(users):
    client = password_sign_in(users.raa_manager)
    client.get("/two-factor/")
    device = TOTPDevice.objects.get(user=users.raa_manager)
    response = client.post(
        "/two-factor/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_two_factor_is_optional_for_a_family_finder_and_then_asked_at_every_sign_in(users):
    client = password_sign_in(users.family_finder)
    assert client.get("/children/").status_code == 200
    client.get("/two-factor/")
    device = TOTPDevice.objects.get(user=users.family_finder)
    client.post("/two-factor/", {"code": code_for(device)})
    assert b"On: after your password" in client.get("/account/").content

    again = password_sign_in(users.family_finder)
    assert again.get("/children/").url == "/two-factor/?next=/children/"
    client.post("/account/two-factor/off/")
    assert not TOTPDevice.objects.filter(user=users.family_finder).exists()
    assert again.get("/children/").status_code == 200


def test_an_raa_manager_cannot_turn_two_factor_off(client, users):
    client.force_login(users.raa_manager)
    response = client.post("/account/two-factor/off/")
    assert response.status_code == 403 and CANNOT_TURN_OFF in response.content.decode()
    assert TOTPDevice.objects.filter(user=users.raa_manager).exists()


@pytest.mark.parametrize(
    "password, reason",
    [
        ("short-pw1", "too short. It must contain at least 12 characters"),
        ("123456789012345", "entirely numeric"),
        ("password123456", "too common"),
    ],
)
def test_a_weak_new_password_is_refused_with_the_reason(client, users, password, reason):
    client.force_login(users.family_finder)
    response = client.post(
        "/account/password/",
        {"old_password": "x", "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200 and reason in response.content.decode()
    users.family_finder.refresh_from_db()
    assert users.family_finder.check_password("x")


def test_a_strong_new_password_is_accepted(client, users):
    client.force_login(users.family_finder)
    new = "correct horse battery staple"
    response = client.post(
        "/account/password/", {"old_password": "x", "new_password1": new, "new_password2": new}
    )
    assert response.url == "/account/password/changed/"
    users.family_finder.refresh_from_db()
    assert users.family_finder.check_password(new)


def test_a_session_ends_after_thirty_idle_minutes_or_when_the_browser_closes(users):
    client = password_sign_in(users.family_finder)
    asked = timezone.now()
    response = client.get("/children/")
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and not cookie["max-age"] and not cookie["expires"]
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date >= asked + timedelta(minutes=30)
    # Each request moves the expiry on; 31 idle minutes end the session.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(minutes=1))
    assert client.get("/children/").url == "/sign-in/?next=/children/"


def test_a_revoked_token_no_longer_reaches_the_api(client, users):
    client.force_login(users.raa_manager)
    key = client.post("/account/token/").context["new_key"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/journeys/").status_code == 200
    client.post("/account/token/revoke/")
    assert api.get("/api/v1/journeys/").status_code == 401
