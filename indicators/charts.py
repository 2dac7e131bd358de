"""Plotly figures for the dashboard, built from rows of figures with no database access.

Every function takes plain rows (labels and numbers) and returns a plotly figure in its JSON
form (`{"data": [...], "layout": {...}}`), which plotly.js draws in the browser and plotly's
Python API and static export accept as is. Building the dictionaries directly, rather than
through plotly's validating graph objects, takes a tenth of the time (docs/performance.md).
Missing values (a cohort with no children) are gaps, never zeros.
"""

# GOV.UK Design System colours, distinguishable in print and for most colour-blind readers.
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f"]
FONT = {"family": "GDS Transport, arial, sans-serif", "size": 14, "color": "#0b0c0c"}
AXIS = {
    "showline": True,
    "linecolor": "#0b0c0c",
    "ticks": "outside",
    "zeroline": False,
    "automargin": True,
}


def _figure(data: list[dict], *, y_title: str = "", **overrides) -> dict:
    layout = {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": FONT,
        "colorway": COLOURS,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
        "hovermode": "x unified",
        "xaxis": {**AXIS},
        "yaxis": {**AXIS, "title": {"text": y_title}, "gridcolor": "#e5e6e7", "showgrid": True},
    }
    return {"data": data, "layout": layout | overrides}


def line_chart(labels: list[str], series: dict[str, list], *, y_title: str) -> dict:
    """One line per named series over the labels (quarters, say)."""
    return _figure(
        [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": labels,
                "y": values,
                "connectgaps": False,
            }
            for name, values in series.items()
        ],
        y_title=y_title,
    )


def bar_chart(
    labels: list[str], series: dict[str, list], *, y_title: str, stacked: bool = False
) -> dict:
    """Bars per label, one colour per named series, side by side or stacked."""
    return _figure(
        [
            {"type": "bar", "name": name, "x": labels, "y": values}
            for name, values in series.items()
        ],
        y_title=y_title,
        barmode="stack" if stacked else "group",
    )


def stages_chart(labels: list[str], stages: dict[str, list]) -> dict:
    """Horizontal stacked bars: the average days each stage of the journey took, per area."""
    figure = _figure(
        [
            {"type": "bar", "orientation": "h", "name": stage, "y": labels, "x": days}
            for stage, days in stages.items()
        ],
        barmode="stack",
        height=max(320, 120 + 48 * len(labels)),
        hovermode="y unified",
        legend={"orientation": "h", "y": -0.35, "traceorder": "normal"},
        margin={"l": 120, "r": 20, "t": 20, "b": 110},
    )
    layout = figure["layout"]
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": "Days (average per adopted child)"}}
    layout["yaxis"] = {**AXIS, "autorange": "reversed"}  # areas top to bottom as listed
    return figure


def funnel_chart(labels: list[str], values: list[int]) -> dict:
    """The adopter pipeline: how many households reached each step."""
    return _figure(
        [{"type": "funnel", "y": labels, "x": values, "textinfo": "value"}],
        hovermode="closest",
        margin={"l": 180, "r": 20, "t": 20, "b": 40},
    )
