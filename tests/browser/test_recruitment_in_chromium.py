"""Recruitment in a real browser: a family finder records an information event and a
preparation course, and the page passes axe-core."""

import pytest
from playwright.sync_api import Page, expect

from recruitment.models import InformationEvent, PreparationCourse
from tests.browser.conftest import axe_violations, fill_date, screenshot, sign_in
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.browser


def test_a_family_finder_records_an_event_and_a_course(page: Page, users, world):
    HouseholdFactory(la=world.la101, reference="Prep-1")
    sign_in(page, users.family_finder)
    page.get_by_role("link", name="Recruitment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recruitment: North Adoption")

    page.get_by_text("Record an information event").click()
    fill_date(page, "Date of the event", "2023-05-12")
    page.get_by_label("How it was held").select_option(label="Online")
    page.get_by_label("Number of people who attended").fill("18")
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_role("region", name="Success")).to_contain_text(
        "Information event recorded."
    )
    assert InformationEvent.objects.get().attendance == 18

    page.get_by_text("Record a preparation course").click()
    fill_date(page, "First day of the course", "2023-06-02")
    fill_date(page, "Last day of the course", "2023-06-01")
    page.get_by_label("Prep-1").check()
    page.get_by_role("button", name="Record the course").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The course cannot end before it starts.")
    assert PreparationCourse.objects.count() == 0
    fill_date(page, "Last day of the course", "2023-06-03")
    page.get_by_role("button", name="Record the course").click()
    expect(page.get_by_role("region", name="Success")).to_contain_text(
        "Preparation course recorded."
    )
    assert [h.reference for h in PreparationCourse.objects.get().attendees.all()] == ["Prep-1"]
    screenshot(page, "recruitment")
    assert axe_violations(page) == []
