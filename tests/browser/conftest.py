"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's own browser download does not work here, so the tests launch /usr/bin/chromium
(`make test` installs it where it is missing). Screenshots of the pages the tests visit are kept
in test-artefacts/screenshots/.
"""

import os
from datetime import date
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect, sync_playwright

from agencies.two_factor import two_factor_required
from tests.factories import ChildFactory, journey

# Playwright's sync API keeps an event loop in the test thread, and Django refuses ORM calls from
# a thread with a running loop unless told they are safe: here they are, as the loop only waits
# for the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artefacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "x"  # tests.factories.user_with_role


def pytest_collection_modifyitems(items):
    # Live-server tests commit to the database, so they run in transactional tests.
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def browser_tests_restore_migration_data(restore_migration_data):
    """Playwright's event loop gives the test thread a fresh Django connection without
    pytest-django's serialized copy, so the reference data is put back by hand."""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make system-packages` (apt-get install chromium)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A script or style the Content-Security-Policy header blocks is reported on the console.
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and errors.append(message.text),
    )
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def sign_in(page: Page, user, password: str = PASSWORD) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    if two_factor_required(user):
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    page.get_by_role("button", name="Sign in").click()
    if two_factor_required(user):
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        page.get_by_label("Code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adoption portal")  # home


def fill_date(page: Page, label: str, value: str) -> None:
    """Type an ISO date into the day, month and year boxes of the GOV.UK date input `label`."""
    day = date.fromisoformat(value)
    group = page.get_by_role("group", name=label, exact=True)
    for box, part in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        group.get_by_label(box, exact=True).fill(str(part))


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def axe_violations(page: Page) -> list[dict]:
    """Serious or critical WCAG 2.2 A/AA violations on the page, found by axe-core."""
    # Evaluated over the DevTools protocol: a <script> tag would be refused by the portal's CSP.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag", values:
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def journeys(world):
    """RAA north: two LA 101 children adopted in 2022-23 (A2 0 and 60 days), one LA 102 child
    adopted (A2 31 days); two children waiting, one of them harder to place."""
    common = {"entered_care": date(2021, 1, 1), "adoption_order": date(2022, 9, 1)}
    journey(
        world.la101,
        placement_order=date(2022, 6, 1),
        matched=date(2022, 5, 1),
        placed=date(2022, 7, 1),
        **common,
    )
    journey(
        world.la101,
        placement_order=date(2022, 1, 1),
        matched=date(2022, 3, 2),
        placed=date(2022, 4, 1),
        **common,
    )
    journey(
        world.la102,
        placement_order=date(2022, 1, 1),
        matched=date(2022, 2, 1),
        placed=date(2022, 3, 1),
        **common,
    )
    journey(
        world.la101,
        child=ChildFactory(la=world.la101, la_child_id="WAIT-OLD", disability=True),
        entered_care=date(2024, 1, 1),
        adm_decision=date(2024, 6, 1),
        placement_order=date(2024, 9, 1),
    )
    journey(
        world.la102,
        # Under five today, White British, no disability, no siblings: not harder to place.
        child=ChildFactory(
            la=world.la102,
            la_child_id="WAIT-NEW",
            ethnicity="WBRI",
            date_of_birth=date(2024, 6, 1),
        ),
        entered_care=date(2025, 1, 1),
        adm_decision=date(2025, 6, 1),
    )
