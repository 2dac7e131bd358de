"""Starting records in a real browser: a new child from "add" to "placed", and a household from
its enquiry to approval, with the GOV.UK date inputs, the keyboard and axe-core."""

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from journeys.models import AdopterHousehold, Child
from tests.browser.conftest import axe_violations, fill_date, screenshot, sign_in
from tests.browser.test_pages_in_chromium import tab_to
from tests.factories import HouseholdFactory


def test_a_family_finder_adds_a_child_and_walks_them_to_placed(page: Page, users, world, today):
    HouseholdFactory(la=world.la101, reference="HH-NEW", approved=date(2025, 1, 10))
    sign_in(page, users.family_finder)
    page.get_by_role("link", name="Children", exact=True).click()
    page.get_by_role("link", name="Add a child").click()
    # A birth in the future is refused in the error summary, naming the field.
    page.get_by_label("Local authority").select_option(label="Riverside (101)")
    page.get_by_label("LA reference").fill("NEW-1")
    fill_date(page, "Date of birth", (today + timedelta(days=2)).isoformat())
    page.get_by_label("Sex").select_option(label="Female")
    page.get_by_label("Ethnicity").select_option(label="White British")
    page.get_by_label("Sibling group reference, if any").fill("SG-NEW")
    page.get_by_role("button", name="Add the child").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Date of birth: Date of birth")
    expect(summary).to_contain_text("cannot be in the future")
    assert axe_violations(page) == []
    screenshot(page, "child-add-refused")
    fill_date(page, "Date of birth", "2023-04-05")
    # With the keyboard alone: the button is reached by Tab and pressed with Enter.
    page.get_by_label("Sibling group reference, if any").focus()
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start the child's adoption journey")
    assert axe_violations(page) == []
    screenshot(page, "journey-start")
    fill_date(page, "Date the child entered care", "2024-02-01")
    page.get_by_role("button", name="Start the journey").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("started")
    for step, fields in (
        (
            "Record the decision that the child should be adopted",
            {"Date of the decision": "2024-05-01"},
        ),
        ("Record the placement order", {"Date the placement order was granted": "2024-09-01"}),
        ("Link the child with a household", {"Date of the link": "2024-10-01"}),
        ("Record the match", {"Date of the match decision": "2024-11-01"}),
        ("Record the adoption placement", {"Date placed for adoption": "2024-12-02"}),
    ):
        page.get_by_role("link", name=step).click()
        if step in ("Link the child with a household", "Record the match"):
            page.get_by_label("Household").select_option(label="HH-NEW")
        for label, value in fields.items():
            fill_date(page, label, value)
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 child")
    expect(page.locator("main")).to_contain_text("ADM decision")
    expect(page.locator("main")).to_contain_text("Placement began with household HH-NEW")
    child = Child.objects.get(la_child_id="NEW-1")
    assert child.sibling_group.reference == "SG-NEW"
    assert child.journeys.get().placements.get().source == "PR1"


def test_a_household_goes_from_enquiry_to_approved(page: Page, users, world):
    sign_in(page, users.family_finder)
    page.get_by_role("link", name="Adopters").click()
    page.get_by_role("link", name="Record an enquiry").click()
    page.get_by_label("Local authority area").select_option(label="Riverside (101)")
    page.get_by_label("Household reference").fill("ENQ-B")
    fill_date(page, "Date of the enquiry", "2025-01-06")
    page.get_by_label("How they heard of the agency").select_option(label="An information event")
    page.get_by_label("Which campaign, event or referrer").fill("Adoption week")
    assert axe_violations(page) == []
    screenshot(page, "enquiry")
    page.get_by_role("button", name="Record the enquiry").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("ENQ-B")
    # The household's form shows the enquiry date recorded, in its boxes.
    enquiry = page.get_by_role("group", name="Enquiry", exact=True)
    expect(enquiry.get_by_label("Year", exact=True)).to_have_value("2025")
    for label, value in (
        ("Registration of interest", "2025-02-03"),
        ("Stage 1 decision", "2025-03-20"),
        ("Stage 2 start", "2025-03-25"),
        ("Approval panel", "2025-07-10"),
        ("Approval decision", "2025-07-15"),
    ):
        fill_date(page, label, value)
    page.get_by_label("Oldest age considered").fill("1")
    page.get_by_label("Youngest age considered").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The oldest age considered is below the youngest."
    )
    page.get_by_label("Oldest age considered").fill("6")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("approved")
    page.get_by_label("Stage", exact=True).select_option(label="Approved")
    page.get_by_role("button", name="Show households").click()
    expect(page.get_by_role("link", name="ENQ-B")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "adopters")
    household = AdopterHousehold.objects.get(reference="ENQ-B")
    assert (household.approved, household.heard_from) == (date(2025, 7, 15), "event")
