"""The dashboard, drill-down, worklist and data-quality pages: figures, scope and audit."""

import csv
import io
import json
import re
from datetime import date

import pytest

from agencies.models import AuditEvent
from indicators.calculations.engine import figures_for
from indicators.forms import UNKNOWN_AREA
from indicators.periods import Period
from indicators.scopes import parse_scope
from tests.factories import ChildFactory, journey

Y2022 = {"scope": "raa:north", "year": "2022", "part": "year"}


def page(client, user, url, data=None):
    client.force_login(user)
    return client.get(url, data or {})


def chart_figure(html: str, data_id: str) -> dict:
    match = re.search(rf'<script id="{data_id}" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


@pytest.mark.django_db
class TestDashboard:
    def test_loads_plotlys_basic_bundle_from_npm_not_the_full_build(self, client, users):
        html = page(client, users.raa_manager, "/dashboard/", Y2022).content.decode()
        assert re.search(r'<script defer src="/static/plotly/plotly-basic\.min\.js">', html)
        assert "plotly.min.js" not in html

    def test_timeliness_chart_draws_the_targets_and_marks_small_numbers(
        self, client, users, adopted_children
    ):
        html = page(client, users.raa_manager, "/dashboard/", Y2022).content.decode()
        traces = {t["name"]: t for t in chart_figure(html, "chart-timeliness-data")["data"]}
        # The reference data's A2 target (121 days, as on the tile) beside every quarter.
        assert set(traces["A2 target"]["y"]) == {121}
        # One child adopted in 2022-23 Q2 (A2 60 days) and one in Q4 (0 days): each quarter's
        # figure rests on one child, and every other quarter has none.
        quarters = traces["A2"]["x"]
        q2, q4 = quarters.index("2022-23 Q2"), quarters.index("2022-23 Q4")
        assert (traces["A2"]["y"][q2], traces["A2"]["y"][q4]) == (60, 0)
        symbols = traces["A2"]["marker"]["symbol"]
        assert [i for i, s in enumerate(symbols) if s == "circle-open"] == [q2, q4]
        assert "Based on fewer than 5 children" in html
        assert "A2 in 2022-23 Q2 and 2022-23 Q4" in html

    def test_a_year_with_no_children_says_so_instead_of_empty_tiles(self, client, users):
        html = page(
            client, users.raa_manager, "/dashboard/", {**Y2022, "year": "2019"}
        ).content.decode()
        assert "No children in this period." in html
        assert 'class="portal-tiles"' not in html
        assert 'data-chart="chart-timeliness-data"' not in html

    def test_tiles_show_the_calculated_figures_with_drill_links(
        self, client, users, adopted_children
    ):
        response = page(client, users.raa_manager, "/dashboard/", Y2022)
        assert response.status_code == 200
        html = response.content.decode()
        figures = figures_for(parse_scope("raa:north"), Period.parse("2022-23"))
        assert figures["A2"].value == 30  # (0 + 60) / 2, as in test_interfaces
        tiles = html[html.index("portal-tiles") : html.index("Timeliness by quarter")]
        assert "30 days" in tiles
        assert "Target: 121 days" in tiles
        assert "/dashboard/figures/A2/?scope=raa%3Anorth&amp;period=2022-23" in tiles

    def test_every_chart_has_its_figure_and_a_table(self, client, users, adopted_children):
        html = page(client, users.raa_manager, "/dashboard/", Y2022).content.decode()
        assert html.count('aria-labelledby="chart-') == 7
        charts = re.findall(r'data-chart="([\w-]+)"', html)
        # No adopter and no child waiting in the fixture: the pipeline and sufficiency charts
        # say so instead of drawing nothing.
        assert len(charts) == 6  # and the recruitment section's steps by quarter
        assert not {"chart-pipeline-data", "chart-sufficiency-data"} & set(charts)
        assert "No adopter enquiries or approvals in this period." in html
        assert "No children awaiting a match and no households waiting on 31 March 2023." in html
        for data_id in charts:
            figure = chart_figure(html, data_id)
            assert figure["data"], data_id
        # One per chart, and the recruitment section's table of figures.
        assert html.count('<table class="govuk-table">') == 9
        # The areas table compares the RAA's three LAs: 101 has both A2 children.
        assert "Riverside" in html and "Hillside" in html and "Seaside" in html

    def test_every_figure_page_lists_the_apis_figures_with_drill_links(
        self, client, users, adopted_children
    ):
        response = page(client, users.raa_manager, "/dashboard/figures/", Y2022)
        assert response.status_code == 200
        listed = {figure.code: href for figure, href in response.context["figures"]}
        expected = figures_for(parse_scope("raa:north"), Period.parse("2022-23"))
        assert set(listed) == set(expected)
        assert listed["A2"].startswith("/dashboard/figures/A2/")
        assert listed["sufficiency_ratio"] is None  # worked out from others: no rows
        board = page(client, users.board_member, "/dashboard/figures/", Y2022)
        assert all(href is None for _, href in board.context["figures"])

    def test_a_board_member_sees_figures_but_no_links_to_children(
        self, client, users, adopted_children
    ):
        html = page(client, users.board_member, "/dashboard/", Y2022).content.decode()
        assert "30 days" in html
        assert not re.search(r"/dashboard/figures/\w+/", html)

    def test_an_area_outside_the_users_reach_is_an_error_in_the_summary(self, client, users):
        response = page(client, users.la_manager, "/dashboard/", {"scope": "la:102"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "govuk-error-summary" in html
        assert f'<a href="#id_scope">Area: {UNKNOWN_AREA}</a>' in html
        assert "Error: Dashboard" in html

    def test_an_la_manager_chooses_between_all_data_its_raa_and_its_la(self, client, users):
        html = page(client, users.la_manager, "/dashboard/").content.decode()
        options = re.findall(r'<option value="([^"]+)"', html[: html.index('id="id_year"')])
        assert options == ["all", "raa:north", "la:101"]  # all data: national aggregates
        assert '<h1 class="govuk-heading-l">Riverside' in html  # opens on its own LA


@pytest.mark.django_db
class TestFigureChildren:
    def test_lists_the_children_behind_a2_with_their_days_and_audits_the_read(
        self, client, users, adopted_children
    ):
        response = page(
            client,
            users.family_finder,
            "/dashboard/figures/A2/",
            {"scope": "raa:north", "period": "2022-23"},
        )
        assert response.status_code == 200
        table = response.context["table"]
        days = [column.name for column in table.columns].index("Days")
        assert sorted(row[days] for row in table.rows) == [0, 60]
        event = AuditEvent.objects.get(via="page", model="journey")
        assert len(event.object_ids) == 2

    def test_board_members_are_refused_with_the_portal_403_page(
        self, client, users, adopted_children
    ):
        response = page(
            client,
            users.board_member,
            "/dashboard/figures/A2/",
            {"scope": "raa:north", "period": "2022-23"},
        )
        assert response.status_code == 403
        assert b"You do not have access to this page" in response.content
        assert b"govuk-template" in response.content

    def test_another_las_children_are_refused_to_an_la_manager(self, client, users):
        response = page(
            client,
            users.la_manager,
            "/dashboard/figures/A2/",
            {"scope": "la:102", "period": "2022-23"},
        )
        assert response.status_code == 403

    @pytest.mark.parametrize(
        "code, query, reason",
        [
            ("A2", {"scope": "raa:north", "period": "2022"}, b"Malformed period"),
            ("A2", {"scope": "nowhere", "period": "2022-23"}, b"Malformed scope"),
            ("A99", {"scope": "raa:north", "period": "2022-23"}, b"Unknown figure"),
            ("sufficiency_ratio", {"scope": "raa:north", "period": "2022-23"}, b"worked out"),
            ("meetings_held", {"scope": "la:101", "period": "2022-23"}, b"choose an RAA"),
        ],
    )
    def test_bad_requests_say_why(self, client, users, code, query, reason):
        response = page(client, users.raa_manager, f"/dashboard/figures/{code}/", query)
        assert response.status_code == 400
        assert reason in response.content


@pytest.fixture
def waiting(world):
    """Three children waiting on 31 Mar 2023 in RAA north, and one in RAA south."""
    journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="OLD", disability=True),
        entered_care=date(2021, 1, 1),
        adm_decision=date(2022, 1, 1),
        placement_order=date(2022, 6, 1),
    )
    journey(
        world.la102,
        child=ChildFactory(la=world.la102, la_child_id="NEW", ethnicity="WBRI"),
        entered_care=date(2022, 1, 1),
        adm_decision=date(2022, 9, 1),
    )
    journey(
        world.la201,
        child=ChildFactory(la=world.la201, la_child_id="SOUTH"),
        entered_care=date(2022, 1, 1),
        adm_decision=date(2022, 9, 1),
    )


@pytest.mark.django_db
class TestWorklist:
    def test_longest_wait_first_within_the_users_scope(self, client, users, waiting):
        response = page(client, users.family_finder, "/children-who-wait/", {"on": "2023-03-31"})
        children = response.context["children"]
        assert [child.la_child_id for child in children] == ["OLD", "NEW"]
        assert [child.days_since_decision for child in children] == [454, 211]
        assert b"No match in 3 months" in response.content

    def test_filters_keep_the_harder_to_place_or_the_flagged(self, client, users, waiting):
        query = {"on": "2023-03-31", "no_match_only": "on"}
        response = page(client, users.family_finder, "/children-who-wait/", query)
        assert [child.la_child_id for child in response.context["children"]] == ["OLD"]
        query = {"on": "2023-03-31", "harder_only": "on", "scope": "la:102"}
        response = page(client, users.family_finder, "/children-who-wait/", query)
        assert response.context["children"] == []

    def test_csv_download_holds_the_filtered_list_and_is_audited(self, client, users, waiting):
        query = {"on": "2023-03-31", "format": "csv"}
        response = page(client, users.family_finder, "/children-who-wait/", query)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "children-who-wait-raa-north-2023-03-31.csv" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:2] == ["LA", "Child's LA reference"]
        assert rows[1] == ["101", "OLD", "2022-01-01", "454", "2022-06-01", "303", "yes", "yes"]
        assert rows[2][:2] == ["102", "NEW"]
        # One event per LA of the rows (agencies/audit.py), each visible to that LA's managers.
        events = AuditEvent.objects.filter(via="csv", model="journey").order_by("la__code")
        assert [event.la.code for event in events] == ["101", "102"]

    def test_a_bad_date_is_shown_in_the_error_summary(self, client, users):
        response = page(client, users.family_finder, "/children-who-wait/", {"on": "31/02/2023"})
        assert b"govuk-error-summary" in response.content
        assert b'href="#id_on"' in response.content

    def test_board_members_and_panel_advisers_are_refused(self, client, users):
        for user in (users.board_member, users.panel_adviser):
            assert page(client, user, "/children-who-wait/").status_code == 403
            assert page(client, user, "/data-quality/").status_code == 403


@pytest.mark.django_db
def test_data_quality_page_gives_the_reason_for_each_journey(client, users, world):
    journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="ODD"),
        entered_care=date(2022, 5, 1),
        adm_decision=date(2022, 4, 1),
    )
    response = page(client, users.raa_manager, "/data-quality/")
    assert response.status_code == 200
    assert b"ODD" in response.content
    assert b"ADM decision before the child entered care" in response.content


@pytest.mark.django_db
def test_every_figure_and_drill_down_pages_name_figures_without_internal_keys(
    client, users, adopted_children
):
    from tests.indicators.test_scorecard_files import assert_no_internal_key

    every = page(client, users.raa_manager, "/dashboard/figures/", Y2022).content.decode()
    assert "Decisions that the child should be adopted (A15)" in every
    assert "Entering care to moving in, adjusted for foster-carer adoptions (days) (A10)" in every
    query = {"scope": "raa:north", "period": "2022-23"}
    drill = page(client, users.raa_manager, "/dashboard/figures/adm_decisions/", query)
    assert drill.status_code == 200
    for html in (every, drill.content.decode()):
        assert_no_internal_key(re.sub(r'(href|action)="[^"]*"', "", html))
