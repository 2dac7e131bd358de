"""The command line and the REST API give the same figures, drill-downs and worklist."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from agencies.models import AuditEvent
from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import ALL, parse_scope
from indicators.serializers import figures_json
from tests.factories import ChildFactory, HouseholdFactory, casework, journey


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
class TestCommand:
    def test_json_output_matches_the_calculation(self, adopted_children, capsys):
        call_command("indicators", "--scope", "la:101", "--period", "2022-23")
        printed = json.loads(capsys.readouterr().out)
        expected = figures_json(parse_scope("la:101"), Period.parse("2022-23"))
        assert printed == json.loads(json.dumps(expected))
        assert printed["figures"]["A2"]["value"] == 30
        assert printed["figures"]["adoptions"]["value"] == 2

    def test_table_output_lists_every_figure(self, adopted_children, capsys):
        call_command(
            "indicators", "--scope", "raa:north", "--period", "2022-23 Q3", "--format", "table"
        )
        out = capsys.readouterr().out
        assert out.startswith("North Adoption (raa:north), 2022-23 Q3")
        assert "\nA10 " in out and "\nwaiting_at_end " in out

    @pytest.mark.parametrize(
        ("scope", "period", "message"),
        [
            ("la:999", "2022-23", "Unknown LA '999'"),
            ("county:1", "2022-23", "Malformed scope"),
            ("all", "2022-24", "Malformed period"),
            ("all", "2022-23 Q5", "Malformed period"),
            ("all", "R12 2022-23", "Malformed period"),
        ],
    )
    def test_bad_scope_or_period_exits_with_a_clear_message(self, world, scope, period, message):
        with pytest.raises(CommandError, match=message):
            call_command("indicators", "--scope", scope, "--period", period)


@pytest.mark.django_db
class TestApi:
    def test_indicators_endpoint_returns_the_same_json_as_the_command(
        self, adopted_children, users
    ):
        response = api(users.board_member).get(
            "/api/v1/indicators/", {"scope": "raa:north", "period": "2022-23"}
        )
        assert response.status_code == 200
        expected = figures_json(parse_scope("raa:north"), Period.parse("2022-23"))
        assert response.json() == json.loads(json.dumps(expected))

    def test_anonymous_requests_are_refused_with_401(self, world):
        response = api().get("/api/v1/indicators/", {"scope": "all", "period": "2022-23"})
        assert response.status_code == 401

    def test_bad_parameters_name_the_field_and_the_reason(self, world, users):
        response = api(users.raa_manager).get(
            "/api/v1/indicators/", {"scope": "la:999", "period": "2022-2023"}
        )
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "invalid"
        assert {error["field"] for error in body["errors"]} == {"scope", "period"}

    def test_an_la_manager_sees_its_la_and_raa_figures_but_not_another_las(self, world, users):
        client = api(users.la_manager)
        for scope in ("la:101", "raa:north", "all"):
            assert (
                client.get("/api/v1/indicators/", {"scope": scope, "period": "2022-23"}).status_code
                == 200
            ), scope
        for scope in ("la:102", "raa:south", "la:201"):
            assert (
                client.get("/api/v1/indicators/", {"scope": scope, "period": "2022-23"}).status_code
                == 403
            ), scope

    def test_drill_down_lists_the_children_behind_a2_with_their_days(self, adopted_children, users):
        response = api(users.raa_manager).get(
            "/api/v1/indicators/children/",
            {"figure": "A2", "scope": "raa:north", "period": "2022-23"},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        assert sorted(row["days"] for row in body["results"]) == [0, 60]
        assert {row["child__la__code"] for row in body["results"]} == {"101"}
        event = AuditEvent.objects.get()
        assert (event.action, event.model, event.via, len(event.object_ids)) == (
            "list",
            "journey",
            "api",
            2,
        )

    def test_drill_down_is_refused_to_board_members_and_limited_for_la_managers(
        self, adopted_children, users
    ):
        params = {"figure": "A2", "scope": "all", "period": "2022-23"}
        assert (
            api(users.board_member).get("/api/v1/indicators/children/", params).status_code == 403
        )
        body = api(users.la_manager).get("/api/v1/indicators/children/", params).json()
        assert {row["child__la__code"] for row in body["results"]} == {"101"}

    @pytest.mark.parametrize(
        ("figure", "role", "period"),
        [
            ("enquiries", "family_finder", "2022-23"),
            ("panel_items", "panel_adviser", "2021-22"),
            ("asf_applications", "support_worker", "2022-23"),
            ("meetings_held", "panel_adviser", "2021-22"),
            ("adopters_waiting_at_end", "raa_manager", "2022-23"),
            ("placements", "la_manager", "2021-22"),
        ],
    )
    def test_every_family_of_figures_can_be_drilled_into(self, world, users, figure, role, period):
        for la, tag in ((world.la101, "N"), (world.la201, "S")):
            casework(users.superuser, la, tag)
            HouseholdFactory(la=la, enquiry=date(2022, 5, 1))
            HouseholdFactory(la=la, registration=date(2022, 4, 1), approved=date(2022, 9, 1))
        response = api(getattr(users, role)).get(
            "/api/v1/indicators/children/", {"figure": figure, "scope": "all", "period": period}
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        # Counted independently: the engine's aggregate for the part of all data the user may
        # see (an LA manager's LA, the others' RAA), which is less than all data.
        reach = parse_scope("la:101" if role == "la_manager" else "raa:north")
        expected = figures_for(reach, Period.parse(period))[figure].value
        assert 0 < expected < figures_for(ALL, Period.parse(period))[figure].value
        assert body["count"] == expected
        assert len(body["results"]) == expected

    def test_drill_down_of_an_unknown_figure_is_a_400(self, world, users):
        response = api(users.raa_manager).get(
            "/api/v1/indicators/children/",
            {"figure": "A99", "scope": "all", "period": "2022-23"},
        )
        assert response.status_code == 400
        assert [e["field"] for e in response.json()["errors"]] == ["figure"]

    def test_waiting_children_worklist_longest_first_with_flags(self, world, users):
        older = ChildFactory(la=world.la101, date_of_birth=date(2015, 1, 1))
        journey(
            world.la101,
            child=older,
            entered_care=date(2021, 1, 1),
            adm_decision=date(2022, 1, 1),
            placement_order=date(2022, 6, 1),
        )
        journey(world.la101, entered_care=date(2022, 1, 1), adm_decision=date(2022, 9, 1))
        # Order 1 Mar 2022 and matched 1 Mar 2023, not yet placed: waiting, 395 days since the
        # decision of 1 Mar 2022 (365 + 30), but not flagged, as it has a match.
        journey(
            world.la101,
            entered_care=date(2021, 6, 1),
            adm_decision=date(2022, 3, 1),
            placement_order=date(2022, 3, 1),
            matched=date(2023, 3, 1),
        )
        response = api(users.family_finder).get(
            "/api/v1/waiting-children/", {"scope": "raa:north", "date": "2023-03-31"}
        )
        assert response.status_code == 200
        rows = response.json()["results"]
        # 1 Jan 2022 -> 31 Mar 2023 = 454 days; 1 Sep 2022 -> 31 Mar 2023 = 211 days.
        assert [row["days_since_decision"] for row in rows] == [454, 395, 211]
        # Placement order 1 Jun 2022, no match by 31 Mar 2023: 303 days, past three months.
        assert rows[0]["days_since_placement_order"] == 303
        assert [row["no_match_3_months"] for row in rows] == [True, False, False]
        assert (
            api(users.family_finder)
            .get("/api/v1/waiting-children/", {"scope": "raa:north", "date": "31/03/2023"})
            .status_code
            == 400
        )
