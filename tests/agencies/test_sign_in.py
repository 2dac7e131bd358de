"""Password spraying from one address, with a new username and user agent each time, locks the
address; a few failures from it do not."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def sign_in(username: str, password: str, agent: str):
    return Client(HTTP_USER_AGENT=agent).post(
        "/sign-in/", {"username": username, "password": password}
    )


def test_spraying_with_rotating_user_agents_locks_the_address(users, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 6
    for n in range(6):
        sign_in(f"guess-{n}", "Winter2026!", f"agent {n}")
    # The right password of a real user, from a new user agent: refused while the address is
    # locked.
    response = sign_in(users.family_finder.username, "x", "yet another agent")
    assert response.status_code != 302


def test_fewer_failures_than_the_address_limit_leave_others_signing_in(users, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 6
    for n in range(5):
        sign_in(f"guess-{n}", "Winter2026!", f"agent {n}")
    assert sign_in(users.family_finder.username, "x", "a colleague's browser").status_code == 302
