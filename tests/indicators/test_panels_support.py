"""Panel, disruption and support figures (docs/indicators.md §6,
indicators/calculations/panels_support.py) on hand-built records, answers by hand."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.calculations.engine import figures_for
from indicators.periods import Period
from indicators.scopes import parse_scope
from panels import services as panels
from panels.models import Panel, PanelMember
from support.models import FundApplication, SupportAssessment, SupportReferral
from tests.factories import ChildFactory, HouseholdFactory, journey

Y2022 = Period.parse("2022-23")  # ends 31 Mar 2023


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
            therapy_type="theraplay",
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
