"""Bugs found trying the figures as managers do (issue 16): the children-who-wait list at a past
date, what an LA manager sees under the RAA's name, and the date of the sufficiency chart."""

import html
from datetime import date

import pytest
from rest_framework.test import APIClient

from indicators.dashboard import dashboard_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from tests.factories import journey


@pytest.fixture
def ordered_later(world):
    """ADM decision 1 Jan 2022, placement order 1 Jun 2022, no match: waiting on 1 Mar 2022
    with no placement order yet."""
    return journey(
        world.la101,
        entered_care=date(2021, 6, 1),
        adm_decision=date(2022, 1, 1),
        placement_order=date(2022, 6, 1),
    )


@pytest.mark.django_db
class TestChildrenWhoWaitAtAPastDate:
    def test_the_api_shows_no_placement_order_made_after_the_date(self, ordered_later, users):
        client = APIClient()
        client.force_authenticate(users.family_finder)
        body = client.get(
            "/api/v1/waiting-children/", {"scope": "raa:north", "date": "2022-03-01"}
        ).json()
        (child,) = body["results"]
        # 1 Jan -> 1 Mar 2022: 31 + 28 = 59 days since the decision; no order yet
        assert child["days_since_decision"] == 59
        assert (child["placement_order"], child["days_since_placement_order"]) == (None, None)
        assert child["no_match_3_months"] is False
        later = client.get(
            "/api/v1/waiting-children/", {"scope": "raa:north", "date": "2022-07-01"}
        ).json()["results"][0]
        # 1 Jun -> 1 Jul 2022: 30 days
        assert (later["placement_order"], later["days_since_placement_order"]) == ("2022-06-01", 30)

    def test_the_page_and_csv_show_no_placement_order_made_after_the_date(
        self, ordered_later, users, client
    ):
        client.force_login(users.family_finder)
        query = {"scope": "raa:north", "on": "2022-03-01"}
        page = client.get("/children-who-wait/", query)
        assert page.context["children"][0].placement_order is None
        assert "1 June 2022" not in page.content.decode()
        csv_text = client.get("/children-who-wait/", {**query, "format": "csv"}).content.decode()
        row = csv_text.splitlines()[1].split(",")
        assert row[4:6] == ["", ""]  # placement order, days since it


@pytest.mark.django_db
class TestAnLaManagerUnderTheRaasName:
    def test_the_worklist_says_plainly_whose_children_are_listed(self, world, users, client):
        journey(world.la101, entered_care=date(2021, 6, 1), adm_decision=date(2022, 1, 1))
        journey(world.la102, entered_care=date(2021, 6, 1), adm_decision=date(2022, 1, 1))
        client.force_login(users.la_manager)
        page = client.get("/children-who-wait/", {"scope": "raa:north", "on": "2022-03-01"})
        assert len(page.context["children"]) == 1
        text = html.unescape(page.content.decode())
        assert "Only Riverside's children are listed" in text
        assert "North Adoption's figures count every partner LA's children" in text
        own = client.get("/children-who-wait/", {"scope": "la:101", "on": "2022-03-01"})
        assert "Only Riverside's children are listed" not in html.unescape(own.content.decode())


@pytest.mark.django_db
def test_the_sufficiency_chart_of_the_current_year_is_dated_today_not_its_end(world):
    # ADM decision 1 Jan, placement order 1 May 2026, waiting for a match on 27 November 2026
    journey(
        world.la101,
        entered_care=date(2025, 6, 1),
        adm_decision=date(2026, 1, 1),
        placement_order=date(2026, 5, 1),
    )
    today = date(2026, 11, 27)
    board = dashboard_for(parse_scope("la:101"), Period.parse("2026-27"), today=today)
    chart = next(chart for chart in board.charts if chart.key == "sufficiency")
    assert "27 November 2026" in chart.table.caption
    assert "31 March 2027" not in chart.table.caption + chart.summary
    assert chart.table.rows[0][1].text == "1"
    # a past year keeps its own end
    past = dashboard_for(parse_scope("la:101"), Period.parse("2025-26"), today=today)
    chart = next(chart for chart in past.charts if chart.key == "sufficiency")
    assert "31 March 2026" in chart.table.caption
