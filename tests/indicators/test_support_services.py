"""Adoption support beyond the Fund (docs/indicators.md §8,
indicators/calculations/support_services.py) on hand-built records, answers by hand."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.calculations.engine import figures_for
from indicators.calculations.support_services import (
    assessment_median_days,
    attendance_by_group,
    fund_by,
)
from indicators.periods import Period
from indicators.scopes import parse_scope
from journeys.models import SiblingGroup
from support.models import (
    ContactArrangement,
    ContactExchange,
    FundApplication,
    GroupSession,
    SupportAssessment,
    SupportGroup,
    SupportReferral,
)
from tests.factories import ChildFactory

Y2022 = Period.parse("2022-23")  # 1 Apr 2022 to 31 Mar 2023


def figures(scope: str = "raa:north", period: Period = Y2022):
    return figures_for(parse_scope(scope), period)


def referral(la, referred, **fields):
    return SupportReferral.objects.create(la=la, referred=referred, **fields)


@pytest.mark.django_db
def test_advice_calls_and_the_share_followed_up(world):
    # In 2022-23: three advice-line calls, two needing a follow-up, one of them followed up (in
    # the next year, which still counts); a call not through the advice line and one from before
    # the year are left out.
    referral(world.la101, date(2022, 4, 1), follow_up_needed=True, followed_up=date(2023, 4, 5))
    referral(world.la101, date(2022, 9, 1), follow_up_needed=True)
    referral(world.la102, date(2023, 3, 31))
    referral(world.la101, date(2022, 6, 1), via_advice_line=False, follow_up_needed=True)
    referral(world.la101, date(2022, 3, 31), follow_up_needed=True)
    north = figures()
    assert north["advice_calls"].value == 3
    done = north["advice_follow_ups_done"]
    assert (done.count, done.n, done.value) == (1, 2, 50.0)
    assert figures("la:102")["advice_calls"].value == 1


@pytest.mark.django_db
def test_no_follow_up_needed_gives_no_share_rather_than_zero(world):
    referral(world.la101, date(2022, 5, 1))
    done = figures()["advice_follow_ups_done"]
    assert (done.n, done.value) == (0, None)


@pytest.mark.django_db
def test_birth_parents_and_special_guardians_are_counted_apart(world):
    referral(world.la101, date(2022, 5, 1), family=SupportReferral.Family.BIRTH_PARENT)
    referral(world.la101, date(2022, 6, 1), family=SupportReferral.Family.BIRTH_PARENT)
    referral(world.la103, date(2022, 7, 1), family=SupportReferral.Family.SPECIAL_GUARDIANSHIP)
    referral(world.la101, date(2022, 8, 1))
    north = figures()
    assert north["birth_parent_referrals"].value == 2
    assert north["special_guardianship_referrals"].value == 1
    assert north["support_referrals"].value == 4


def assessment(la, referred, started, completed=None, **plan):
    return SupportAssessment.objects.create(
        referral=referral(la, referred), started=started, completed=completed, **plan
    )


@pytest.mark.django_db
def test_assessments_awaiting_at_the_end_and_the_median_days_waited(world):
    # Completed in 2022-23, days from referral: 10 (1 May -> 11 May), 30 (1 Jun -> 1 Jul),
    # 61 (1 Aug -> 1 Oct), 100 (1 Nov 2022 -> 9 Feb 2023). Median of four: (30 + 61) / 2 =
    # 45.5, rounds half up to 46.
    assessment(world.la101, date(2022, 5, 1), date(2022, 5, 2), date(2022, 5, 11))
    assessment(world.la101, date(2022, 6, 1), date(2022, 6, 2), date(2022, 7, 1))
    assessment(world.la102, date(2022, 8, 1), date(2022, 8, 2), date(2022, 10, 1))
    assessment(world.la102, date(2022, 11, 1), date(2022, 11, 2), date(2023, 2, 9))
    # Awaiting on 31 Mar 2023: started, completed later (1 Apr 2023) or not at all.
    assessment(world.la101, date(2023, 1, 1), date(2023, 1, 5), date(2023, 4, 1))
    assessment(world.la103, date(2023, 2, 1), date(2023, 3, 31))
    # Started after the year: not awaiting at its end.
    assessment(world.la101, date(2023, 3, 30), date(2023, 4, 2))
    assert figures()["assessments_awaiting_at_end"].value == 2
    everyone = SupportAssessment.objects.all()
    assert assessment_median_days(everyone, Y2022) == 46
    la101 = everyone.filter(referral__la=world.la101)
    assert assessment_median_days(la101, Y2022) == 20  # (10 + 30) / 2
    assert assessment_median_days(everyone, Period.parse("2019-20")) is None


@pytest.mark.django_db
def test_an_odd_number_of_assessments_takes_the_middle_one(world):
    for completed in (date(2022, 5, 4), date(2022, 5, 8), date(2022, 6, 30)):
        assessment(world.la101, date(2022, 5, 1), date(2022, 5, 1), completed)
    assert assessment_median_days(SupportAssessment.objects.all(), Y2022) == 7  # 3, 7, 60


@pytest.mark.django_db
def test_support_plans_agreed_reviewed_and_overdue(world):
    started = date(2022, 4, 1)
    # Agreed in the year, reviewed in it, next review due after it: agreed and reviewed.
    assessment(
        world.la101, started, started, date(2022, 4, 20),
        plan_agreed=date(2022, 5, 1), plan_review_due=date(2023, 5, 1),
        plan_reviewed=date(2022, 11, 1),
    )  # fmt: skip
    # Agreed in the year, review due 1 Nov 2022, never reviewed: overdue at 31 Mar 2023.
    assessment(
        world.la101, started, started, date(2022, 4, 20),
        plan_agreed=date(2022, 5, 1), plan_review_due=date(2022, 11, 1),
    )  # fmt: skip
    # Agreed the year before, last reviewed in it, next due 1 Mar 2023 and not done: overdue.
    assessment(
        world.la102, date(2021, 4, 1), date(2021, 4, 1), date(2021, 4, 20),
        plan_agreed=date(2021, 5, 1), plan_review_due=date(2023, 3, 1),
        plan_reviewed=date(2021, 11, 1),
    )  # fmt: skip
    # Due on the year's last day: not yet overdue.
    assessment(
        world.la102, started, started, date(2022, 4, 20),
        plan_agreed=date(2022, 9, 30), plan_review_due=date(2023, 3, 31),
    )  # fmt: skip
    north = figures()
    assert north["support_plans_agreed"].value == 3
    assert north["plan_reviews_done"].value == 1
    assert north["plan_reviews_overdue_at_end"].value == 2


@pytest.mark.django_db
def test_group_sessions_and_attendance(world):
    group = SupportGroup.objects.create(raa=world.north, name="Coffee", kind="group")
    course = SupportGroup.objects.create(raa=world.north, name="Course", kind="course")
    south = SupportGroup.objects.create(raa=world.south, name="South", kind="group")
    for held, attended in ((date(2022, 4, 1), 5), (date(2022, 5, 1), 6)):
        GroupSession.objects.create(support_group=group, held=held, attended=attended)
    GroupSession.objects.create(support_group=course, held=date(2023, 3, 31), attended=12)
    GroupSession.objects.create(support_group=course, held=date(2023, 4, 1), attended=40)
    GroupSession.objects.create(support_group=south, held=date(2022, 6, 1), attended=9)
    assert figures()["group_sessions"].value == 3
    assert figures("raa:south")["group_sessions"].value == 1
    rows = attendance_by_group(GroupSession.objects.filter(support_group__raa=world.north), Y2022)
    assert rows == [
        {"name": "Coffee", "kind": "Support group", "sessions": 2, "attendances": 11,
         "mean": 5.5},
        {"name": "Course", "kind": "Training course", "sessions": 1, "attendances": 12,
         "mean": 12.0},
    ]  # fmt: skip


@pytest.mark.django_db
def test_contact_exchanges_by_type_and_arrangements_open(world):
    child = ChildFactory(la=world.la101)
    letterbox = ContactArrangement.objects.create(
        child=child, kind="letterbox", with_whom="Birth mother", started=date(2021, 1, 1)
    )
    direct = ContactArrangement.objects.create(
        child=child,
        kind="direct",
        with_whom="Brother",
        started=date(2022, 1, 1),
        ended=date(2022, 12, 31),
    )
    ContactArrangement.objects.create(
        child=ChildFactory(la=world.la201), kind="letterbox", with_whom="Aunt",
        started=date(2021, 1, 1),
    )  # fmt: skip
    for day in (date(2022, 4, 1), date(2022, 10, 1), date(2023, 4, 1)):
        ContactExchange.objects.create(arrangement=letterbox, exchanged=day)
    ContactExchange.objects.create(arrangement=direct, exchanged=date(2022, 8, 1))
    north = figures()
    assert north["contact_exchanges_letterbox"].value == 2
    assert north["contact_exchanges_direct"].value == 1
    # The direct arrangement ended before 31 Mar 2023; the south LA's is not the north's.
    assert north["contact_arrangements_open_at_end"].value == 1


def application(child, submitted, status="approved", approved=None, **fields):
    return FundApplication.objects.create(
        child=child,
        financial_year="2022-23",
        therapy_type=fields.pop("therapy_type", "theraplay"),
        provider=fields.pop("provider", "Kite"),
        amount_applied=fields.pop("amount_applied", Decimal(1000)),
        amount_approved=approved,
        status=status,
        submitted=submitted,
        decided=fields.pop("decided", submitted),
        **fields,
    )


@pytest.mark.django_db
def test_the_fund_by_family_and_by_child(world):
    # Two sisters of one sibling group and one child alone are funded: three children, two
    # families. A declined application and one approved the year after count for neither.
    group = SiblingGroup.objects.create(la=world.la101, reference="G1")
    sister, other_sister = (ChildFactory(la=world.la101, sibling_group=group) for _ in "ab")
    alone, declined = ChildFactory(la=world.la102), ChildFactory(la=world.la102)
    application(sister, date(2022, 5, 1), approved=Decimal(1000), match_funding=Decimal(200))
    application(sister, date(2022, 6, 1), approved=Decimal(500))
    application(other_sister, date(2022, 7, 1), approved=Decimal(800))
    application(alone, date(2022, 8, 1), approved=Decimal(900), match_funding=Decimal(300))
    application(declined, date(2022, 9, 1), status="declined")
    application(declined, date(2023, 4, 2), approved=Decimal(100))
    north = figures()
    assert north["asf_children_funded"].value == 3
    assert north["asf_families_funded"].value == 2
    assert north["asf_match_funding"].value == 500.0
    assert figures("la:101")["asf_families_funded"].value == 1


@pytest.mark.django_db
def test_the_fund_by_therapy_type_and_provider(world):
    child = ChildFactory(la=world.la101)
    application(child, date(2022, 5, 1), approved=Decimal(1000), match_funding=Decimal(250))
    application(child, date(2022, 6, 1), approved=Decimal(2000), therapy_type="ddp",
                provider="Family Futures")  # fmt: skip
    application(child, date(2022, 7, 1), status="declined", therapy_type="ddp")
    # Submitted in March 2022 and decided in the year: approved in it, not applied in it.
    application(child, date(2022, 3, 1), approved=Decimal(300), decided=date(2022, 4, 10))
    rows = fund_by(FundApplication.objects.all(), Y2022, "therapy_type")
    assert rows == [
        {"name": "Dyadic developmental psychotherapy", "applications": 2, "approved": 1,
         "amount_approved": Decimal(2000), "match_funding": Decimal(0)},
        {"name": "Theraplay", "applications": 1, "approved": 2,
         "amount_approved": Decimal(1300), "match_funding": Decimal(250)},
    ]  # fmt: skip
    providers = fund_by(FundApplication.objects.all(), Y2022, "provider")
    assert [(row["name"], row["amount_approved"]) for row in providers] == [
        ("Family Futures", Decimal(2000)),
        ("Kite", Decimal(1300)),
    ]
    assert fund_by(FundApplication.objects.none(), Y2022, "provider") == []


@pytest.mark.django_db
def test_the_fund_by_provider_names_an_unrecorded_provider_in_words(world):
    application(ChildFactory(la=world.la101), date(2022, 5, 1), approved=Decimal(700), provider="")
    rows = fund_by(FundApplication.objects.all(), Y2022, "provider")
    assert [(row["name"], row["amount_approved"]) for row in rows] == [
        ("Not recorded", Decimal(700))
    ]
