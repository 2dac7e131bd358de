"""Hub budgets and outturns: kept by the RAA manager through the service, the page and the API,
within the manager's own RAA."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from finance import services
from finance.models import NOT_A_FINANCIAL_YEAR, HubBudget
from tests.factories import HubFactory


@pytest.mark.django_db
class TestService:
    def test_a_year_recorded_again_replaces_its_figures(self, world, users):
        manager = users.raa_manager
        first = services.hub_budget_record(
            user=manager, hub=world.hub_one, financial_year="2024-25", budget=Decimal(1000)
        )
        again = services.hub_budget_record(
            user=manager,
            hub=world.hub_one,
            financial_year="2024-25",
            budget=Decimal(1200),
            outturn=Decimal(1300),
        )
        assert again.pk == first.pk
        assert HubBudget.objects.get().outturn == Decimal(1300)

    @pytest.mark.parametrize("role", ["support_worker", "la_manager", "board_member"])
    def test_only_the_raa_manager_keeps_the_money(self, world, users, role):
        with pytest.raises(PermissionDenied):
            services.hub_budget_record(
                user=getattr(users, role),
                hub=world.hub_one,
                financial_year="2024-25",
                budget=Decimal(1000),
            )

    def test_another_raas_hub_is_refused_and_cannot_be_moved_to(self, world, users):
        south_hub = HubFactory(raa=world.south, name="South hub")
        with pytest.raises(PermissionDenied):
            services.hub_budget_record(
                user=users.raa_manager, hub=south_hub, financial_year="2024-25", budget=1
            )
        record = services.hub_budget_record(
            user=users.raa_manager, hub=world.hub_one, financial_year="2024-25", budget=1
        )
        with pytest.raises(PermissionDenied):
            services.hub_budget_update(user=users.raa_manager, hub_budget=record, hub=south_hub)
        record.refresh_from_db()
        assert record.hub == world.hub_one

    @pytest.mark.parametrize("year", ["2024-26", "2024", "24-25"])
    def test_a_year_that_is_not_a_financial_year_is_refused(self, world, users, year):
        with pytest.raises(ValidationError) as error:
            services.hub_budget_record(
                user=users.raa_manager, hub=world.hub_one, financial_year=year, budget=1
            )
        assert error.value.message_dict["financial_year"] == [NOT_A_FINANCIAL_YEAR]


@pytest.mark.django_db
class TestPage:
    def test_the_manager_records_a_budget_and_sees_it_as_money(self, client, world, users):
        client.force_login(users.raa_manager)
        response = client.post(
            "/money/",
            {
                "hub": world.hub_two.pk,
                "financial_year": "2025-26",
                "budget": "1800",
                "outturn": "",
                "notes": "",
            },
        )
        assert response.status_code == 302
        html = client.get("/money/").content.decode()
        assert "£1,800.00" in html and "Not yet known" in html

    def test_a_wrong_year_is_named_in_the_error_summary(self, client, world, users):
        client.force_login(users.raa_manager)
        response = client.post(
            "/money/", {"hub": world.hub_two.pk, "financial_year": "2025-27", "budget": "1"}
        )
        html = response.content.decode()
        assert "There is a problem" in html
        assert f'<a href="#id_financial_year">Financial year: {NOT_A_FINANCIAL_YEAR}' in html
        assert not HubBudget.objects.exists()

    def test_other_roles_are_refused(self, client, users):
        client.force_login(users.support_worker)
        assert client.get("/money/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [
        ("raa_manager", 201),
        ("superuser", 201),
        ("support_worker", 403),
        ("la_manager", 403),
        ("family_finder", 403),
        ("panel_adviser", 403),
        ("board_member", 403),
    ],
)
def test_the_api_writes_budgets_for_the_raa_manager_only(world, users, role, status):
    api = APIClient()
    api.force_authenticate(getattr(users, role))
    body = {"hub": world.hub_one.pk, "financial_year": "2024-25", "budget": "1000.00"}
    response = api.post("/api/v1/hub-budgets/", body, format="json")
    assert response.status_code == status
    listed = api.get("/api/v1/hub-budgets/")
    assert listed.status_code == (200 if status == 201 else 403)
