"""The home page: sign-in needed, and each role's own figures."""

import pytest

from agencies.models import Role
from home.views import HOME_FIGURES
from indicators.calculations.engine import MEASURES


@pytest.mark.django_db
def test_home_page_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert client.get("/sign-in/").status_code == 200


@pytest.mark.django_db
class TestHome:
    @pytest.mark.parametrize("role", [r for r in Role.values])
    def test_each_role_has_a_home_page_of_its_own_figures(self, client, users, role):
        client.force_login(getattr(users, role))
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        for code in HOME_FIGURES[role]:
            title = MEASURES[code].title if code in MEASURES else None
            if title:
                assert title in html, code
        assert ('href="/children-who-wait/"' in html) == (
            role in ("raa_manager", "la_manager", "family_finder")
        )
