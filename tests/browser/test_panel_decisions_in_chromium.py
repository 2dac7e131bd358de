"""Panel decisions in a real browser (issue 17): a household from its enquiry to approval
through the panel, and a child's match through the panel, as the family finder and the panel
adviser do them, with the keyboard and axe-core on every page."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from journeys.models import AdopterHousehold
from panels.models import Meeting
from tests.browser.conftest import axe_violations, fill_date, screenshot, sign_in
from tests.browser.test_pages_in_chromium import tab_to
from tests.factories import ChildFactory, HouseholdFactory, journey
from tests.panels.test_services import panel  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser, live_server):
    """A second person's browser, beside `page`."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def open_meeting(page: Page, meeting: Meeting) -> None:
    page.get_by_role("link", name="Panels").first.click()
    page.get_by_role("link", name=meeting.date.strftime("%-d %B %Y")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting of")


def success(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_a_household_goes_from_enquiry_to_approved_through_the_panel(
    page: Page,
    second_page: Page,
    users,
    panel,  # noqa: F811
):
    meeting = Meeting.objects.create(panel=panel, date=date(2026, 7, 9))
    Meeting.objects.create(panel=panel, date=date(2026, 8, 13))
    # The family finder records the enquiry and the household's stages up to Stage 2.
    sign_in(page, users.family_finder)
    page.get_by_role("link", name="Adopters").click()
    page.get_by_role("link", name="Record an enquiry").click()
    page.get_by_label("Local authority area").select_option(label="Riverside (101)")
    page.get_by_label("Household reference").fill("PANEL-H")
    fill_date(page, "Date of the enquiry", "2026-01-06")
    page.get_by_label("How they heard of the agency").select_option(label="The RAA's website")
    page.get_by_role("button", name="Record the enquiry").click()
    success(page, "PANEL-H")
    for label, value in (
        ("Registration of interest", "2026-02-03"),
        ("Stage 1 decision", "2026-03-20"),
        ("Stage 2 start", "2026-03-25"),
    ):
        fill_date(page, label, value)
    page.get_by_role("button", name="Save").click()
    success(page, "Stage 2")

    # The panel adviser puts the household on the agenda, with its papers.
    adviser = second_page
    sign_in(adviser, users.panel_adviser)
    open_meeting(adviser, meeting)
    adviser.get_by_label("Business").select_option(label="Adopter approval")
    adviser.get_by_label("Household").select_option(label="PANEL-H")
    fill_date(adviser, "Date the papers were received", "2026-06-30")
    adviser.get_by_role("button", name="Add to the agenda").click()
    success(adviser, "Item added to the agenda")
    card = adviser.locator(".govuk-summary-card", has_text="household PANEL-H")
    expect(card).to_contain_text("30 June 2026")
    assert axe_violations(adviser) == []

    # The panel's recommendation, with the keyboard alone.
    tab_to(adviser, "select[name$='-recommendation']")
    adviser.keyboard.press("Home")  # Recommended
    adviser.keyboard.press("Tab")
    adviser.keyboard.type("A thorough assessment; strong support network.")
    adviser.keyboard.press("Tab")
    expect(adviser.get_by_role("button", name="Record the recommendation")).to_be_focused()
    adviser.keyboard.press("Enter")
    success(adviser, "Recommendation recorded")

    # A decision against the panel without its reason is refused in the error summary.
    adviser.get_by_label("Agency decision maker").fill("Head of service")
    fill_date(adviser, "Date of the decision", "2026-07-14")
    adviser.get_by_label("Decision", exact=True).select_option(label="Do not approve the household")
    adviser.get_by_role("button", name="Record the agency decision").click()
    summary = adviser.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give the reason the decision differs")
    expect(summary).to_be_focused()
    assert axe_violations(adviser) == []
    screenshot(adviser, "panel-decision-refused")
    summary.get_by_role("link").first.click()
    expect(adviser.get_by_label("Reason, if the decision differs")).to_be_focused()

    # The agency decision maker approves: the household is approved on the decision's date.
    adviser.get_by_label("Decision", exact=True).select_option(
        label="Approve the household as adopters"
    )
    adviser.get_by_role("button", name="Record the agency decision").click()
    success(adviser, "The household's approval is on its record.")
    card = adviser.locator(".govuk-summary-card", has_text="household PANEL-H")
    expect(card).to_contain_text("Approved the household, as the panel recommended.")
    assert axe_violations(adviser) == []
    screenshot(adviser, "panel-decision-approved")

    # The family finder sees the household approved.
    page.get_by_role("link", name="Adopters").click()
    page.get_by_label("Stage", exact=True).select_option(label="Approved")
    page.get_by_role("button", name="Show households").click()
    expect(page.get_by_role("link", name="PANEL-H")).to_be_visible()
    household = AdopterHousehold.objects.get(reference="PANEL-H")
    assert (household.panel, household.approved) == (date(2026, 7, 9), date(2026, 7, 14))


def test_a_childs_match_goes_through_the_panel_to_the_childs_record(
    page: Page,
    second_page: Page,
    users,
    world,
    panel,  # noqa: F811
):
    meeting = Meeting.objects.create(panel=panel, date=date(2026, 5, 7))
    waiting = journey(
        world.la102,
        child=ChildFactory(la=world.la102, la_child_id="WAIT-1", date_of_birth=date(2024, 3, 1)),
        entered_care=date(2024, 6, 1),
        adm_decision=date(2024, 11, 1),
        placement_order=date(2025, 4, 1),
    )
    HouseholdFactory(la=world.la101, reference="MATCH-H", approved=date(2025, 12, 1))
    sign_in(page, users.panel_adviser)
    open_meeting(page, meeting)
    # The child's match: the child and the household, with the keyboard.
    tab_to(page, "#id_item-business_type")
    page.get_by_label("Business").select_option(label="Match")
    page.get_by_label("Child").select_option(label="102/WAIT-1")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the child and the household of the match"
    )
    assert axe_violations(page) == []
    page.get_by_label("Household").select_option(label="MATCH-H")
    page.get_by_role("button", name="Add to the agenda").click()
    success(page, "Item added to the agenda")
    page.get_by_label("Recommendation").select_option(label="Recommended")
    page.get_by_role("button", name="Record the recommendation").click()
    success(page, "Recommendation recorded")
    tab_to(page, "input[name$='-decision_maker']")
    page.keyboard.type("Head of service")
    for part in ("12", "5", "2026"):
        page.keyboard.press("Tab")
        page.keyboard.type(part)
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # Match the child with the household
    tab_to(page, "textarea[name$='-reason']")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Record the agency decision")).to_be_focused()
    page.keyboard.press("Enter")
    success(page, "The child's match is on their record.")
    assert axe_violations(page) == []
    screenshot(page, "panel-match-decided")

    # The family finder sees the match on the child's record.
    family_finder = second_page
    sign_in(family_finder, users.family_finder)
    family_finder.goto(f"/journeys/{waiting.pk}/")
    main = family_finder.locator("main")
    expect(main).to_contain_text("Linked with household MATCH-H")
    expect(main).to_contain_text("12 May 2026")
    assert axe_violations(family_finder) == []
    waiting.refresh_from_db()
    assert (waiting.matched, waiting.adopters.reference) == (date(2026, 5, 12), "MATCH-H")

    # Withdrawing the decision takes the match off the child's record again.
    page.get_by_role("button", name="Withdraw the decision and undo what it recorded").click()
    success(page, "Decision withdrawn")
    waiting.refresh_from_db()
    assert (waiting.matched, waiting.adopters) == (None, None)
