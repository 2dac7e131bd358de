"""The service navigation offers the pages of the signed-in user's role."""

import pytest

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
class TestNavigation:
    @pytest.mark.parametrize(
        "role, expected",
        [
            (
                "raa_manager",
                [*MANAGER, "Adopters", "Panels", "Support", "Money", "Reports", "Board files"]
                + ["Imports"]
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
