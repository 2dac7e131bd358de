"""Support pages: referrals found by the child's reference, assessments, and Fund applications
with the ledger and the warning before the fair access limit is passed."""

from datetime import date
from decimal import Decimal

import pytest

from support.forms import CHILD_NOT_FOUND
from support.models import FundApplication, SupportReferral
from support.services import DECIDED_BEFORE_SUBMITTED
from tests.factories import ChildFactory


@pytest.fixture
def referral(world):
    child = ChildFactory(la=world.la101, la_child_id="ASF-1")
    return SupportReferral.objects.create(la=world.la101, child=child, referred=date(2026, 4, 10))


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


@pytest.mark.django_db
class TestReferrals:
    def test_a_support_worker_records_a_referral_for_a_child_by_reference(
        self, client, users, world
    ):
        ChildFactory(la=world.la101, la_child_id="C-9")
        response = post(
            client,
            users.support_worker,
            "/support/",
            {"la": world.la101.pk, "referred": "2026-05-01", "child_reference": "C-9"},
        )
        assert response.status_code == 302
        assert SupportReferral.objects.get().child.la_child_id == "C-9"

    def test_an_unknown_child_reference_is_named_in_the_error_summary(self, client, users, world):
        response = post(
            client,
            users.support_worker,
            "/support/",
            {"la": world.la101.pk, "referred": "2026-05-01", "child_reference": "NOPE"},
        )
        message = CHILD_NOT_FOUND.format(la=world.la101.name)
        assert f'<a href="#id_child_reference">Child&#x27;s LA reference: {message}' in (
            response.content.decode()
        )
        assert not SupportReferral.objects.exists()

    def test_family_finders_and_board_members_are_refused(self, client, users):
        for user in (users.family_finder, users.board_member):
            client.force_login(user)
            assert client.get("/support/").status_code == 403


@pytest.mark.django_db
class TestFund:
    def apply(self, client, user, referral, amount, **extra):
        return post(
            client,
            user,
            f"/support/referrals/{referral.pk}/",
            {
                "form": "apply",
                "apply-therapy_type": "therapeutic_parenting",
                "apply-provider": "Family Futures",
                "apply-amount_applied": amount,
                "apply-submitted": "2026-05-01",
                **extra,
            },
        )

    def test_passing_the_limit_warns_first_and_saves_only_when_confirmed(
        self, client, users, referral
    ):
        FundApplication.objects.create(
            child=referral.child,
            financial_year="2026-27",
            therapy_type="specialist_assessment",
            provider="A",
            amount_applied=Decimal("2000"),
            amount_approved=Decimal("2000"),
            status="approved",
            submitted=date(2026, 4, 20),
            decided=date(2026, 4, 25),
        )
        # £2,000 approved this year; £1,500 more would make £3,500, over the £3,000 limit that
        # applies from 2025-26.
        response = self.apply(client, users.support_worker, referral, "1500")
        assert response.status_code == 200
        html = response.content.decode()
        assert "over the fair access limit of £3,000.00" in html
        assert "I understand this passes the fair access limit" in html
        assert FundApplication.objects.count() == 1
        confirmed = self.apply(
            client, users.support_worker, referral, "1500", **{"apply-confirm_over_limit": "on"}
        )
        assert confirmed.status_code == 302
        assert FundApplication.objects.count() == 2

    def test_the_ledger_shows_the_years_total_against_its_limit(self, client, users, referral):
        self.apply(client, users.support_worker, referral, "1200")
        application = FundApplication.objects.get()
        response = post(
            client,
            users.support_worker,
            f"/support/referrals/{referral.pk}/",
            {
                "form": f"decide-{application.pk}",
                f"decide-{application.pk}-decided": "2026-05-20",
                f"decide-{application.pk}-approved": "1000",
            },
        )
        assert response.status_code == 302
        html = client.get(f"/support/referrals/{referral.pk}/").content.decode()
        assert "2026-27: £1,000.00 approved of the £3,000.00 fair access limit" in html

    def test_a_decision_before_submission_is_refused_with_the_reason(self, client, users, referral):
        self.apply(client, users.support_worker, referral, "500")
        application = FundApplication.objects.get()
        response = post(
            client,
            users.support_worker,
            f"/support/referrals/{referral.pk}/",
            {
                "form": f"decide-{application.pk}",
                f"decide-{application.pk}-decided": "2026-04-01",
                f"decide-{application.pk}-approved": "500",
            },
        )
        assert response.status_code == 200
        message = DECIDED_BEFORE_SUBMITTED.format(decided="2026-04-01", submitted="2026-05-01")
        html = response.content.decode()
        assert (
            f'<a href="#id_decide-{application.pk}-decided_day">Date of the Fund&#x27;s decision: '
            in html
        )
        assert message.replace("'", "&#x27;") in html
        application.refresh_from_db()
        assert application.status == "submitted"
