"""Plotly figures for the dashboard, built from rows of figures with no database access.

Every function takes plain rows (labels and numbers) and returns a plotly figure, so the same
charts can be tested alone and reused by the scorecards. Missing values (a cohort with no
children) are gaps, never zeros.
"""

import plotly.graph_objects as go

# GOV.UK Design System colours, distinguishable in print and for most colour-blind readers.
COLOURS = ("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f")
FONT = {"family": "GDS Transport, arial, sans-serif", "size": 14, "color": "#0b0c0c"}


def _layout(figure: go.Figure, *, y_title: str = "", **overrides) -> go.Figure:
    # Styled here rather than by a named plotly template: applying a template deep-copies it,
    # which cost ~10 ms a chart (docs/performance.md).
    axis = {"showline": True, "linecolor": "#0b0c0c", "ticks": "outside", "zeroline": False}
    layout = {
        "template": {},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": FONT,
        "colorway": COLOURS,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "x unified",
        "xaxis": axis,
        "yaxis": {**axis, "title": {"text": y_title}, "gridcolor": "#e5e6e7", "showgrid": True},
    }
    figure.update_layout(**(layout | overrides))
    return figure


def line_chart(labels: list[str], series: dict[str, list], *, y_title: str) -> go.Figure:
    """One line per named series over the labels (quarters, say)."""
    figure = go.Figure(
        [
            go.Scatter(x=labels, y=values, name=name, mode="lines+markers", connectgaps=False)
            for name, values in series.items()
        ]
    )
    return _layout(figure, y_title=y_title)


def bar_chart(
    labels: list[str], series: dict[str, list], *, y_title: str, stacked: bool = False
) -> go.Figure:
    """Bars per label, one colour per named series, side by side or stacked."""
    figure = go.Figure([go.Bar(x=labels, y=values, name=name) for name, values in series.items()])
    return _layout(figure, y_title=y_title, barmode="stack" if stacked else "group")


def stages_chart(labels: list[str], stages: dict[str, list]) -> go.Figure:
    """Horizontal stacked bars: the average days each stage of the journey took, per area."""
    figure = go.Figure(
        [go.Bar(y=labels, x=days, name=stage, orientation="h") for stage, days in stages.items()]
    )
    height = max(320, 120 + 48 * len(labels))
    _layout(
        figure,
        barmode="stack",
        height=height,
        hovermode="y unified",
        legend={"orientation": "h", "y": -0.35, "traceorder": "normal"},
        margin={"l": 120, "r": 20, "t": 20, "b": 110},
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title="Days (average per adopted child)")
    return figure


def funnel_chart(labels: list[str], values: list[int]) -> go.Figure:
    """The adopter pipeline: how many households reached each step."""
    figure = go.Figure(go.Funnel(y=labels, x=values, textinfo="value"))
    return _layout(figure, hovermode="closest", margin={"l": 180, "r": 20, "t": 20, "b": 40})
