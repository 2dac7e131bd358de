"""Board files in a real browser: the scorecard buttons on the dashboard download the file in
place (tasks inline, no broker), and the file opens on its summary page."""

import shutil
import subprocess

import pytest
from playwright.sync_api import Page, expect

from indicators.models import Export
from tests.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

YEAR_2022 = "/dashboard/?scope=raa%3Anorth&year=2022&part=year"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_board_member_downloads_each_scorecard_from_the_dashboard_in_place(
    page: Page, users, journeys, tmp_path
):
    sign_in(page, users.board_member)
    page.goto(YEAR_2022)
    expect(page.get_by_role("heading", level=1)).to_contain_text("North Adoption, 2022-23")
    screenshot(page, "dashboard-board-files")
    for label, suffix in (("PDF", "pdf"), ("spreadsheet", "xlsx"), ("Word", "docx")):
        # Made inline while the request waits: a PDF takes seconds on a busy machine.
        with page.expect_download(timeout=90_000) as download:
            button = page.get_by_role("button", name=f"Download the quarterly scorecard ({label})")
            button.click(timeout=90_000)
        path = tmp_path / f"card.{suffix}"
        download.value.save_as(path)
        assert download.value.suggested_filename == f"scorecard-raa-north-2022-23-Q4.{suffix}"
        expect(page).to_have_url(YEAR_2022)  # still on the dashboard
    assert shutil.which("pdftotext")
    first = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(tmp_path / "card.pdf"), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Quarterly scorecard: North Adoption, 2022-23 Q4" in first
    assert "Status against the target" in first and "Met" in first
    assert Export.objects.filter(status=Export.Status.DONE).count() == 3
    page.goto("/exports/")
    expect(page.locator("main table tbody tr")).to_have_count(3)
    screenshot(page, "board-files-made")
