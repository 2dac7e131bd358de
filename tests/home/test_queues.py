"""Each role's home page is its work queue: rows linking to the records, oldest first, counts,
and a plain sentence when there is nothing to do."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.models import Export
from journeys.models import Link
from panels.models import Meeting, Panel, PanelItem
from support.models import FundApplication, SupportReferral
from tests.factories import ChildFactory, HouseholdFactory, journey

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - timedelta(days=days)


def section(html: str, key: str) -> str:
    """The part of the page of one queue (up to the next queue's heading)."""
    start = html.index(f'id="{key}"')
    following = html.find("<section", start)
    return html[start : following if following != -1 else len(html)]


@pytest.fixture
def casework(world):
    older = journey(world.la101, adm_decision=days_ago(300))
    newer = journey(world.la102, adm_decision=days_ago(40))
    linked = journey(world.la101, adm_decision=days_ago(200))
    Link.objects.create(
        journey=linked, household=HouseholdFactory(la=world.la101), linked=days_ago(30)
    )
    journey(world.la201, adm_decision=days_ago(500))  # another RAA's
    panel = Panel.objects.create(raa=world.north, name="North panel")
    next_panel = Meeting.objects.create(panel=panel, date=TODAY + timedelta(days=9))
    household = HouseholdFactory(la=world.la101)
    PanelItem.objects.create(
        meeting=next_panel, business_type="adopter_approval", household=household
    )
    last_panel = Meeting.objects.create(panel=panel, date=days_ago(30))
    PanelItem.objects.create(
        meeting=last_panel,
        business_type="adopter_approval",
        household=household,
        recommendation="recommended",
    )
    referral = SupportReferral.objects.create(la=world.la101, referred=days_ago(20))
    FundApplication.objects.create(
        child=ChildFactory(la=world.la101),
        referral=referral,
        financial_year="2024-25",
        therapy_type="Sensory integration",
        provider="Provider",
        amount_applied=Decimal("1800"),
        submitted=days_ago(10),
    )
    return {"older": older, "newer": newer, "linked": linked, "next_panel": next_panel}


@pytest.mark.django_db
class TestWorkQueues:
    def test_a_family_finders_children_waiting_without_a_link_longest_first(
        self, client, users, casework
    ):
        client.force_login(users.family_finder)
        html = client.get("/").content.decode()
        waiting = section(html, "waiting-without-link")
        assert "2 in all" in waiting
        older, newer = (f'href="/journeys/{casework[key].pk}/"' for key in ("older", "newer"))
        assert waiting.index(older) < waiting.index(newer)
        assert "300 days" in waiting
        links = section(html, "links-without-match")
        assert f'href="/journeys/{casework["linked"].pk}/"' in links and "1 in all" in links
        assert 'id="next-panels"' not in html and 'id="children-waiting"' not in html

    def test_a_panel_advisers_next_panels_and_overdue_decisions(self, client, users, casework):
        client.force_login(users.panel_adviser)
        html = client.get("/").content.decode()
        panels = section(html, "next-panels")
        assert f'href="/panels/meetings/{casework["next_panel"].pk}/"' in panels
        assert "1 item" in panels and "Papers not received" in panels
        assert '<td class="govuk-table__cell">1</td>' in panels
        decisions = section(html, "decisions-due")
        assert "1 in all, 1 overdue" in decisions and "(overdue)" in decisions

    def test_a_support_workers_referrals_and_fund_applications(self, client, users, casework):
        client.force_login(users.support_worker)
        html = client.get("/").content.decode()
        assert "Not started" in section(html, "referrals-awaiting-assessment")
        fund = section(html, "fund-applications-pending")
        assert "Sensory integration" in fund and "£1,800.00" in fund

    def test_an_la_managers_own_childrens_waits_and_data_problems(self, client, users, casework):
        client.force_login(users.la_manager)
        html = client.get("/").content.decode()
        waiting = section(html, "children-waiting")
        assert "Children waiting in Riverside" in waiting and "2 in all" in waiting
        assert f"/journeys/{casework['newer'].pk}/" not in waiting  # Hillside's child
        assert "No data-quality problem found." in section(html, "data-quality")

    def test_a_board_members_latest_scorecard(self, client, users, world):
        client.force_login(users.board_member)
        assert "No scorecard has been made yet." in client.get("/").content.decode()
        for quarter in ("2024-25 Q1", "2024-25 Q2"):
            Export.objects.create(
                kind=Export.Kind.SCORECARD_PDF,
                scope="raa:north",
                scope_name="North Adoption",
                period=quarter,
                status=Export.Status.DONE,
                finished_at=timezone.now(),
            )
        html = section(client.get("/").content.decode(), "latest-scorecard")
        assert "2024-25 Q2" in html and "2024-25 Q1" not in html
        assert re.search(r'href="/exports/\d+/download/"', html)
        assert "/journeys/" not in client.get("/").content.decode()

    def test_an_raa_manager_sees_a_summary_of_every_queue(self, client, users, casework):
        client.force_login(users.raa_manager)
        html = client.get("/").content.decode()
        for key in (
            "waiting-without-link",
            "links-without-match",
            "next-panels",
            "decisions-due",
            "referrals-awaiting-assessment",
            "fund-applications-pending",
            "children-waiting",
            "data-quality",
            "latest-scorecard",
        ):
            assert f'id="{key}"' in html, key
        assert "1 overdue" in html
        assert f'Oldest: <a class="govuk-link" href="/journeys/{casework["older"].pk}/"' in html

    def test_empty_queues_say_so(self, client, users, world):
        client.force_login(users.family_finder)
        html = client.get("/").content.decode()
        assert "No child is waiting without a link." in html
        assert "Every link has its match decision." in html
        client.force_login(users.support_worker)
        html = client.get("/").content.decode()
        assert "Every referral has its assessment." in html
        assert "No Fund application is waiting for a decision." in html
