"""Adopter (§5), panel and support (§6) figures on hand-built records, answers by hand."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from indicators.selectors import figure_rows
from panels import services as panels
from panels.models import Panel, PanelMember
from support.models import FundApplication, SupportAssessment, SupportReferral
from tests.factories import ChildFactory, HouseholdFactory, LinkFactory, journey

Y2022 = Period.parse("2022-23")  # ends 31 Mar 2023


@pytest.mark.django_db
def test_adopter_pipeline_clocks_and_waiting(world, users):
    def household(**dates):
        return HouseholdFactory(la=world.la101, **dates)

    # Registered 1 May, approved 31 Oct 2022: 183 days, within six months.
    h1 = household(
        enquiry=date(2022, 4, 1),
        registration=date(2022, 5, 1),
        stage1_decision=date(2022, 6, 15),
        stage2_start=date(2022, 6, 20),
        panel=date(2022, 10, 1),
        approved=date(2022, 10, 31),
    )
    # Registered 1 Nov 2021, approved 4 May 2022: 184 days, not within six months.
    h2 = household(registration=date(2021, 11, 1), approved=date(2022, 5, 4))
    # Stage 1 open since 1 Jan 2023: more than two months by 31 Mar 2023 (due by 1 Mar).
    household(registration=date(2023, 1, 1))
    # Stage 1 open since 1 Feb 2023: not yet two months.
    household(registration=date(2023, 2, 1))
    # Stage 2 open since 1 Nov 2022: more than four months by 31 Mar 2023.
    household(
        registration=date(2022, 8, 1),
        stage1_decision=date(2022, 10, 1),
        stage2_start=date(2022, 11, 1),
    )
    # Withdrawn: no clock runs.
    household(registration=date(2022, 12, 1), withdrawn=date(2023, 2, 1))
    # Approved 10 Jan 2022, matched 9 Apr 2022: one day short of three months.
    h7 = household(registration=date(2021, 9, 1), approved=date(2022, 1, 10))
    child_journey = journey(world.la101, entered_care=date(2021, 1, 1))
    # h2 matched 1 Sep 2022, four months after approval.
    LinkFactory(
        journey=child_journey,
        household=h2,
        linked=date(2022, 8, 1),
        matched=date(2022, 9, 1),
        status="matched",
    )
    LinkFactory(
        journey=child_journey,
        household=h7,
        linked=date(2022, 4, 1),
        matched=date(2022, 4, 9),
        status="matched",
    )

    figures = figures_for(parse_scope("la:101"), Y2022)
    values = {
        code: figures[code].value
        for code in (
            "enquiries",
            "registrations",
            "stage2_starts",
            "approvals",
            "stage1_overdue",
            "stage2_overdue",
            "adopters_waiting_at_end",
        )
    }
    assert values == {
        "enquiries": 1,
        "registrations": 5,
        "stage2_starts": 2,
        "approvals": 2,
        "stage1_overdue": 1,
        "stage2_overdue": 1,
        "adopters_waiting_at_end": 1,  # h1 only
    }
    within = figures["approved_within_6_months"]
    assert (within.count, within.n, within.value) == (1, 2, 50.0)
    waited = figures["adopters_waited_3_months"]  # h2 waited, h7 did not
    assert (waited.count, waited.n, waited.value) == (1, 2, 50.0)
    rows = figure_rows(
        user=users.superuser,
        code="adopters_waiting_at_end",
        scope=parse_scope("la:101"),
        period=Y2022,
    )
    assert list(rows) == [h1]
    # No child awaits a match, one household waits: 0 children per household.
    assert figures["sufficiency_ratio"].value == 0.0
    assert h1.stage == "approved"


@pytest.mark.django_db
def test_panel_meetings_items_quorum_and_decision_days(world, users):
    adviser = users.panel_adviser
    panel = Panel.objects.create(raa=world.north, name="North panel")
    roles = ["chair", "social_worker", "independent", "medical_adviser", "other"]
    members = [PanelMember.objects.create(panel=panel, name=r, role=r) for r in roles]
    quorate = panels.meeting_schedule(user=adviser, panel=panel, on=date(2022, 6, 8))
    panels.attendance_record(user=adviser, meeting=quorate, members=members)
    short = panels.meeting_schedule(user=adviser, panel=panel, on=date(2022, 7, 13))
    panels.attendance_record(user=adviser, meeting=short, members=members[:3])

    approval = panels.item_add(
        user=adviser,
        meeting=quorate,
        business_type="adopter_approval",
        household=HouseholdFactory(la=world.la101),
    )
    match = panels.item_add(
        user=adviser,
        meeting=quorate,
        business_type="match",
        journey=journey(world.la102, entered_care=date(2021, 1, 1)),
    )
    deferred = panels.item_add(
        user=adviser,
        meeting=short,
        business_type="adopter_approval",
        household=HouseholdFactory(la=world.la101),
    )
    for item in (approval, match):
        panels.recommendation_record(user=adviser, item=item, recommendation="recommended")
    panels.recommendation_record(
        user=adviser, item=deferred, recommendation="deferred", reason="Medical report awaited"
    )
    # Wed 8 Jun 2022 -> Fri 17 Jun: 7 working days; -> Tue 21 Jun: 9 working days (late).
    panels.agency_decision_record(
        user=adviser, item=approval, decision_maker="ADM", decided=date(2022, 6, 17)
    )
    panels.agency_decision_record(
        user=adviser, item=match, decision_maker="ADM", decided=date(2022, 6, 21)
    )

    north = figures_for(parse_scope("raa:north"), Y2022)
    assert north["meetings_held"].value == 2
    assert (north["meetings_not_quorate"].count, north["meetings_not_quorate"].value) == (1, 50.0)
    assert north["panel_items"].value == 3
    assert (north["items_adopter_approval"].value, north["items_match"].value) == (2, 1)
    assert north["recommendations_recommended"].value == 2
    assert north["recommendations_deferred"].value == 1
    assert north["decision_working_days"].value == 8  # (7 + 9) / 2
    assert (north["decisions_late"].count, north["decisions_late"].n) == (1, 2)
    la101 = figures_for(parse_scope("la:101"), Y2022)
    assert la101["panel_items"].value == 2
    assert "meetings_held" not in la101  # meetings belong to the RAA's panels


@pytest.mark.django_db
def test_support_referrals_assessments_and_the_fund(world):
    # 1 May -> 30 Jun 2022 is 60 days; 1 Jul -> 1 Aug 2022 is 31 days: mean 45.5, rounds to 46.
    for referred, completed in (
        (date(2022, 5, 1), date(2022, 6, 30)),
        (date(2022, 7, 1), date(2022, 8, 1)),
    ):
        referral = SupportReferral.objects.create(la=world.la101, referred=referred)
        SupportAssessment.objects.create(referral=referral, started=referred, completed=completed)
    funded, declined = ChildFactory(la=world.la101), ChildFactory(la=world.la101)
    for child, applied, approved, decided in (
        (funded, 3000, 2500, date(2022, 9, 1)),
        (funded, 1000, 1000, date(2022, 10, 1)),
        (declined, 4000, None, date(2022, 11, 1)),
    ):
        FundApplication.objects.create(
            child=child,
            financial_year="2022-23",
            therapy_type="Theraplay",
            provider="Kite",
            amount_applied=Decimal(applied),
            amount_approved=None if approved is None else Decimal(approved),
            status="approved" if approved else "declined",
            submitted=date(2022, 8, 1),
            decided=decided,
        )
    figures = figures_for(parse_scope("la:101"), Y2022)
    assert figures["support_referrals"].value == 2
    assert figures["assessments_completed"].value == 2
    assert figures["referral_to_assessment_days"].value == 46
    assert (
        figures["asf_applications"].value,
        figures["asf_approved"].value,
        figures["asf_declined"].value,
    ) == (3, 2, 1)
    assert figures["asf_amount_applied"].value == 8000.0
    assert figures["asf_amount_approved"].value == 3500.0
    # £3,500 approved for one child.
    assert (figures["asf_spend_per_child"].value, figures["asf_spend_per_child"].n) == (3500.0, 1)
