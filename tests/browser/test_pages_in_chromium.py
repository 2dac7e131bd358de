"""The portal in a real browser: sign-in, the dashboard, drill-down, worklist, keyboard and
accessibility (axe-core)."""

import base64
import csv
import re
from datetime import date

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from journeys.models import ImportRecord, Journey
from journeys.ssda903.services import return_import
from tests.browser.conftest import PASSWORD, axe_violations, screenshot, sign_in
from tests.journeys.test_ssda903 import ADOPTED_RETURN, return_files

pytestmark = pytest.mark.browser

YEAR_2022 = "/dashboard/?scope=raa%3Anorth&year=2022&part=year"


def tile_value(page: Page, code: str):
    tile = page.locator(".portal-tile").filter(
        has=page.get_by_role("heading", name=code, exact=True)
    )
    return tile.locator(".portal-tile__value")


def test_sign_in_shows_errors_and_locks_the_account_after_repeated_failures(
    page: Page, users, settings
):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Username").fill(users.raa_manager.username)
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        if attempt < settings.AXES_FAILURE_LIMIT - 1:
            summary = page.locator(".govuk-error-summary")
            expect(summary).to_contain_text("Please enter a correct username and password")
            expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
    screenshot(page, "locked-out")
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(users.raa_manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")


def test_a_manager_changes_scope_and_period_and_drills_from_a2_to_the_children(
    page: Page, users, journeys
):
    sign_in(page, users.raa_manager)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("North Adoption")
    page.get_by_label("Financial year", exact=True).select_option(label="2022-23")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("North Adoption, 2022-23")
    expect(tile_value(page, "A2")).to_have_text("30 days")  # (0 + 60 + 31) / 3
    # Every chart with something to draw is drawn by plotly.js, served from npm; the adopter
    # pipeline and sufficiency have no household or waiting child here and say so in a line.
    expect(page.locator(".portal-chart .main-svg").first).to_be_visible()
    assert page.locator(".portal-chart").count() >= 5
    assert page.evaluate(
        "() => [...document.querySelectorAll('.portal-chart')].every((c) => c.querySelector('svg'))"
    )
    screenshot(page, "dashboard-raa")

    page.get_by_label("Area", exact=True).select_option(label="Riverside")
    page.get_by_label("Period").select_option(label="Whole financial year")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside, 2022-23")
    expect(tile_value(page, "A2")).to_have_text("30 days")

    page.get_by_role("link", name="Children behind A2", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Placement order to match decision (days) (A2)"
    )
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("main table")).to_contain_text("101")
    screenshot(page, "drill-down-a2")
    page.get_by_role("link", name="Back to the dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside, 2022-23")


def test_a_board_member_sees_figures_and_is_refused_child_pages(page: Page, users, journeys):
    sign_in(page, users.board_member)
    page.goto(YEAR_2022)
    expect(tile_value(page, "A2")).to_have_text("30 days")
    expect(page.get_by_role("link", name=re.compile("Children behind"))).to_have_count(0)
    expect(page.get_by_role("link", name="Children who wait")).to_have_count(0)
    page.goto("/dashboard/figures/A2/?scope=raa:north&period=2022-23")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    page.goto("/children-who-wait/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    screenshot(page, "board-refused")


def test_the_worklist_filters_and_downloads_its_csv(page: Page, users, journeys, tmp_path):
    sign_in(page, users.family_finder)
    page.get_by_role("link", name="Children who wait").first.click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("WAIT-OLD")  # longest wait first
    screenshot(page, "worklist")
    page.get_by_label("Only children harder to place").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("WAIT-OLD")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list as a spreadsheet (CSV)").click()
    path = tmp_path / "worklist.csv"
    download.value.save_as(path)
    with path.open(newline="") as file:
        lines = list(csv.reader(file))
    assert [line[1] for line in lines] == ["Child's LA reference", "WAIT-OLD"]


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached in {limit} presses of Tab")


def test_the_dashboard_can_be_used_with_the_keyboard_alone(page: Page, users, journeys):
    page.goto("/sign-in/")
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab_to(page, "#id_username")
    page.keyboard.type(users.raa_manager.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    device = TOTPDevice.objects.create(user=users.raa_manager, name="Phone", confirmed=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    tab_to(page, "#id_code")
    page.keyboard.type(f"{totp(device.bin_key):06d}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Adoption portal")

    page.goto(YEAR_2022)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to main content
    # Tab to the area list and change it with the arrow keys.
    tab_to(page, "#id_scope")
    expect(page.get_by_label("Area", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")  # from North Adoption to the next area, Hub one
    for _ in range(3 + 6):  # the year, the period, the two dates' day, month and year
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show figures")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub one, 2022-23")
    # The table behind a chart opens from the keyboard.
    summary = page.locator("summary", has_text="Timeliness by quarter: the figures as a table")
    tab_to(page, "summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("details", has=summary)).to_have_attribute("open", "")
    expect(page.get_by_role("table", name=re.compile("A10, A2 and A20 by quarter"))).to_be_visible()


def test_every_page_passes_axe_with_no_serious_or_critical_violation(
    page: Page, users, journeys, world
):
    failed = ImportRecord.objects.create(
        la=world.la101,
        year="2022-23",
        status=ImportRecord.Status.FAILED,
        files=[{"name": "episodes.csv", "sha256": "0" * 64, "tables": ["episodes"]}],
        errors=[
            {
                "file": "episodes.csv",
                "row": 3,
                "column": "DECOM",
                "value": "31/02/2022",
                "reason": "Not a date.",
            }
        ],
    )
    running = ImportRecord.objects.create(
        la=world.la101, year="2023-24", status=ImportRecord.Status.QUEUED
    )
    imported = ImportRecord.objects.create(
        la=world.la101,
        year="2021-22",
        status=ImportRecord.Status.SUCCEEDED,
        files=[
            {
                "name": "Episodes.csv",
                "sha256": "1" * 64,
                "tables": ["Episodes"],
                "rows": {"Episodes": 3},
            },
            {
                "name": "Reviews.csv",
                "sha256": "2" * 64,
                "tables": [],
                "note": "skipped: the Reviews table is not used by the portal",
            },
            {"name": "README.md", "reason": "not a CSV, XML or zip file", "tables": []},
        ],
        counts={"children": 1, "episodes": 3, "journeys_created": 1, "warnings": 2},
        warnings=[
            {"child": "C1", "check": "AD1 and adoption", "reason": "Adopted, but no AD1 row."},
            {"child": "C2", "check": "episodes overlap or gap", "reason": "A gap of 5 days."},
        ],
    )
    return_import(
        user=users.raa_manager, la=world.la101, year="2021-22", files=return_files(**ADOPTED_RETURN)
    )
    Journey.objects.filter(child__la_child_id="C1").update(matched=date(2021, 9, 20))
    page.goto("/sign-in/")
    pages = {"sign-in": axe_violations(page)}
    screenshot(page, "sign-in")
    sign_in(page, users.raa_manager)
    for name, url in {
        "home": "/",
        "dashboard": YEAR_2022,
        "dashboard-error": "/dashboard/?scope=raa:south",
        "drill-down": "/dashboard/figures/A2/?scope=raa:north&period=2022-23",
        "worklist": "/children-who-wait/",
        "worklist-error": "/children-who-wait/?on=not-a-date",
        "data-quality": "/data-quality/",
        "imports": "/imports/ssda903/",
        "import-failed": f"/imports/{failed.pk}/",
        "import-running": f"/imports/{running.pk}/",
        "import-succeeded": f"/imports/{imported.pk}/",
        "return-check": "/imports/ssda903/check/?la=101&year=2021-22",
        "account": "/account/",
        "password": "/account/password/",
        "adoption-report": "/reports/?scope=raa%3Anorth&period=2022-23",
        "board-files": "/exports/",
        "staff-roles": "/staff/",
        "audit-trail": "/audit/",
        "quorum-rule": "/panels/quorum-rule/",
        "not-found": "/no-such-page/",
        "bad-request": "/dashboard/figures/A2/?scope=raa:north&period=2022",
    }.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # Open every table behind a chart, so that axe checks them too.
        for summary in page.locator("details summary").all():
            summary.click()
        pages[name] = axe_violations(page)
        screenshot(page, name)
    page.goto("/imports/ssda903/")
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Year of the return")
    pages["imports-error"] = axe_violations(page)
    screenshot(page, "imports-error")
    page.goto("/staff/")
    page.get_by_role("button", name="Save the role").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    pages["staff-roles-error"] = axe_violations(page)
    screenshot(page, "staff-roles-error")
    sign_in(page, users.board_member)
    page.goto("/children-who-wait/")
    pages["forbidden"] = axe_violations(page)
    assert {name: found for name, found in pages.items() if found} == {}


def test_an_raa_manager_sets_up_two_factor_sign_in_from_the_key_on_the_page(page: Page, users):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(users.raa_manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "two-factor-set-up")
    # Until the second factor is passed, every other page leads back here.
    page.goto("/children/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    page.wait_for_timeout(1100)  # django-otp refuses any code for 1 s after a wrong one

    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator(".portal-key").inner_text().replace(" ", "")
    code = f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"^[^?]*/children/$"))
    assert TOTPDevice.objects.get(user=users.raa_manager).confirmed
