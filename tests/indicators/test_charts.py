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


def test_pipeline_chart_shows_each_step_with_its_count_first_step_on_top():
    figure = charts.pipeline_chart(["Enquiries", "Approvals"], [40, 7])
    (trace,) = figure["data"]
    assert (trace["y"], trace["x"], trace["text"]) == (["Enquiries", "Approvals"], [40, 7], [40, 7])
    assert (trace["type"], trace["orientation"]) == ("bar", "h")  # in plotly's basic bundle
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"


QUARTERS = ["2023-24 Q1", "2023-24 Q2", "2023-24 Q3"]


def test_line_chart_draws_each_series_target_and_england_average_in_its_colour():
    # A10 has a target of 426 days in every quarter and an England average in Q2 and Q3 only;
    # A2 has neither, so it gets no reference lines at all.
    figure = charts.line_chart(
        QUARTERS,
        {"A10": [400, 380, None], "A2": [120, 90, 100]},
        y_title="Days",
        references={
            "A10": {"target": [426, 426, 426], "england": [None, 450, 440]},
            "A2": {"target": [None, None, None], "england": [None, None, None]},
        },
    )
    names = [trace["name"] for trace in figure["data"]]
    assert names == ["A10", "A10 target", "A10 England average", "A2"]
    a10, target, england, a2 = figure["data"]
    assert target["y"] == [426, 426, 426] and target["x"] == QUARTERS
    assert england["y"] == [None, 450, 440]  # a gap where there is no England average
    assert (target["mode"], target["line"]["dash"], england["line"]["dash"]) == (
        "lines",
        "dash",
        "dot",
    )
    assert a10["line"]["color"] == target["line"]["color"] == england["line"]["color"]
    assert a2["line"]["color"] != a10["line"]["color"]


def test_line_chart_marks_points_based_on_fewer_than_five_children_as_open_circles():
    figure = charts.line_chart(
        QUARTERS,
        {"A10": [400, 380, None]},
        y_title="Days",
        small={"A10": [False, True, False]},
        fewest=5,
    )
    (trace,) = figure["data"]
    assert trace["marker"]["symbol"] == ["circle", "circle-open", "circle"]
    assert trace["customdata"] == ["", " (based on fewer than 5 children)", ""]


def test_line_chart_with_no_small_points_keeps_plain_markers():
    figure = charts.line_chart(
        QUARTERS, {"A10": [400, 380, 390]}, y_title="Days", small={"A10": [False] * 3}
    )
    assert "marker" not in figure["data"][0] and "customdata" not in figure["data"][0]


def test_bar_chart_hatches_the_bars_based_on_fewer_than_five_children():
    figure = charts.bar_chart(
        ["Riverside", "Hillside"], {"A2": [30, 200]}, y_title="Days", small={"A2": [False, True]}
    )
    assert figure["data"][0]["marker"]["pattern"]["shape"] == ["", "/"]


def test_small_numbers_note_names_each_series_and_its_marked_points():
    note = charts.small_numbers_note(
        QUARTERS,
        {"A10": [True, False, True], "A2": [False, False, False], "A3": [False, True, False]},
        fewest=5,
    )
    assert note == (
        "Based on fewer than 5 children, so one child can move the figure a long way "
        "(open circles on the chart): A10 in 2023-24 Q1 and 2023-24 Q3; A3 in 2023-24 Q2."
    )
    bars = charts.small_numbers_note(["Riverside"], {"A2": [True]}, fewest=5, kind="bar")
    assert bars.endswith("(hatched bars on the chart): A2 in Riverside.")


def test_small_numbers_note_is_empty_when_no_point_is_small():
    assert charts.small_numbers_note(QUARTERS, {"A10": [False] * 3}) == ""


def test_every_chart_is_a_valid_plotly_figure():
    # plotly's graph objects validate every property: a misspelt one raises ValueError.
    for figure in (
        charts.line_chart(["Q1"], {"A": [1]}, y_title="Days"),
        charts.bar_chart(["a"], {"A": [1]}, y_title="Days", stacked=True),
        charts.stages_chart(["Riverside"], {"Court": [200]}),
        charts.pipeline_chart(["Enquiries"], [40]),
        charts.line_chart(
            ["Q1", "Q2"],
            {"A": [1, 2]},
            y_title="Days",
            references={"A": {"target": [3, 3], "england": [None, 4]}},
            small={"A": [True, False]},
        ),
        charts.bar_chart(["a", "b"], {"A": [1, 2]}, y_title="Days", small={"A": [True, False]}),
    ):
        go.Figure(figure)
