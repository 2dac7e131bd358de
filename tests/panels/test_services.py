"""Panels: the quorum rule kept as data, and the 7-working-day clock for agency decisions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from panels import services
from panels.models import Panel, PanelMember, QuorumRule
from panels.working_days import working_days_between
from tests.factories import HouseholdFactory

FULL_PANEL = ["chair", "vice_chair", "social_worker", "independent", "medical_adviser", "other"]


@pytest.fixture
def panel(world):
    panel = Panel.objects.create(raa=world.north, name="North panel")
    for role in FULL_PANEL:
        PanelMember.objects.create(panel=panel, name=f"{role} member", role=role)
    return panel


def members(panel, *roles):
    return [panel.members.get(role=role) for role in roles]


@pytest.mark.django_db
class TestQuorum:
    def test_five_members_with_chair_social_worker_and_independent_are_quorate(self, panel, users):
        meeting = services.meeting_schedule(
            user=users.panel_adviser, panel=panel, on=date(2023, 5, 10)
        )
        quorum = services.attendance_record(
            user=users.panel_adviser,
            meeting=meeting,
            members=members(
                panel, "chair", "social_worker", "independent", "medical_adviser", "other"
            ),
        )
        assert (quorum.quorate, quorum.present, quorum.needed) == (True, 5, 5)

    def test_missing_independent_member_is_not_quorate_and_says_why(self, panel, users):
        meeting = services.meeting_schedule(
            user=users.panel_adviser, panel=panel, on=date(2023, 5, 10)
        )
        quorum = services.attendance_record(
            user=users.panel_adviser,
            meeting=meeting,
            members=members(
                panel, "chair", "vice_chair", "social_worker", "medical_adviser", "other"
            ),
        )
        assert not quorum.quorate
        assert quorum.missing == ["an independent member"]

    def test_a_joint_panel_needs_six_and_the_rule_is_data(self, panel, users, world):
        panel.joint = True
        panel.save()
        meeting = services.meeting_schedule(
            user=users.panel_adviser, panel=panel, on=date(2023, 5, 10)
        )
        five = members(panel, "chair", "social_worker", "independent", "medical_adviser", "other")
        quorum = services.attendance_record(user=users.panel_adviser, meeting=meeting, members=five)
        assert not quorum.quorate and quorum.needed == 6
        QuorumRule.objects.create(raa=world.north, min_members_joint=5)
        assert services.quorum_check(meeting=meeting).quorate


@pytest.mark.django_db
class TestAgencyDecisions:
    def test_working_days_skip_weekends_and_england_bank_holidays(self):
        # Thu 21 Dec 2023 -> Wed 3 Jan 2024: Fri 22, Wed 27, Thu 28, Fri 29, Tue 2, Wed 3 = 6
        # (25, 26 Dec and 1 Jan are bank holidays).
        assert working_days_between(date(2023, 12, 21), date(2024, 1, 3)) == 6
        # Easter 2024: Thu 28 Mar -> Tue 2 Apr skips Good Friday and Easter Monday: 1 day.
        assert working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 1
        assert working_days_between(date(2024, 3, 28), date(2024, 3, 28)) == 0

    def test_decision_records_its_working_days_and_refuses_a_date_before_panel(
        self, panel, users, world
    ):
        adviser = users.panel_adviser
        meeting = services.meeting_schedule(user=adviser, panel=panel, on=date(2023, 12, 21))
        item = services.item_add(
            user=adviser,
            meeting=meeting,
            business_type="adopter_approval",
            household=HouseholdFactory(la=world.la101),
        )
        with pytest.raises(ValidationError, match="not made a recommendation"):
            services.agency_decision_record(
                user=adviser, item=item, decision_maker="ADM", decided=date(2024, 1, 3)
            )
        services.recommendation_record(user=adviser, item=item, recommendation="recommended")
        with pytest.raises(ValidationError, match="cannot be before the panel meeting"):
            services.agency_decision_record(
                user=adviser, item=item, decision_maker="ADM", decided=date(2023, 12, 20)
            )
        decision = services.agency_decision_record(
            user=adviser, item=item, decision_maker="ADM", decided=date(2024, 1, 3)
        )
        assert decision.working_days == 6

    def test_a_deferral_needs_a_reason(self, panel, users, world):
        meeting = services.meeting_schedule(
            user=users.panel_adviser, panel=panel, on=date(2023, 5, 10)
        )
        item = services.item_add(
            user=users.panel_adviser,
            meeting=meeting,
            business_type="adopter_approval",
            household=HouseholdFactory(la=world.la101),
        )
        with pytest.raises(ValidationError):
            services.recommendation_record(
                user=users.panel_adviser, item=item, recommendation="deferred"
            )
