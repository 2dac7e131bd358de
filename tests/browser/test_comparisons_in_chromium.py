"""The comparison tables and the drill-down in a real browser: by partner LA with dates of the
user's choice typed from the keyboard, year on year, the children behind a figure sorted by a
column and linked to each journey, and the dashboard's before-and-after-go-live and reasons for
delay; each page checked with axe-core."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from journeys.models import Journey, JourneyNote
from tests.browser.conftest import axe_violations, screenshot, sign_in
from tests.factories import journey

pytestmark = pytest.mark.browser


def row_cells(page: Page, table, area: str) -> list[str]:
    row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=area, exact=True))
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def test_by_partner_la_takes_dates_typed_from_the_keyboard(page: Page, users, journeys):
    sign_in(page, users.raa_manager)
    page.goto("/dashboard/by-partner-la/?scope=raa%3Anorth&year=2022&part=year")
    expect(page.get_by_role("heading", level=1)).to_have_text("North Adoption, 2022-23")
    table = page.get_by_role("table", name=re.compile("Figures by partner LA"))
    # Decisions, placement orders, matches, placements, adoptions (journeys fixture, 2022-23).
    assert row_cells(page, table, "Riverside")[:5] == ["0", "1", "1", "2", "2"]
    assert row_cells(page, table, "Hillside")[:5] == ["0", "0", "0", "0", "1"]
    assert row_cells(page, table, "North Adoption (total)")[:5] == ["0", "1", "1", "2", "3"]

    # The first half of 2022-23 as dates of the user's choice, from the keyboard alone.
    page.get_by_label("Period").focus()
    page.get_by_label("Period").select_option(label="Dates of your choice")
    page.keyboard.press("Tab")
    expect(page.locator("#id_start_day")).to_be_focused()
    for text in ("1", "4", "2022", "30", "9", "2022"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show table")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "North Adoption, 2022-04-01 to 2022-09-30"
    )
    table = page.get_by_role("table", name=re.compile("Figures by partner LA"))
    # Every adoption (1 September 2022) falls in the half; the LA 101 match of 2 March 2022
    # does not, the one of 1 May 2022 does.
    assert row_cells(page, table, "North Adoption (total)")[:5] == ["0", "1", "1", "2", "3"]
    screenshot(page, "by-partner-la-range")
    assert axe_violations(page) == []

    # A range that ends before it starts is reported in the error summary.
    page.get_by_role("group", name="To", exact=True).get_by_label("Year").fill("2021")
    page.get_by_role("button", name="Show table").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The last day must be the same as or after the first")
    assert axe_violations(page) == []


def test_year_on_year_shows_the_years_side_by_side_with_the_change(page: Page, users, journeys):
    sign_in(page, users.raa_manager)
    page.goto("/dashboard/year-on-year/?scope=raa%3Anorth&year=2022&part=year")
    expect(page.get_by_role("heading", level=1)).to_have_text("North Adoption, 2020-21 to 2022-23")
    table = page.get_by_role("table", name=re.compile("Year on year"))
    adoptions = row_cells(page, table, "Adoption orders (A4)")
    assert adoptions[0] == "0"
    assert adoptions[2].splitlines()[0] == "3"
    assert "+3 on the year before" in adoptions[2]
    page.get_by_label("Years side by side").select_option("4")
    page.get_by_role("button", name="Show table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("North Adoption, 2019-20 to 2022-23")
    screenshot(page, "year-on-year")
    assert axe_violations(page) == []


def test_the_children_behind_a2_sort_by_a_column_and_open_each_journey(page: Page, users, journeys):
    sign_in(page, users.raa_manager)
    page.goto("/dashboard/figures/A2/?scope=raa%3Anorth&period=2022-23")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(3)

    def days() -> list[str]:
        return [text.strip() for text in rows.locator("td:first-child").all_inner_texts()]

    assert days() == ["60", "31", "0"]  # longest first
    heading = page.get_by_role("columnheader", name="Days")
    expect(heading).to_have_attribute("aria-sort", "descending")
    heading.get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Days")).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert days() == ["0", "31", "60"]
    page.get_by_role("columnheader", name="LA", exact=True).get_by_role("link").click()
    assert [text.strip() for text in rows.locator("td:nth-child(3)").all_inner_texts()] == [
        "102", "101", "101"
    ]  # fmt: skip
    screenshot(page, "drill-down-sorted")
    assert axe_violations(page) == []

    # Each child's row links to their journey: open the LA 102 child's from the keyboard.
    link = page.get_by_role("link", name=re.compile("^Open the journey")).first
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/journeys/\d+/$"))
    journey_id = int(re.search(r"/journeys/(\d+)/", page.url)[1])
    assert Journey.objects.get(pk=journey_id).child.la.code == "102"


def test_the_dashboard_compares_before_and_after_go_live_and_says_why_time_went(
    page: Page, users, journeys, world
):
    world.north.go_live = date(2022, 10, 1)
    world.north.save()
    # A child waiting since a placement order of May 2022, court delay noted in November.
    waiting = journey(world.la103, entered_care=date(2022, 1, 1), placement_order=date(2022, 5, 1))
    JourneyNote.objects.create(journey=waiting, recorded_on=date(2022, 11, 1), delay_reason="court")
    sign_in(page, users.raa_manager)
    page.goto("/dashboard/?scope=raa%3Anorth&year=2022&part=year")
    page.get_by_label("Period").select_option(label="Before and after go-live")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "North Adoption, 2022-10-01 to 2023-09-30"
    )
    go_live = page.get_by_role("table", name=re.compile("Before and after go-live"))
    # All three adoptions (1 September 2022) fall in the twelve months before go-live.
    assert row_cells(page, go_live, "Adoption orders (A4)") == ["3", "0", "-3, -100.0%"]
    delays = page.get_by_role("table", name=re.compile("Why the time went"))
    assert row_cells(page, delays, "Court delay") == ["1", "100.0%"]
    screenshot(page, "dashboard-go-live")
    assert axe_violations(page) == []
