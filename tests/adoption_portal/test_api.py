"""The REST API: every endpoint for every role, scoping by LA, writes through the services,
errors, tokens, throttling and the audit of child-level reads."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.models import AuditEvent, ExternalAgency
from core.api_policies import TokenClientThrottle
from indicators.models import ReferenceValue
from tests.factories import ROLES, casework, journey

CHILDREN = {"raa_manager", "la_manager", "family_finder", "superuser"}
HOUSEHOLDS = {"raa_manager", "family_finder", "panel_adviser", "superuser"}
PANELS = HOUSEHOLDS
SUPPORT = {"raa_manager", "support_worker", "superuser"}
IMPORTS = {"raa_manager", "la_manager", "superuser"}
AUDIT = {"raa_manager", "superuser"}
EVERYONE = set(ROLES)

# endpoint -> (roles that may list it, path from a result to its LA code or None)
ENDPOINTS = {
    "children": (CHILDREN, "la"),
    "journeys": (CHILDREN, None),
    "links": (CHILDREN, None),
    "matches": (CHILDREN, None),
    "placements": (CHILDREN, None),
    "disruptions": (CHILDREN, None),
    "households": (HOUSEHOLDS, "la"),
    "panels": (PANELS, "raa"),
    "panel-members": (PANELS, None),
    "meetings": (PANELS, None),
    "panel-items": (PANELS, None),
    "recommendations": (PANELS, None),
    "agency-decisions": (PANELS, None),
    "support-referrals": (SUPPORT, "la"),
    "assessments": (SUPPORT, None),
    "fund-applications": (SUPPORT, None),
    "fund-rules": (EVERYONE, None),
    "raas": (EVERYONE, None),
    "local-authorities": (EVERYONE, None),
    "hubs": (EVERYONE, None),
    "external-agencies": (EVERYONE, None),
    "reference-values": (EVERYONE, None),
    "imports": (IMPORTS, "la"),
    "audit-events": (AUDIT, None),
}


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def api_world(world, users):
    ReferenceValue.objects.get_or_create(
        indicator="A20", kind="target", period="", defaults={"value": 300}
    )
    ExternalAgency.objects.create(name="Family Links", kind="vaa")
    return {
        "101": casework(users.superuser, world.la101, "N"),
        "201": casework(users.superuser, world.la201, "S"),
    }


@pytest.mark.django_db
class TestEveryEndpointForEveryRole:
    @pytest.mark.parametrize("endpoint", list(ENDPOINTS))
    def test_anonymous_requests_get_401(self, api_world, endpoint):
        assert client_for().get(f"/api/v1/{endpoint}/").status_code == 401

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("endpoint", list(ENDPOINTS))
    def test_status_and_what_is_visible(self, api_world, users, role, endpoint):
        allowed, la_key = ENDPOINTS[endpoint]
        response = client_for(getattr(users, role)).get(f"/api/v1/{endpoint}/")
        if role not in allowed:
            assert response.status_code == 403
            assert response.json()["code"] == "permission_denied"
            return
        assert response.status_code == 200
        results = response.json()["results"]
        assert results, "every endpoint has at least one record in scope"
        if la_key and endpoint not in ("raas",):
            seen = {row[la_key] for row in results}
            if role == "superuser":
                assert len(seen) == 2
            else:
                assert seen == ({"north"} if la_key == "raa" else {"101"})

    @pytest.mark.parametrize("role", ROLES)
    def test_indicators_are_open_to_every_role(self, api_world, users, role):
        response = client_for(getattr(users, role)).get(
            "/api/v1/indicators/", {"scope": "all", "period": "2021-22"}
        )
        assert response.status_code == 200


@pytest.mark.django_db
class TestScoping:
    def test_an_la_manager_asking_for_another_la_gets_nothing(self, api_world, users):
        client = client_for(users.la_manager)
        assert client.get("/api/v1/children/", {"la": "201"}).json()["results"] == []
        assert client.get("/api/v1/journeys/", {"la": "201"}).json()["results"] == []
        assert len(client.get("/api/v1/journeys/", {"la": "101"}).json()["results"]) == 1

    def test_changing_an_id_in_the_url_never_reaches_another_las_record(self, api_world, users):
        other = api_world["201"]
        client = client_for(users.family_finder)
        for url in (f"/api/v1/journeys/{other.pk}/", f"/api/v1/children/{other.child_id}/"):
            assert client.get(url).status_code == 404
            assert (
                client.patch(url, {"adm_decision": "2021-03-02"}, format="json").status_code == 404
            )

    def test_status_follows_the_placements_as_the_figures_do(self, world, users):
        placed = journey(world.la101, adm_decision=date(2021, 3, 1), placed=date(2021, 8, 1))
        waiting = journey(world.la101, adm_decision=date(2021, 3, 1))
        adopted = journey(
            world.la101,
            adm_decision=date(2021, 3, 1),
            placed=date(2021, 8, 1),
            adoption_order=date(2022, 1, 5),
        )
        client = client_for(users.superuser)
        for status, expected in [("placed", placed), ("waiting", waiting), ("adopted", adopted)]:
            listed = client.get("/api/v1/journeys/", {"status": status}).json()["results"]
            assert [row["id"] for row in listed] == [expected.pk], status

    def test_filters_by_milestone_dates_status_and_search(self, api_world, users):
        client = client_for(users.superuser)
        assert (
            len(
                client.get("/api/v1/journeys/", {"placement_order_after": "2021-05-01"}).json()[
                    "results"
                ]
            )
            == 2
        )
        assert (
            client.get("/api/v1/journeys/", {"placement_order_after": "2021-05-02"}).json()[
                "results"
            ]
            == []
        )
        # Both placements disrupted: the children wait again, as the worklist counts them.
        assert client.get("/api/v1/journeys/", {"status": "placed"}).json()["results"] == []
        assert len(client.get("/api/v1/journeys/", {"status": "waiting"}).json()["results"]) == 2
        # Both wait, born 1 January 2020: aged 5 or over today, so harder to place.
        harder = client.get("/api/v1/journeys/", {"harder_to_place": "true"}).json()["results"]
        assert len(harder) == 2
        assert client.get("/api/v1/journeys/", {"harder_to_place": "false"}).json()["results"] == []
        assert [
            c["la_child_id"]
            for c in client.get("/api/v1/children/", {"search": "S-"}).json()["results"]
        ] == ["S-1"]
        assert (
            client.get("/api/v1/journeys/", {"placement_order_after": "2021-13-45"}).status_code
            == 400
        )

    def test_pagination_has_a_maximum(self, api_world, users):
        body = client_for(users.superuser).get("/api/v1/raas/", {"limit": 100000}).json()
        assert body["count"] == 2 and "next" in body


@pytest.mark.django_db
class TestWrites:
    def test_a_family_finder_records_a_journey_and_it_reaches_the_indicators(self, world, users):
        client = client_for(users.family_finder)
        child = client.post(
            "/api/v1/children/",
            {
                "la": "101",
                "la_child_id": "API-1",
                "sex": "2",
                "date_of_birth": "2021-02-01",
                "ethnicity": "WBRI",
            },
            format="json",
        )
        assert child.status_code == 201, child.json()
        created = client.post(
            "/api/v1/journeys/",
            {
                "child": child.json()["id"],
                "entered_care": "2022-01-01",
                "adm_decision": "2022-02-01",
                "placement_order": "2022-04-01",
            },
            format="json",
        )
        assert created.status_code == 201, created.json()
        journey_id = created.json()["id"]
        placed = client.post(
            "/api/v1/placements/", {"journey": journey_id, "placed": "2022-07-01"}, format="json"
        )
        assert placed.status_code == 201, placed.json()
        adopted = client.post(
            f"/api/v1/journeys/{journey_id}/adoption-order/",
            {"granted": "2022-12-01"},
            format="json",
        )
        assert adopted.status_code == 200, adopted.json()
        read = client.get(f"/api/v1/journeys/{journey_id}/").json()
        assert (read["placed"], read["adoption_order"], read["status"]) == (
            "2022-07-01",
            "2022-12-01",
            "adopted",
        )
        figures = client.get(
            "/api/v1/indicators/", {"scope": "la:101", "period": "2022-23"}
        ).json()["figures"]
        # 1 Jan -> 1 Jul 2022: 31+28+31+30+31+30 = 181 days
        assert (figures["adoptions"]["value"], figures["A10"]["value"]) == (1, 181)

    def test_a_date_that_contradicts_another_is_refused_naming_both(self, api_world, users):
        own = api_world["101"]
        response = client_for(users.family_finder).patch(
            f"/api/v1/journeys/{own.pk}/", {"placement_order": "2020-12-01"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["errors"] == [
            {
                "field": "placement_order",
                "code": "date_order",
                "reason": "Placement order (2020-12-01) cannot be before entered care "
                "(2021-01-01).",
            }
        ]

    def test_a_journey_cannot_be_written_for_a_child_out_of_scope(self, api_world, users):
        other_child = api_world["201"].child_id
        response = client_for(users.family_finder).post(
            "/api/v1/journeys/", {"child": other_child, "entered_care": "2022-01-01"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "child"

    @pytest.mark.parametrize("role", ["board_member", "la_manager", "support_worker"])
    def test_roles_without_casework_cannot_write_journeys(self, api_world, users, role):
        own = api_world["101"]
        response = client_for(getattr(users, role)).patch(
            f"/api/v1/journeys/{own.pk}/", {"adm_decision": "2021-03-02"}, format="json"
        )
        assert response.status_code == 403

    def test_national_settings_are_for_superusers(self, api_world, users):
        payload = {"applies_from": "2030-31", "fair_access_limit": "4000.00"}
        assert (
            client_for(users.raa_manager)
            .post("/api/v1/fund-rules/", payload, format="json")
            .status_code
            == 403
        )
        assert (
            client_for(users.superuser)
            .post("/api/v1/fund-rules/", payload, format="json")
            .status_code
            == 201
        )

    def test_deleting_a_record_still_referred_to_is_a_409(self, api_world, users):
        own = api_world["101"]  # heard at a panel
        response = client_for(users.raa_manager).delete(f"/api/v1/journeys/{own.pk}/")
        assert response.status_code == 409
        assert response.json()["code"] == "in_use"

    def test_attendance_returns_the_quorum_check(self, api_world, users):
        meeting = client_for(users.panel_adviser).get("/api/v1/meetings/").json()["results"][0]
        member = client_for(users.panel_adviser).get("/api/v1/panel-members/").json()["results"][0]
        response = client_for(users.panel_adviser).post(
            f"/api/v1/meetings/{meeting['id']}/attendance/",
            {"members": [member["id"]]},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()["quorate"] is False
        assert "5 members (only 1 present)" in response.json()["missing"]


@pytest.mark.django_db
class TestTokensThrottlingAndAudit:
    def test_drf_create_token_and_token_authentication(self, api_world, users, capsys):
        call_command("drf_create_token", users.family_finder.username)
        key = Token.objects.get(user=users.family_finder).key
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/v1/journeys/").status_code == 200
        client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
        assert client.get("/api/v1/journeys/").status_code == 401

    def test_users_create_and_revoke_their_own_token_on_the_account_page(
        self, client, world, users
    ):
        client.force_login(users.la_manager)
        page = client.post("/account/token/")
        key = Token.objects.get(user=users.la_manager).key
        assert key.encode() in page.content
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert api.get("/api/v1/children/").status_code == 200
        client.post("/account/token/revoke/")
        assert api.get("/api/v1/children/").status_code == 401

    def test_token_clients_are_throttled(self, api_world, users, monkeypatch):
        monkeypatch.setattr(TokenClientThrottle, "THROTTLE_RATES", {"token": "3/minute"})
        cache.clear()
        key = Token.objects.create(user=users.board_member).key
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        statuses = [client.get("/api/v1/raas/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        cache.clear()

    def test_child_level_reads_through_the_api_are_audited(self, api_world, users):
        AuditEvent.objects.all().delete()
        client = client_for(users.la_manager)
        listed = client.get("/api/v1/journeys/").json()["results"]
        client.get(f"/api/v1/children/{listed[0]['child']}/")
        events = list(
            AuditEvent.objects.order_by("pk").values_list("action", "model", "object_ids", "via")
        )
        assert events == [
            ("list", "journey", [listed[0]["id"]], "api"),
            ("view", "child", [listed[0]["child"]], "api"),
        ]

    def test_the_schema_validates_without_warnings(self, tmp_path):
        call_command(
            "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
        )
        assert "/api/v1/journeys/{id}/adoption-order/" in (tmp_path / "schema.yml").read_text()

    def test_swagger_ui_is_served_without_a_cdn_or_inline_script(self, client, world, users):
        client.force_login(users.raa_manager)
        page = client.get("/api/docs/").content.decode()
        assert "/static/drf_spectacular_sidecar/" in page and "://" not in page
        assert "<script>" not in page and 'src="/api/docs/?script=' in page
        script = client.get("/api/docs/?script=")
        assert script["Content-Type"].startswith("application/javascript")
