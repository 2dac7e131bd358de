"""Adoption Support Fund: the fair access limit of the financial year, as data."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from support import services
from support.selectors import fund_rule_for
from tests.factories import ChildFactory


@pytest.mark.django_db
class TestFund:
    def test_rules_come_from_the_year_they_apply_from(self):
        assert fund_rule_for("2024-25").fair_access_limit == Decimal("5000.00")
        assert fund_rule_for("2025-26").fair_access_limit == Decimal("3000.00")
        assert fund_rule_for("2030-31").applies_from == "2025-26"

    def test_a_warning_before_the_fair_access_limit_is_passed(self, world, users):
        worker = users.support_worker
        child = ChildFactory(la=world.la101)
        first = services.fund_application_create(
            user=worker,
            child=child,
            therapy_type="theraplay",
            provider="Kite",
            amount_applied=Decimal(2000),
            submitted=date(2025, 5, 1),
        )
        services.fund_application_decide(
            user=worker, application=first, decided=date(2025, 6, 1), approved=Decimal(2000)
        )
        second = services.fund_application_create(
            user=worker,
            child=child,
            therapy_type="ddp",
            provider="Kite",
            amount_applied=Decimal(1500),
            submitted=date(2025, 7, 1),
        )
        ok = services.fund_limit_check(application=second, amount=Decimal(1000))
        assert (ok.total_after, ok.warning) == (Decimal(3000), "")
        over = services.fund_limit_check(application=second, amount=Decimal(1500))
        assert over.total_after == Decimal(3500)
        assert "over the fair access limit of £3,000.00" in over.warning

    def test_support_records_are_for_support_workers_and_managers(self, world, users):
        with pytest.raises(PermissionDenied):
            services.referral_create(
                user=users.family_finder, la=world.la101, referred=date(2024, 1, 1)
            )
        referral = services.referral_create(
            user=users.support_worker, la=world.la101, referred=date(2024, 1, 1)
        )
        assert referral.pk
