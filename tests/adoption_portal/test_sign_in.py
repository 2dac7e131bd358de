"""Signing in through the project's sign-in page: the error summary, lock-out and sign-out."""

import pytest
from django.test import Client


@pytest.mark.django_db
class TestSignIn:
    def test_a_wrong_password_shows_the_error_summary(self, client, users):
        response = client.post(
            "/sign-in/", {"username": users.raa_manager.username, "password": "no"}
        )
        assert response.status_code == 200
        assert b"govuk-error-summary" in response.content
        assert b"Please enter a correct username and password" in response.content

    def test_the_account_locks_after_repeated_failures_even_for_the_right_password(
        self, settings, users
    ):
        users.raa_manager.set_password("right-password-2026")
        users.raa_manager.save()
        username = users.raa_manager.username
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = Client().post("/sign-in/", {"username": username, "password": "wrong"})
            assert response.status_code == 200
        locked = Client().post("/sign-in/", {"username": username, "password": "wrong"})
        assert locked.status_code == 429
        assert b"Your account is locked" in locked.content
        # From another browser, with the right password: still locked.
        other = Client(HTTP_USER_AGENT="another browser", REMOTE_ADDR="10.0.0.9")
        retry = other.post("/sign-in/", {"username": username, "password": "right-password-2026"})
        assert retry.status_code == 429
        # Another account is not affected.
        users.family_finder.set_password("right-password-2026")
        users.family_finder.save()
        fine = other.post(
            "/sign-in/",
            {"username": users.family_finder.username, "password": "right-password-2026"},
        )
        assert fine.status_code == 302

    def test_sign_out_ends_the_session(self, client, users):
        client.force_login(users.raa_manager)
        assert client.post("/sign-out/").status_code == 302
        assert client.get("/dashboard/").status_code == 302
