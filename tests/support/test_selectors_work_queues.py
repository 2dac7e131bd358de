"""The support worker's work queues: referrals awaiting assessment, Fund applications pending."""

from datetime import date
from decimal import Decimal

import pytest

from support.models import FundApplication, SupportAssessment, SupportReferral
from support.selectors import fund_applications_pending, referrals_awaiting_assessment
from tests.factories import ChildFactory

STATUS = FundApplication.Status


@pytest.fixture
def support(world):
    def referral(la, referred, started=None, completed=None):
        record = SupportReferral.objects.create(la=la, referred=referred)
        if started:
            SupportAssessment.objects.create(referral=record, started=started, completed=completed)
        return record

    referrals = {
        "not started": referral(world.la101, date(2024, 3, 1)),
        "started": referral(world.la102, date(2024, 1, 15), started=date(2024, 2, 1)),
        "completed": referral(
            world.la101, date(2023, 12, 1), started=date(2024, 1, 1), completed=date(2024, 2, 1)
        ),
        "newest": referral(world.la101, date(2024, 5, 1)),
        "south": referral(world.la201, date(2023, 1, 1)),
    }
    child, south_child = ChildFactory(la=world.la101), ChildFactory(la=world.la201)

    def application(status, submitted, child=child, **fields):
        return FundApplication.objects.create(
            child=child,
            financial_year="2024-25",
            therapy_type="Therapeutic parenting",
            provider="Provider",
            amount_applied=Decimal("1800.00"),
            status=status,
            submitted=submitted,
            **fields,
        )

    applications = {
        "later": application(STATUS.SUBMITTED, date(2024, 6, 1)),
        "earlier": application(STATUS.SUBMITTED, date(2024, 5, 1)),
        "draft": application(STATUS.DRAFT, None),
        "approved": application(
            STATUS.APPROVED, date(2024, 4, 1), decided=date(2024, 4, 20), amount_approved=1800
        ),
        "declined": application(STATUS.DECLINED, date(2024, 4, 2), decided=date(2024, 4, 21)),
        "south": application(STATUS.SUBMITTED, date(2024, 1, 1), child=south_child),
    }
    return referrals, applications


@pytest.mark.django_db
class TestReferralsAwaitingAssessment:
    def test_referrals_without_a_completed_assessment_oldest_first(self, users, support):
        referrals, _ = support
        queue = list(referrals_awaiting_assessment(user=users.support_worker))
        assert queue == [referrals["started"], referrals["not started"], referrals["newest"]]


@pytest.mark.django_db
class TestFundApplicationsPending:
    def test_submitted_applications_awaiting_the_decision_longest_first(self, users, support):
        _, applications = support
        queue = list(fund_applications_pending(user=users.support_worker))
        assert queue == [applications["earlier"], applications["later"]]
