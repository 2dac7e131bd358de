"""The dashboard's charts in a real browser: drawn by plotly.js's basic bundle with no console
error, target lines and small-number marks, whole tick labels, unwrapped tile values, and a
plain line for a period with no children; axe-core finds nothing serious."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser

YEAR_2022 = "/dashboard/?scope=raa%3Anorth&year=2022&part=year"
YEAR_2019 = "/dashboard/?scope=raa%3Anorth&year=2019&part=year"
CHARTS_DRAWN = """() => {
    const charts = [...document.querySelectorAll(".portal-chart")];
    return charts.length > 0 && charts.every((chart) => chart.querySelector(".main-svg"));
}"""
# Tick labels whose box reaches outside their chart's SVG (cut off where it ends) or into the
# legend (drawn over them).
CLIPPED_TICKS = """() => [...document.querySelectorAll(".portal-chart")].flatMap((chart) => {
    const svg = chart.querySelector(".main-svg").getBoundingClientRect();
    const legend = chart.querySelector(".legend")?.getBoundingClientRect();
    const overlaps = (a, b) => b && a.left < b.right && b.left < a.right
        && a.top < b.bottom && b.top < a.bottom;
    return [...chart.querySelectorAll(".xtick text, .ytick text")]
        .map((tick) => [tick.textContent, tick.getBoundingClientRect()])
        .filter(([, box]) => box.left < svg.left - 1 || box.right > svg.right + 1
            || box.top < svg.top - 1 || box.bottom > svg.bottom + 1 || overlaps(box, legend))
        .map(([text]) => `${chart.id}: ${text}`);
})"""
# Tile values taller than one line of their own text have wrapped; wider than their tile, they
# run out of it.
WRAPPED_VALUES = """() => [...document.querySelectorAll(".portal-tile__value")]
    .filter((value) => value.getBoundingClientRect().height
        > 1.5 * parseFloat(getComputedStyle(value).lineHeight)
        || value.scrollWidth > value.clientWidth + 1)
    .map((value) => value.textContent)"""


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


@pytest.mark.parametrize("width", [1280, 1000, 390])
def test_the_dashboard_draws_its_charts_with_the_basic_bundle_and_no_console_error(
    page: Page, users, journeys, console_errors, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, users.raa_manager)
    page.goto(YEAR_2022)
    expect(page.get_by_role("heading", level=1)).to_have_text("North Adoption, 2022-23")
    page.wait_for_function(CHARTS_DRAWN)
    scripts = page.evaluate(
        """() => performance.getEntriesByType("resource").map((entry) => entry.name)
            .filter((name) => name.includes("plotly"))"""
    )
    assert [name.rsplit("/", 1)[-1] for name in scripts] == ["plotly-basic.min.js"]
    assert page.locator(".portal-chart .main-svg").count() >= 5

    timeliness = page.locator("#chart-timeliness")
    # The A2 target line, dashed, in the legend and on the plot.
    expect(timeliness.locator(".legendtext", has_text="A2 target")).to_have_count(1)
    assert timeliness.locator(".scatterlayer .js-line[style*='stroke-dasharray']").count() >= 1
    expect(page.locator(".portal-chart__note").first).to_contain_text(
        "Based on fewer than 5 children"
    )
    assert page.evaluate(CLIPPED_TICKS) == []
    assert page.evaluate(WRAPPED_VALUES) == []
    screenshot(page, f"dashboard-charts-{width}")
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_year_with_no_children_says_so_in_a_line(page: Page, users, journeys, console_errors):
    sign_in(page, users.raa_manager)
    page.goto(YEAR_2019)
    expect(page.get_by_role("heading", level=1)).to_have_text("North Adoption, 2019-20")
    expect(page.locator(".portal-tile")).to_have_count(0)
    expect(page.get_by_text("No children in this period.").first).to_be_visible()
    expect(page.locator("#chart-timeliness")).to_have_count(0)
    screenshot(page, "dashboard-empty-year")
    assert axe_violations(page) == []
    assert console_errors == []
