"""Each role's home page, its work queue, in Chromium: no serious or critical axe violation, and
the first record of the queue reached with the Tab key and opened with Enter."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from indicators.models import Export
from panels.models import Meeting, Panel, PanelItem
from support.models import FundApplication, SupportReferral
from tests.browser.conftest import axe_violations, screenshot, sign_in
from tests.factories import ChildFactory, HouseholdFactory, journey

TODAY = timezone.localdate()
ROLES = ["raa_manager", "la_manager", "family_finder", "panel_adviser", "support_worker"]


@pytest.fixture
def work(world):
    """Something in every queue of RAA north."""
    journey(world.la101, adm_decision=TODAY - timedelta(days=200))
    panel = Panel.objects.create(raa=world.north, name="North panel")
    household = HouseholdFactory(la=world.la101)
    meeting = Meeting.objects.create(panel=panel, date=TODAY + timedelta(days=7))
    PanelItem.objects.create(meeting=meeting, business_type="adopter_approval", household=household)
    referral = SupportReferral.objects.create(la=world.la101, referred=TODAY - timedelta(days=9))
    FundApplication.objects.create(
        child=ChildFactory(la=world.la101),
        referral=referral,
        financial_year="2024-25",
        therapy_type="Theraplay",
        provider="Kite",
        amount_applied=Decimal("900"),
        submitted=TODAY - timedelta(days=3),
    )
    Export.objects.create(
        kind=Export.Kind.SCORECARD_PDF,
        scope="raa:north",
        scope_name="North Adoption",
        period="2024-25 Q1",
        status=Export.Status.DONE,
        finished_at=timezone.now(),
    )


def tab_to(page: Page, link, most: int = 60) -> int:
    """Press Tab until `link` has the focus; the number of presses."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{link} not reached in {most} presses of Tab")


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_a_home_page_passes_axe_and_its_first_record_opens_from_the_keyboard(
    page: Page, users, work, role
):
    sign_in(page, getattr(users, role))
    screenshot(page, f"home-{role}")
    assert axe_violations(page) == []
    first = page.locator("main table a, main .govuk-summary-list a").first
    href = first.get_attribute("href")
    tab_to(page, first)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.browser
def test_a_board_members_home_offers_the_latest_scorecard_from_the_keyboard(
    page: Page, users, work
):
    sign_in(page, users.board_member)
    screenshot(page, "home-board_member")
    assert axe_violations(page) == []
    scorecard = page.get_by_role(
        "link", name="Quarterly scorecard (PDF): North Adoption, 2024-25 Q1"
    )
    tab_to(page, scorecard)
    assert "/exports/" in scorecard.get_attribute("href")
