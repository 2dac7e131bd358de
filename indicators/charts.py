"""Plotly figures for the dashboard, built from rows of figures with no database access.

Every function takes plain rows (labels and numbers) and returns a plotly figure in its JSON
form (`{"data": [...], "layout": {...}}`), which plotly.js draws in the browser and plotly's
Python API and static export accept as is. Building the dictionaries directly, rather than
through plotly's validating graph objects, takes a tenth of the time (docs/performance.md).
Missing values (a cohort with no children) are gaps, never zeros.
"""

from html import escape

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
        # Above the plot, where rotated quarter labels below it cannot run into it.
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom"},
        "hovermode": "x unified",
        "xaxis": {**AXIS},
        "yaxis": {**AXIS, "title": {"text": y_title}, "gridcolor": "#e5e6e7", "showgrid": True},
    }
    return {"data": data, "layout": layout | overrides}


# Reference lines beside a series, in the series' colour: dashed for the target, dotted for
# the England average.
REFERENCE_LINES = {"target": ("target", "dash"), "england": ("England average", "dot")}
SMALL_MARK = {"scatter": "open circles", "bar": "hatched bars"}


def _colour(number: int) -> str:
    return COLOURS[number % len(COLOURS)]


def _small_marks(kind: str, flags: list[bool] | None, fewest: int) -> dict:
    """Marker properties that set apart the points based on fewer than `fewest` children."""
    if not flags or not any(flags):
        return {}
    note = f" (based on fewer than {fewest} children)"
    if kind == "scatter":
        marker = {
            "symbol": ["circle-open" if flag else "circle" for flag in flags],
            "size": [11 if flag else 7 for flag in flags],
            "line": {"width": 2},
        }
    else:
        marker = {"pattern": {"shape": ["/" if flag else "" for flag in flags]}}
    return {
        "marker": marker,
        "customdata": [note if flag else "" for flag in flags],
        "hovertemplate": "%{y}%{customdata}",
    }


def reference_traces(name: str, colour: str, labels: list[str], lines: dict[str, list]) -> list:
    """A series' target and England average over the labels, as lines in the series' colour;
    none where no label has the value."""
    return [
        {
            "type": "scatter",
            "mode": "lines",
            "name": f"{name} {REFERENCE_LINES[kind][0]}",
            "x": labels,
            "y": values,
            "connectgaps": False,
            "line": {"color": colour, "dash": REFERENCE_LINES[kind][1], "width": 2},
            "hoverlabel": {"namelength": -1},
        }
        for kind, values in lines.items()
        if any(value is not None for value in values)
    ]


def line_chart(
    labels: list[str],
    series: dict[str, list],
    *,
    y_title: str,
    references: dict[str, dict[str, list]] | None = None,
    small: dict[str, list[bool]] | None = None,
    fewest: int = 5,
) -> dict:
    """One line per named series over the labels (quarters, say). `references` gives a series'
    target and England average per label ({"target": [...], "england": [...]}), drawn beside
    it; `small` flags the points based on fewer than `fewest` children, drawn as open circles."""
    references, small = references or {}, small or {}
    data = []
    for number, (name, values) in enumerate(series.items()):
        colour = _colour(number)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": labels,
                "y": values,
                "connectgaps": False,
                "line": {"color": colour},
                **_small_marks("scatter", small.get(name), fewest),
            }
        )
        if "marker" in data[-1]:
            data[-1]["marker"]["color"] = colour
        data.extend(reference_traces(name, colour, labels, references.get(name, {})))
    figure = _figure(data, y_title=y_title)
    # Twenty quarter labels fit at 45 degrees without overlapping; automargin keeps them whole.
    figure["layout"]["xaxis"] = {**figure["layout"]["xaxis"], "tickangle": -45}
    return figure


def small_numbers_note(
    labels: list[str], small: dict[str, list[bool]], *, fewest: int = 5, kind: str = "scatter"
) -> str:
    """A sentence naming the points of each series based on fewer than `fewest` children, as
    the chart marks them; "" when there are none."""
    parts = []
    for name, flags in small.items():
        marked = [label for label, flag in zip(labels, flags, strict=True) if flag]
        if marked:
            listed = marked[0] if len(marked) == 1 else f"{', '.join(marked[:-1])} and {marked[-1]}"
            parts.append(f"{name} in {listed}")
    if not parts:
        return ""
    return (
        f"Based on fewer than {fewest} children, so one child can move the figure a long way "
        f"({SMALL_MARK[kind]} on the chart): {'; '.join(parts)}."
    )


def bar_chart(
    labels: list[str],
    series: dict[str, list],
    *,
    y_title: str,
    stacked: bool = False,
    small: dict[str, list[bool]] | None = None,
    fewest: int = 5,
) -> dict:
    """Bars per label, one colour per named series, side by side or stacked; `small` flags the
    bars based on fewer than `fewest` children, drawn hatched."""
    small = small or {}
    return _figure(
        [
            {
                "type": "bar",
                "name": name,
                "x": labels,
                "y": values,
                **_small_marks("bar", small.get(name), fewest),
            }
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


def pipeline_chart(labels: list[str], values: list[int]) -> dict:
    """The adopter pipeline: how many households reached each step, as horizontal bars from
    the first step down (plotly's basic bundle, which the dashboard loads, has no funnel)."""
    figure = _figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": values,
                "text": values,
                "textposition": "auto",
                "name": "Households",
            }
        ],
        hovermode="closest",
        showlegend=False,
        margin={"l": 180, "r": 20, "t": 20, "b": 40},
    )
    layout = figure["layout"]
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": "Households"}}
    layout["yaxis"] = {**AXIS, "autorange": "reversed"}  # the first step at the top
    return figure


def svg_line_chart(
    labels: list[str], series: dict[str, list], *, y_title: str, width: int = 640, height: int = 260
) -> str:
    """The same lines as `line_chart`, as a standalone SVG (for PDFs, which run no JavaScript):
    one polyline per series, broken where a value is missing."""
    left, right, top, bottom = 48, 36, 12, 64
    values = [v for vs in series.values() for v in vs if v is not None]
    high = max(values, default=1) or 1
    step = (width - left - right) / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return left + i * step

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / high)

    base = y(0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="arial" font-size="10">',
        f'<line x1="{left}" y1="{base:.1f}" x2="{width - right}" y2="{base:.1f}" '
        'stroke="#0b0c0c"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base:.1f}" stroke="#0b0c0c"/>',
        f'<text x="4" y="{top + 8}">{high:g}</text><text x="4" y="{base:.1f}">0</text>',
        f'<text x="4" y="{height - 4}">{escape(y_title)}</text>',
    ]
    for i, label in enumerate(labels):
        # Every label when few; otherwise every fourth, ending on the last.
        if len(labels) <= 8 or i % 4 == (len(labels) - 1) % 4:
            parts.append(
                f'<text x="{x(i):.1f}" y="{base + 14:.1f}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    for number, (name, points) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        run: list[str] = []
        for i, value in enumerate([*points, None]):
            if value is not None:
                run.append(f"{x(i):.1f},{y(value):.1f}")
            elif run:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                    f'points="{" ".join(run)}"/>'
                )
                run = []
        legend_y = height - 30 + 12 * (number // 3)
        legend_x = left + (number % 3) * 190
        parts.append(
            f'<rect x="{legend_x}" y="{legend_y - 8}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{legend_y}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_bar_chart(
    labels: list[str], series: dict[str, list], *, y_title: str, width: int = 640, height: int = 260
) -> str:
    """The same bars as `bar_chart` (side by side), as a standalone SVG for PDFs; a missing
    value leaves its bar out."""
    left, right, top, bottom = 48, 12, 12, 64
    values = [v for vs in series.values() for v in vs if v is not None]
    high = max(values, default=1) or 1
    slot = (width - left - right) / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    base = height - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="arial" font-size="10">',
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#0b0c0c"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#0b0c0c"/>',
        f'<text x="4" y="{top + 8}">{high:,.0f}</text><text x="4" y="{base}">0</text>',
        f'<text x="4" y="{height - 4}">{escape(y_title)}</text>',
    ]
    for i, label in enumerate(labels):
        centre = left + slot * (i + 0.5)
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 14}" text-anchor="middle">{escape(label)}</text>'
        )
        for number, points in enumerate(series.values()):
            value = points[i]
            if value is None:
                continue
            tall = (base - top) * value / high
            x = left + slot * i + slot * 0.1 + bar * number
            parts.append(
                f'<rect x="{x:.1f}" y="{base - tall:.1f}" width="{bar:.1f}" height="{tall:.1f}" '
                f'fill="{COLOURS[number % len(COLOURS)]}"/>'
            )
    for number, name in enumerate(series):
        legend_x = left + number * 190
        parts.append(
            f'<rect x="{legend_x}" y="{height - 38}" width="10" height="10" '
            f'fill="{COLOURS[number % len(COLOURS)]}"/>'
            f'<text x="{legend_x + 14}" y="{height - 30}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
