"""Support records beyond referrals: the Fund application's year from its date and its therapy
from a list (issue 17), contact arrangements and their exchanges, groups and their sessions, and
the support-and-money section of the API."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from support import services
from support.models import (
    EXCHANGE_BEFORE_ARRANGEMENT,
    ContactExchange,
    FundApplication,
    GroupSession,
    SupportGroup,
)
from tests.factories import ChildFactory


def apply(user, child, submitted, **fields):
    return services.fund_application_create(
        user=user,
        child=child,
        therapy_type=fields.pop("therapy_type", "theraplay"),
        provider="Kite",
        amount_applied=Decimal(1000),
        submitted=submitted,
        **fields,
    )


@pytest.mark.django_db
class TestFundYear:
    @pytest.mark.parametrize(
        "submitted, year",
        [
            (date(2026, 3, 31), "2025-26"),
            (date(2026, 4, 1), "2026-27"),
            (date(2024, 1, 1), "2023-24"),
        ],
    )
    def test_the_financial_year_comes_from_the_date_submitted(self, world, users, submitted, year):
        application = apply(users.support_worker, ChildFactory(la=world.la101), submitted)
        assert application.financial_year == year

    def test_a_typed_year_is_not_kept(self, world, users):
        application = apply(
            users.support_worker,
            ChildFactory(la=world.la101),
            date(2026, 5, 1),
            financial_year="2019-20",
        )
        assert FundApplication.objects.get(pk=application.pk).financial_year == "2026-27"

    def test_a_therapy_off_the_list_is_refused(self, world, users):
        with pytest.raises(ValidationError) as error:
            apply(
                users.support_worker,
                ChildFactory(la=world.la101),
                date(2026, 5, 1),
                therapy_type="Horse riding",
            )
        assert "therapy_type" in error.value.message_dict

    def test_the_page_offers_no_year_to_type_and_the_therapies_as_a_list(
        self, client, world, users
    ):
        child = ChildFactory(la=world.la101, la_child_id="R-1")
        referral = services.referral_create(
            user=users.support_worker, la=world.la101, child=child, referred=date(2026, 4, 2)
        )
        client.force_login(users.support_worker)
        html = client.get(f"/support/referrals/{referral.pk}/").content.decode()
        assert "apply-financial_year" not in html
        assert '<option value="ddp">Dyadic developmental psychotherapy</option>' in html


def test_existing_applications_take_their_year_from_their_date_and_a_listed_therapy():
    from importlib import import_module

    migration = import_module("support.migrations.0003_fund_years_and_therapy_types")
    assert migration.fund_year(date(2023, 3, 31)) == "2022-23"
    assert migration.therapy_kind("Dyadic developmental psychotherapy") == "ddp"
    assert migration.therapy_kind("Play therapy") == "creative"
    assert migration.therapy_kind("Theraplay") == "theraplay"
    assert migration.therapy_kind("Assessment") == "specialist_assessment"
    assert migration.therapy_kind("Horse riding") == "other"


@pytest.mark.django_db
class TestContact:
    def test_a_support_worker_records_an_arrangement_and_its_exchanges(self, client, world, users):
        ChildFactory(la=world.la101, la_child_id="C-7")
        client.force_login(users.support_worker)
        response = client.post(
            "/support/contact/",
            {
                "la": world.la101.pk,
                "child_reference": "C-7",
                "kind": "letterbox",
                "with_whom": "Birth mother",
                "frequency": "Twice a year",
                "started_day": "1",
                "started_month": "6",
                "started_year": "2025",
            },
        )
        assert response.status_code == 302
        page = response["Location"]
        response = client.post(
            page, {"exchanged_day": "1", "exchanged_month": "12", "exchanged_year": "2025"}
        )
        assert response.status_code == 302
        assert ContactExchange.objects.get().exchanged == date(2025, 12, 1)
        html = client.get(page).content.decode()
        assert "1 Dec 2025" in html

    def test_an_exchange_before_the_arrangement_is_refused_with_the_reason(
        self, client, world, users
    ):
        arrangement = services.contact_arrangement_create(
            user=users.support_worker,
            child=ChildFactory(la=world.la101),
            kind="direct",
            with_whom="Brother",
            started=date(2025, 6, 1),
        )
        client.force_login(users.support_worker)
        response = client.post(
            f"/support/contact/{arrangement.pk}/",
            {"exchanged_day": "1", "exchanged_month": "1", "exchanged_year": "2025"},
        )
        html = response.content.decode()
        assert "There is a problem" in html and EXCHANGE_BEFORE_ARRANGEMENT in html
        assert not ContactExchange.objects.exists()

    def test_another_raas_child_is_refused(self, world, users):
        with pytest.raises(PermissionDenied):
            services.contact_arrangement_create(
                user=users.support_worker,
                child=ChildFactory(la=world.la201),
                kind="letterbox",
                with_whom="Aunt",
                started=date(2025, 1, 1),
            )


@pytest.mark.django_db
class TestGroups:
    def test_a_support_worker_starts_a_group_and_records_its_sessions(self, client, world, users):
        client.force_login(users.support_worker)
        response = client.post(
            "/support/groups/",
            {"name": "Coffee mornings", "kind": "group", "provider": "", "family": "adoptive"},
        )
        assert response.status_code == 302
        group = SupportGroup.objects.get()
        assert group.raa == world.north
        response = client.post(
            f"/support/groups/{group.pk}/",
            {"held_day": "3", "held_month": "3", "held_year": "2026", "attended": "9"},
        )
        assert response.status_code == 302
        assert GroupSession.objects.get().attended == 9

    def test_another_raas_group_is_refused(self, world, users):
        south = SupportGroup.objects.create(raa=world.south, name="South", kind="group")
        with pytest.raises(PermissionDenied):
            services.group_session_record(
                user=users.support_worker, support_group=south, held=date(2026, 1, 1), attended=3
            )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status, budgets",
    [
        ("raa_manager", 200, True),
        ("support_worker", 200, False),
        ("superuser", 200, True),
        ("la_manager", 403, False),
        ("family_finder", 403, False),
        ("board_member", 403, False),
    ],
)
def test_the_support_and_money_api_by_role(world, users, role, status, budgets):
    api = APIClient()
    api.force_authenticate(getattr(users, role))
    scope = "la:101" if role == "la_manager" else "raa:north"
    response = api.get(f"/api/v1/support-and-money/?scope={scope}&period=2022-23")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["figures"]["advice_calls"] == 0
        assert ("budgets" in body) is budgets
