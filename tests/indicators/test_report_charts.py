"""The adoption report's charts: built from rows of figures with no database, drawn as SVG for
the PDF and PNG for Word."""

from indicators.calculations.figure import Figure
from indicators.report_charts import ReportChart, chart_png, chart_svg
from indicators.reports import report_charts

LABELS = ["2020-21", "2021-22", "2022-23"]


def year(a10, a1, adoptions, own, other, vaa, target=426, england=480) -> dict[str, Figure]:
    def placements(code, count):
        return Figure(code, code, None if count is None else 50.0, 2, count)

    return {
        "A10": Figure(
            "A10", "Entering care to moving in (A10)", a10, 1, target=target, england=england
        ),  # fmt: skip
        "A1": Figure("A1", "Entering care to placement (A1)", a1, 1, target=None, england=500),
        "adoptions": Figure("adoptions", "Adoptions", adoptions, adoptions),
        "placements_own": placements("placements_own", own),
        "placements_other_la": placements("placements_other_la", other),
        "placements_vaa": placements("placements_vaa", vaa),
    }


class TestReportCharts:
    def test_charts_take_each_periods_value_target_and_england(self):
        rows = [
            year(500, 480, 3, 1, 2, 0),
            year(None, None, 0, 0, 0, 0),
            year(410, 400, 5, 3, 1, 1),
        ]
        charts = {chart.key: chart for chart in report_charts(LABELS, rows)}
        assert list(charts) == ["A10", "A1", "adoptions", "homes"]
        a10 = charts["A10"]
        assert a10.labels == LABELS
        assert a10.series == {
            "A10": [500, None, 410],  # the year with no adopted child is a gap, not 0
            "Target": [426, 426, 426],
            "England": [480, 480, 480],
        }
        assert a10.references == ("Target", "England")
        assert charts["A1"].series["Target"] == [None, None, None]
        assert charts["adoptions"].series == {"Adoptions": [3, 0, 5]}
        assert charts["homes"].kind == "bars"
        assert list(charts["homes"].series.values()) == [[1, 0, 3], [2, 0, 1], [0, 0, 1]]

    def test_svg_keeps_its_words_as_text_and_png_is_an_image(self):
        chart = ReportChart(
            "A10", "A10 over the years", LABELS, {"A10": [500, None, 410], "Target": [426] * 3},
            "Days", references=("Target",),
        )  # fmt: skip
        svg = chart_svg(chart)
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
        assert "2021-22" in svg and "Target" in svg and "Days" in svg
        png = chart_png(chart)
        assert png.startswith(b"\x89PNG")

    def test_stacked_bars_draw_missing_values_as_nothing(self):
        chart = ReportChart("homes", "Homes", LABELS, {"Own": [1, None, 2], "VAA": [0, 1, None]},
                            "Placements", kind="bars")  # fmt: skip
        assert not chart.empty
        assert "Own" in chart_svg(chart)
        assert ReportChart("x", "x", LABELS, {"A": [None] * 3}, "Days").empty
