"""Money (docs/indicators.md §9, indicators/calculations/money.py) on hand-built records,
answers by hand."""

from datetime import date
from decimal import Decimal

import pytest

from finance.models import HubBudget
from indicators.calculations.money import (
    budget_totals,
    budget_variance,
    fund_by_year,
    inter_agency_fees_paid,
    inter_agency_fees_received,
)
from indicators.periods import Period
from journeys.models import AdopterSource, Placement
from support.models import FundApplication
from tests.factories import ChildFactory, HouseholdFactory, journey

Y2022 = Period.parse("2022-23")


@pytest.mark.django_db
def test_budget_against_outturn_by_hub_and_year(world):
    HubBudget.objects.create(
        hub=world.hub_one, financial_year="2022-23", budget=Decimal("100000"),
        outturn=Decimal("104500.50"),
    )  # fmt: skip
    HubBudget.objects.create(
        hub=world.hub_two, financial_year="2022-23", budget=Decimal("50000"),
        outturn=Decimal("48000"),
    )  # fmt: skip
    HubBudget.objects.create(hub=world.hub_two, financial_year="2023-24", budget=Decimal("52000"))
    HubBudget.objects.create(
        hub=world.hub_one, financial_year="2023-24", budget=Decimal("103000"),
        outturn=Decimal("103000"),
    )  # fmt: skip
    rows = budget_variance(HubBudget.objects.all())
    assert [(r["hub"], r["year"], r["variance"]) for r in rows] == [
        ("Hub one", "2023-24", Decimal(0)),
        ("Hub two", "2023-24", None),  # no outturn yet
        ("Hub one", "2022-23", Decimal("4500.50")),  # overspent
        ("Hub two", "2022-23", Decimal(-2000)),  # underspent
    ]
    totals = budget_totals(HubBudget.objects.all())
    assert totals == [
        # 2023-24: only hub one is closed: 103,000 - 103,000; hub two's budget left out.
        {"year": "2023-24", "budget": Decimal(155000), "outturn": Decimal(103000),
         "variance": Decimal(0), "hubs_open": 1},
        # 2022-23: 152,500.50 - 150,000.
        {"year": "2022-23", "budget": Decimal(150000), "outturn": Decimal("152500.50"),
         "variance": Decimal("2500.50"), "hubs_open": 0},
    ]  # fmt: skip
    assert budget_totals(HubBudget.objects.none()) == []


def placed(la, day, source, fee, household=None):
    record = journey(la, entered_care=date(2020, 1, 1), placement_order=date(2021, 1, 1))
    return Placement.objects.create(
        journey=record, household=household, placed=day, moved_in=day, source=source,
        inter_agency_fee=fee,
    )  # fmt: skip


@pytest.mark.django_db
def test_inter_agency_fees_paid_by_the_placing_la(world):
    fee = Decimal("27000")
    placed(world.la101, date(2022, 5, 1), AdopterSource.VAA, fee)
    placed(world.la101, date(2022, 6, 1), AdopterSource.OTHER_LA, Decimal("30000"))
    placed(world.la102, date(2022, 7, 1), AdopterSource.OTHER_LA, None)  # no fee recorded
    placed(world.la102, date(2022, 8, 1), AdopterSource.OWN, None)  # own adopters: no fee
    placed(world.la101, date(2023, 4, 1), AdopterSource.VAA, fee)  # the next year
    rows = inter_agency_fees_paid(Placement.objects.all(), Y2022)
    assert rows == [
        {"code": "101", "la": "Riverside", "placements": 2, "with_fee": 2,
         "fees": Decimal(57000)},
        {"code": "102", "la": "Hillside", "placements": 1, "with_fee": 0, "fees": Decimal(0)},
    ]  # fmt: skip


@pytest.mark.django_db
def test_inter_agency_fees_received_from_las_outside_the_raa(world):
    north_adopters = HouseholdFactory(la=world.la101)
    # The south's child placed with the north's adopters: the north receives the fee.
    placed(world.la201, date(2022, 5, 1), AdopterSource.OTHER_LA, Decimal(27000), north_adopters)
    # The north's own child with its own adopters: no fee received.
    placed(world.la102, date(2022, 6, 1), AdopterSource.OWN, None, north_adopters)
    north = inter_agency_fees_received(Placement.objects.all(), Y2022, world.north.pk)
    assert north == [
        {"code": "201", "la": "Southtown", "placements": 1, "with_fee": 1,
         "fees": Decimal(27000)},
    ]  # fmt: skip
    assert inter_agency_fees_received(Placement.objects.all(), Y2022, world.south.pk) == []


@pytest.mark.django_db
def test_the_fund_by_year_against_each_years_rules(world):
    # The migration's rules: to 2024-25 a £5,000 fair access limit; from 2025-26 £3,000.
    child, other = ChildFactory(la=world.la101), ChildFactory(la=world.la101)

    def apply(who, year, applied, approved=None, match=0):
        FundApplication.objects.create(
            child=who, financial_year=year, therapy_type="ddp", provider="Kite",
            amount_applied=Decimal(applied), match_funding=Decimal(match),
            amount_approved=None if approved is None else Decimal(approved),
            status="approved" if approved is not None else "submitted",
        )  # fmt: skip

    apply(child, "2024-25", 5000, 5000, match=1500)
    apply(child, "2024-25", 600, 600)  # the child's 2024-25 total, 5,600, passes 5,000
    apply(other, "2024-25", 4000, 4000)
    apply(child, "2025-26", 3000, 3000)  # at the 2025-26 limit, not over it
    apply(other, "2025-26", 2000)  # not decided
    rows = fund_by_year(FundApplication.objects.all())
    assert rows == [
        {"year": "2025-26", "applications": 2, "applied": Decimal(5000),
         "approved": Decimal(3000), "children": 1, "match_funding": Decimal(0),
         "limit": Decimal(3000), "match_funding_allowed": False, "children_over_limit": 0},
        {"year": "2024-25", "applications": 3, "applied": Decimal(9600),
         "approved": Decimal(9600), "children": 2, "match_funding": Decimal(1500),
         "limit": Decimal(5000), "match_funding_allowed": True, "children_over_limit": 1},
    ]  # fmt: skip


@pytest.mark.django_db
def test_an_la_managers_copy_of_the_raa_report_holds_only_their_las_fees(client, world, users):
    north_adopters = HouseholdFactory(la=world.la101)
    placed(world.la101, date(2022, 5, 1), AdopterSource.VAA, Decimal(27000))
    placed(world.la102, date(2022, 6, 1), AdopterSource.VAA, Decimal(31000))
    placed(world.la201, date(2022, 7, 1), AdopterSource.OTHER_LA, Decimal(29000), north_adopters)
    client.force_login(users.la_manager)  # LA 101's
    page = client.get("/reports/?scope=raa%3Anorth&period=2022-23").content.decode()
    assert "£27,000.00" in page
    # Hillside's fees paid and Southtown's fees to the RAA are not LA 101's to see.
    assert "Hillside" not in page and "£31,000.00" not in page
    assert "Southtown" not in page and "£29,000.00" not in page
    client.force_login(users.raa_manager)
    page = client.get("/reports/?scope=raa%3Anorth&period=2022-23").content.decode()
    assert "£31,000.00" in page and "£29,000.00" in page


@pytest.mark.django_db
def test_support_and_money_are_for_the_users_own_area(world, users):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users.support_worker)  # the north's
    response = api.get("/api/v1/support-and-money/?scope=all&period=2022-23")
    assert response.status_code == 403
    assert response.json()["detail"] == "Support and money are shown for your own LA or RAA only."
