"""Chart building is a pure function of rows: no database, gaps stay gaps, and the result is a
figure plotly accepts."""

import plotly.graph_objects as go

from indicators import charts


def test_line_chart_keeps_an_empty_cohort_as_a_gap_not_a_zero():
    figure = charts.line_chart(["Q1", "Q2", "Q3"], {"A10": [400, None, 380]}, y_title="Days")
    (trace,) = figure["data"]
    assert trace["x"] == ["Q1", "Q2", "Q3"]
    assert trace["y"] == [400, None, 380]
    assert trace["connectgaps"] is False
    assert figure["layout"]["yaxis"]["title"]["text"] == "Days"


def test_bar_chart_groups_or_stacks_one_trace_per_series():
    series = {"2021-22": [3, 4], "2022-23": [5, 6]}
    grouped = charts.bar_chart(["Matches", "Adoptions"], series, y_title="Children")
    assert [trace["name"] for trace in grouped["data"]] == ["2021-22", "2022-23"]
    assert grouped["layout"]["barmode"] == "group"
    stacked = charts.bar_chart(["a", "b"], series, y_title="", stacked=True)
    assert stacked["layout"]["barmode"] == "stack"


def test_stages_chart_stacks_the_stages_horizontally_per_area():
    figure = charts.stages_chart(
        ["Riverside", "Hillside"], {"Court": [200, 250], "Family finding": [100, None]}
    )
    assert [trace["orientation"] for trace in figure["data"]] == ["h", "h"]
    assert figure["data"][1]["x"] == [100, None]
    assert figure["layout"]["barmode"] == "stack"
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"  # areas top to bottom as listed


def test_funnel_chart_shows_each_step_with_its_count():
    figure = charts.funnel_chart(["Enquiries", "Approvals"], [40, 7])
    (trace,) = figure["data"]
    assert (trace["y"], trace["x"]) == (["Enquiries", "Approvals"], [40, 7])


def test_every_chart_is_a_valid_plotly_figure():
    # plotly's graph objects validate every property: a misspelt one raises ValueError.
    for figure in (
        charts.line_chart(["Q1"], {"A": [1]}, y_title="Days"),
        charts.bar_chart(["a"], {"A": [1]}, y_title="Days", stacked=True),
        charts.stages_chart(["Riverside"], {"Court": [200]}),
        charts.funnel_chart(["Enquiries"], [40]),
    ):
        go.Figure(figure)
