"""Small numbers: another area's figures are shown as published statistics would be (counts of
1 to 4 suppressed, figures over fewer than 5 children withheld); a user's own areas in full."""

import re
from datetime import date

import pytest
from rest_framework.test import APIClient

from indicators.calculations.figure import Figure
from indicators.disclosure import SUPPRESSED, published
from tests.factories import journey


def figures_of(user, scope: str) -> dict:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get("/api/v1/indicators/", {"scope": scope, "period": "2022-23"})
    assert response.status_code == 200, response.content
    return response.json()["figures"]


@pytest.mark.parametrize(
    "figure, shown",
    [
        (Figure("adoptions", "Adoptions", 4, 4), False),
        (Figure("adoptions", "Adoptions", 1, 1), False),
        (Figure("adoptions", "Adoptions", 5, 5), True),
        (Figure("adoptions", "Adoptions", 0, 0), True),  # no child to single out
        (Figure("A2", "A2", 30, 4, trend="better"), False),
        (Figure("A2", "A2", 30, 5, trend="better"), True),
        (Figure("A2", "A2", None, 0), True),  # nothing to withhold
    ],
)
def test_published_suppresses_small_counts_and_withholds_figures_over_few_children(figure, shown):
    result = published(figure)
    if shown:
        assert result == figure
    else:
        assert (result.value, result.n, result.trend, result.withheld) == (
            None,
            None,
            None,
            SUPPRESSED,
        )


@pytest.mark.django_db
def test_all_data_is_published_figures_for_staff_and_in_full_for_superusers(
    users, adopted_children
):
    # All data in 2022-23: three adoptions; A2 over three children of 0, 60 and 31 days = 30.
    mine = figures_of(users.family_finder, "all")
    assert mine["adoptions"]["value"] is None and mine["adoptions"]["withheld"] == SUPPRESSED
    assert mine["A2"]["value"] is None and "n" not in mine["A2"]
    everything = figures_of(users.superuser, "all")
    assert (everything["adoptions"]["value"], everything["A2"]["value"]) == (3, 30)
    # The user's own RAA in full: two adoptions, A2 of 0 and 60 days = 30.
    own = figures_of(users.family_finder, "raa:north")
    assert (own["adoptions"]["value"], own["A2"]["value"], own["A2"]["n"]) == (2, 30, 2)
    assert "withheld" not in own["A2"]


@pytest.mark.django_db
def test_pages_show_a_sibling_las_small_figures_withheld_to_an_la_manager(
    client, world, users, adopted_children
):
    journey(
        world.la102,
        entered_care=date(2021, 1, 1),
        placement_order=date(2022, 1, 1),
        matched=date(2022, 1, 11),
        placed=date(2022, 4, 1),
        adoption_order=date(2022, 9, 1),
    )
    query = {"scope": "raa:north", "year": "2022", "part": "year"}
    client.force_login(users.la_manager)
    assert SUPPRESSED in client.get("/dashboard/", query).content.decode()
    client.force_login(users.raa_manager)
    html = client.get("/dashboard/", query).content.decode()
    # The charts' small-numbers notes and marks ("based on fewer than 5 children") withhold
    # nothing.
    html = re.sub(r'<p class="govuk-body-s portal-chart__note">.*?</p>', "", html)
    html = re.sub(r'<script id="chart-[\w-]+" type="application/json">.*?</script>', "", html)
    assert SUPPRESSED not in html
    client.force_login(users.la_manager)
    page = client.get("/dashboard/figures/", {"scope": "all", "year": "2022", "part": "year"})
    assert SUPPRESSED in page.content.decode()
