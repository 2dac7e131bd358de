"""Casework in a real browser: family finding for a sibling group, a disruption, panels,
adoption support and adopters, with the keyboard alone and axe-core on every page."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from journeys.models import SiblingGroup
from panels.models import Meeting, PanelItem
from support.models import FundApplication, SupportReferral
from tests.browser.conftest import axe_violations, fill_date, screenshot, sign_in
from tests.browser.test_pages_in_chromium import tab_to
from tests.factories import ChildFactory, HouseholdFactory, journey
from tests.panels.test_services import panel  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def every_figure(page: Page, title: str) -> str:
    page.goto("/dashboard/figures/?scope=la%3A101&year=2026&part=year")
    row = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile(f"^{title}")))
    return row.locator("td").first.inner_text()


@pytest.fixture
def brothers(world):
    group = SiblingGroup.objects.create(la=world.la101, reference="SG-B")
    dates = {
        "entered_care": date(2025, 6, 1),
        "adm_decision": date(2025, 9, 1),
        "placement_order": date(2026, 3, 2),
    }
    older = journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="BRO-1", sibling_group=group),
        **dates,
    )
    younger = journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="BRO-2", sibling_group=group),
        **dates,
    )
    household = HouseholdFactory(
        la=world.la101, reference="HH-B", approved=date(2025, 12, 1), max_siblings=2, age_max=10
    )
    return older, younger, household


def record(page: Page, step: str, fields: dict, siblings: bool = True) -> None:
    page.get_by_role("link", name=step).click()
    for label, value in fields.items():
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            fill_date(page, label, value)
            continue
        control = page.get_by_label(label, exact=True)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    if siblings:
        page.get_by_label(re.compile("^BRO-2")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("2 children")


def test_a_family_finder_links_matches_and_places_brothers_and_the_dashboard_changes(
    page: Page, users, brothers
):
    older, younger, household = brothers
    sign_in(page, users.family_finder)
    assert every_figure(page, "Children matched") == "0"
    page.get_by_role("link", name="Children", exact=True).click()
    page.get_by_label("LA reference").fill("BRO-1")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="BRO-1").click()
    page.get_by_role("link", name="Find households for this child").click()
    expect(page.get_by_text("Household HH-B")).to_be_visible()
    expect(page.get_by_text("Meets every need")).to_be_visible()
    screenshot(page, "household-search")
    page.get_by_role("link", name="Back to the journey").click()
    record(
        page,
        "Link the child with a household",
        {"Household": "HH-B", "Date of the link": "2026-10-01"},
    )
    record(
        page, "Record the match", {"Household": "HH-B", "Date of the match decision": "2026-10-15"}
    )
    record(page, "Record the adoption placement", {"Date placed for adoption": "2026-11-02"})
    expect(page.locator("main")).to_contain_text("Placement began with household HH-B")
    screenshot(page, "journey")
    assert every_figure(page, "Children matched") == "2"
    assert every_figure(page, "Adoption placements begun") == "2"


def test_a_disruption_puts_the_child_back_on_the_worklist(page: Page, users, world):
    placed = journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="DIS-1"),
        entered_care=date(2025, 1, 1),
        adm_decision=date(2025, 3, 1),
        placement_order=date(2025, 6, 1),
        matched=date(2025, 9, 1),
        placed=date(2025, 10, 1),
    )
    sign_in(page, users.family_finder)
    page.goto("/children-who-wait/")
    expect(page.locator("main")).not_to_contain_text("DIS-1")
    page.goto(f"/journeys/{placed.pk}/")
    page.get_by_role("link", name="Record a disruption").click()
    fill_date(page, "Date the placement ended", "2026-10-20")
    fill_date(page, "Date of the disruption meeting", "2026-11-03")
    page.get_by_label("Who chaired the meeting").fill("Independent reviewing officer")
    page.get_by_label("The chair was independent of the case").check()
    page.get_by_label("Learning").fill("Introductions were too quick.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Placement ended: disruption")
    page.get_by_role("link", name="Children who wait").first.click()
    row = page.locator("main table tbody tr", has_text="DIS-1")
    expect(row).to_contain_text("No match in 3 months")


def test_a_panel_adviser_sees_a_meeting_is_not_quorate(page: Page, users, panel, today):  # noqa: F811
    meeting = Meeting.objects.create(panel=panel, date=today + timedelta(days=7))
    sign_in(page, users.panel_adviser)
    page.get_by_role("link", name="Panels").click()
    page.get_by_role("link", name=meeting.date.strftime("%-d %B %Y")).click()
    for name in (
        "chair member (Chair)",
        "social_worker member (Social worker (3+ years' experience))",
        "other member (Other)",
    ):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#quorum-warning")).to_contain_text("Not quorate")
    expect(page.locator("#quorum-warning")).to_contain_text("an independent member")
    screenshot(page, "panel-meeting")


def test_an_agency_decision_made_late_is_flagged(page: Page, users, panel):  # noqa: F811
    meeting = Meeting.objects.create(panel=panel, date=date(2026, 5, 7))
    PanelItem.objects.create(
        meeting=meeting,
        business_type="adopter_approval",
        household=HouseholdFactory(la=panel.raa.local_authorities.first(), reference="HH-P"),
        recommendation="recommended",
    )
    sign_in(page, users.panel_adviser)
    page.goto(f"/panels/meetings/{meeting.pk}/")
    page.get_by_label("Agency decision maker").fill("Head of service")
    fill_date(page, "Date of the decision", "2026-05-20")
    page.get_by_label("Decision", exact=True).select_option(
        label="Approve the household as adopters"
    )
    page.get_by_role("button", name="Record the agency decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("later than the 7 expected")
    expect(page.get_by_text("Late: more than 7 working days")).to_be_visible()


def test_a_support_worker_passes_the_fund_limit_warning(page: Page, users, world):
    child = ChildFactory(la=world.la101, la_child_id="ASF-9")
    referral = SupportReferral.objects.create(
        la=world.la101, child=child, referred=date(2026, 4, 2)
    )
    FundApplication.objects.create(
        child=child,
        financial_year="2026-27",
        therapy_type="specialist_assessment",
        provider="A",
        amount_applied=Decimal("2500"),
        amount_approved=Decimal("2500"),
        status="approved",
        submitted=date(2026, 4, 10),
        decided=date(2026, 4, 20),
    )
    sign_in(page, users.support_worker)
    page.get_by_role("link", name="Support").click()
    page.get_by_role("link", name="2 Apr 2026").click()
    page.get_by_label("Therapy or assessment").select_option(label="Theraplay")
    page.get_by_label("Provider").fill("Family Futures")
    page.get_by_label("Amount applied for (£)").fill("1000")
    fill_date(page, "Date submitted", "2026-05-01")
    page.get_by_role("button", name="Record the application").click()
    expect(page.locator("#fund-limit-warning")).to_contain_text("over the fair access limit")
    screenshot(page, "fund-limit-warning")
    page.get_by_label("I understand this passes the fair access limit").check()
    page.get_by_role("button", name="Record the application").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Application recorded"
    )
    assert FundApplication.objects.filter(referral=referral).count() == 1


def test_a_household_moves_through_its_stages_with_its_clock(page: Page, users, world, today):
    HouseholdFactory(la=world.la101, reference="HH-S", registration=today - timedelta(days=80))
    sign_in(page, users.family_finder)
    page.get_by_role("link", name="Adopters").click()
    row = page.locator("tr", has_text="HH-S")
    expect(row).to_contain_text("Stage 1 overdue")
    screenshot(page, "adopters")
    row.get_by_role("link", name="HH-S").click()
    fill_date(page, "Stage 1 decision", (today - timedelta(days=10)).isoformat())
    fill_date(page, "Stage 2 start", (today - timedelta(days=9)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Stage 2")
    expect(page.locator("tr", has_text="HH-S")).not_to_contain_text("overdue")


def test_a_step_can_be_recorded_with_the_keyboard_alone(page: Page, users, brothers):
    older, _, _ = brothers
    sign_in(page, users.family_finder)
    page.goto(f"/journeys/{older.pk}/note/")
    # The GOV.UK date input: day, month and year boxes, in that order whatever the locale.
    tab_to(page, "#id_recorded_on_day")
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    tab_to(page, "#id_delay_reason")
    page.keyboard.press("ArrowDown")  # Court delay
    tab_to(page, "#id_text")
    page.keyboard.type("Final hearing adjourned to September.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main tr", has_text="Note: Court delay")).to_contain_text("5 May 2026")


def test_every_casework_page_passes_axe(page: Page, users, brothers, panel, today):  # noqa: F811
    older, _, household = brothers
    meeting = Meeting.objects.create(panel=panel, date=today)
    PanelItem.objects.create(meeting=meeting, business_type="adopter_approval", household=household)
    child = older.child
    referral = SupportReferral.objects.create(la=child.la, child=child, referred=date(2026, 4, 2))
    found = {}
    sign_in(page, users.raa_manager)
    for name, url in {
        "children": "/children/",
        "journey-page": f"/journeys/{older.pk}/",
        "step-form": f"/journeys/{older.pk}/placement/",
        "household-search": f"/journeys/{older.pk}/households/",
        "adopters-board": "/adopters/",
        "household-edit": f"/adopters/{household.pk}/",
        "panel-calendar": "/panels/",
        "panel-meeting-page": f"/panels/meetings/{meeting.pk}/",
        "support-referrals": "/support/",
        "support-referral": f"/support/referrals/{referral.pk}/",
    }.items():
        page.goto(url)
        found[name] = axe_violations(page)
        screenshot(page, name)
    page.goto(f"/journeys/{older.pk}/placement/")
    fill_date(page, "Date placed for adoption", "2024-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be before")
    found["step-form-error"] = axe_violations(page)
    screenshot(page, "step-form-error")
    assert {name: v for name, v in found.items() if v} == {}
