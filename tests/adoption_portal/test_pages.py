"""The page framework: navigation by role, home pages, sign-in lock-out and error pages."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from adoption_portal.urls import urlpatterns as portal_urls
from agencies.models import Role
from home.views import HOME_FIGURES
from indicators.calculations import MEASURES

MANAGER = ["Home", "Dashboard", "Children", "Children who wait", "Data quality"]


def nav_labels(html: str) -> list[str]:
    nav = html[html.index('id="navigation"') : html.index("</nav>")]
    labels = []
    for chunk in nav.split('class="govuk-service-navigation__link"')[1:]:
        text = chunk[chunk.index(">") + 1 : chunk.index("</a>")]
        labels.append(
            text.replace('<strong class="govuk-service-navigation__active-fallback">', "").replace(
                "</strong>", ""
            )
        )
    return labels


@pytest.mark.django_db
class TestNavigationAndHome:
    @pytest.mark.parametrize(
        "role, expected",
        [
            (
                "raa_manager",
                [*MANAGER, "Adopters", "Panels", "Support", "Reports", "Board files", "Imports"]
                + ["Staff", "Audit trail"],
            ),
            ("la_manager", [*MANAGER, "Reports", "Board files", "Imports"]),
            ("family_finder", [*MANAGER, "Adopters", "Panels"]),
            ("panel_adviser", ["Home", "Dashboard", "Adopters", "Panels"]),
            ("support_worker", ["Home", "Dashboard", "Support"]),
            ("board_member", ["Home", "Dashboard", "Reports", "Board files"]),
        ],
    )
    def test_navigation_offers_the_pages_of_the_role(self, client, users, role, expected):
        client.force_login(getattr(users, role))
        html = client.get("/dashboard/").content.decode()
        assert nav_labels(html) == expected
        assert (
            'aria-current="page"><strong class="govuk-service-navigation__active-fallback">'
            "Dashboard" in html
        )

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


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [*portal_urls, path("broken/", broken)]
handler500 = "core.views.server_error"


@pytest.mark.django_db
class TestErrorPages:
    def test_404_is_a_gov_uk_page(self, client, users):
        client.force_login(users.raa_manager)
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert b"Page not found" in response.content
        assert b"govuk-template" in response.content

    @override_settings(ROOT_URLCONF=__name__, DEBUG=False)
    def test_500_is_a_gov_uk_page_that_needs_no_database(self, users):
        client = Client(raise_request_exception=False)
        client.force_login(users.raa_manager)
        response = client.get("/broken/")
        assert response.status_code == 500
        assert b"Sorry, there is a problem with the service" in response.content
        assert b"govuk-template" in response.content

    def test_favicon_points_at_gov_uk_frontends(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 301
        assert response["Location"].endswith("govuk/assets/images/favicon.ico")
