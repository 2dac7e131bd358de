"""Requests that used to raise server errors get a clear refusal naming the field and the reason,
as JSON on the API; files the portal writes keep text that looks like a formula as text."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from core.spreadsheets import safe_cell
from indicators.models import ReferenceValue
from indicators.periods import YEAR_OUT_OF_RANGE
from journeys.date_rules import BEFORE_BIRTH, IN_FUTURE
from journeys.models import IMPLAUSIBLE_BIRTH, NEGATIVE_AMOUNT
from support.models import NO_APPLICATION_DATE
from tests.factories import ChildFactory, journey

HYPERLINK = '=HYPERLINK("http://example.com/steal","x")'


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["9999-00", "0000-01", "R12 9999-00 Q4"])
def test_a_period_year_out_of_range_is_a_400_naming_the_period(client, users, period):
    start = period.removeprefix("R12 ")[:4]
    reason = YEAR_OUT_OF_RANGE.split("{text!r}")[0]
    query = {"scope": "raa:north", "period": period}
    for url, extra in (
        ("/api/v1/indicators/", {}),
        ("/api/v1/indicators/children/", {"figure": "A2"}),
    ):
        response = api(users.raa_manager).get(url, {**query, **extra})
        assert response.status_code == 400, url
        assert response["Content-Type"] == "application/json"
        [error] = [e for e in response.json()["errors"] if e["field"] == "period"]
        assert error["reason"].startswith(reason) and f"starts in {int(start)}" in error["reason"]
    client.force_login(users.raa_manager)
    response = client.get("/dashboard/figures/A2/", query)
    assert response.status_code == 400
    assert f"starts in {int(start)}".encode() in response.content


@pytest.mark.django_db
def test_a_superuser_patches_a_reference_value(users):
    reference = ReferenceValue.objects.create(
        indicator="A10", kind="target", period="1999-00", value=426
    )
    response = api(users.superuser).patch(
        f"/api/v1/reference-values/{reference.pk}/", {"value": "400.0"}, format="json"
    )
    assert response.status_code == 200, response.content
    reference.refresh_from_db()
    assert reference.value == 400


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/children/abc/", "/api/v1/nowhere/", "/api/v1/hubs/1x/"])
def test_api_urls_that_match_no_route_answer_json_404(users, url):
    response = api(users.raa_manager).get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "text, written",
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+44 1234", "'+44 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("C-123", "C-123"),
        (-5, -5),
        (None, None),
    ],
)
def test_safe_cell_neutralises_text_that_begins_like_a_formula(text, written):
    assert safe_cell(text) == written


@pytest.mark.django_db
def test_the_children_who_wait_csv_keeps_a_formula_reference_as_text(client, world, users):
    journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id=HYPERLINK),
        entered_care=date(2021, 1, 1),
        adm_decision=date(2022, 1, 1),
    )
    client.force_login(users.family_finder)
    response = client.get("/children-who-wait/", {"on": "2023-03-31", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1] == "'" + HYPERLINK
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.django_db
def test_the_scorecard_xlsx_writes_no_formula(world):
    from openpyxl import Workbook

    from indicators.exports import _append

    book = Workbook()
    _append(book.active, [HYPERLINK, "+1", 3])
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert [cell.value for cell in sheet[1]] == ["'" + HYPERLINK, "'+1", 3]
    assert all(cell.data_type != "f" for cell in sheet[1])


CHILD = {"la": "101", "la_child_id": "P-1", "sex": "1", "ethnicity": "WBRI"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "born, reason",
    [
        ("0001-01-01", IMPLAUSIBLE_BIRTH.format(born="0001-01-01")),
        ("9999-12-31", IN_FUTURE.format(field="Date of birth", value="9999-12-31")),
    ],
)
def test_an_implausible_date_of_birth_is_refused_naming_it(users, born, reason):
    response = api(users.family_finder).post(
        "/api/v1/children/", {**CHILD, "date_of_birth": born}, format="json"
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["date_of_birth"]
    assert reason in response.json()["errors"][0]["reason"]


@pytest.mark.django_db
def test_care_before_birth_is_refused_naming_both_dates(world, users):
    child = ChildFactory(la=world.la101, date_of_birth=date(2020, 1, 1))
    response = api(users.family_finder).post(
        "/api/v1/journeys/", {"child": child.pk, "entered_care": "2019-12-31"}, format="json"
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "entered_care"
    assert error["reason"] == BEFORE_BIRTH.format(
        field="Entered care", value="2019-12-31", born="2020-01-01"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, field, reason",
    [
        ({"match_funding": "-1.00"}, "match_funding", NEGATIVE_AMOUNT),
        ({"submitted": None}, "submitted", NO_APPLICATION_DATE),
        ({"therapy_type": "Theraplay"}, "therapy_type", "not a valid choice"),
    ],
)
def test_fund_applications_refuse_negative_funding_no_date_and_unlisted_therapies(
    world, users, change, field, reason
):
    child = ChildFactory(la=world.la101)
    body = {
        "child": child.pk,
        "therapy_type": "theraplay",
        "provider": "Kite",
        "amount_applied": "100.00",
        "submitted": "2024-05-01",
        **change,
    }
    response = api(users.support_worker).post("/api/v1/fund-applications/", body, format="json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == field and reason in error["reason"]


@pytest.mark.django_db
def test_a_negative_inter_agency_fee_is_refused(world, users):
    from tests.factories import PlacementFactory

    placement = PlacementFactory(
        journey=journey(world.la101, entered_care=date(2021, 1, 1)), placed=date(2022, 1, 1)
    )
    response = api(users.family_finder).patch(
        f"/api/v1/placements/{placement.pk}/", {"inter_agency_fee": "-500.00"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "inter_agency_fee"


def test_the_schema_documents_no_405_operation_and_the_409_of_deletes():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(public=True)["paths"]
    assert "post" not in paths["/api/v1/imports/"]  # no service: it would answer 405
    deletes = [ops["delete"] for ops in paths.values() if "delete" in ops]
    assert deletes and all("409" in op["responses"] for op in deletes)
    assert all("409" not in ops["get"]["responses"] for ops in paths.values() if "get" in ops)
