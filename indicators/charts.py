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
