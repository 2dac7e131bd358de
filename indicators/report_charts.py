"""The adoption report's charts as static images, drawn on the server with matplotlib (no browser,
no CDN): SVG for the PDF, which WeasyPrint draws as vectors, and PNG for Word, which takes no SVG.

`ReportChart` holds plain rows (labels and numbers); `chart_svg` and `chart_png` draw it with no
database access. Missing values (a year with no children) are gaps, never zeros.
"""

from dataclasses import dataclass
from io import BytesIO

# GOV.UK Design System colours, as the dashboard's charts (indicators/charts.py) use.
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f"]
REFERENCE_STYLES = {"Target": ("#0b0c0c", "--"), "England": ("#505a5f", ":")}
WIDTH, HEIGHT = 6.4, 2.8  # inches: the width of an A4 page's text, a third of its height


@dataclass(frozen=True)
class ReportChart:
    key: str
    title: str
    labels: list[str]  # the periods, oldest first
    series: dict[str, list]  # name: one value (or None) per label
    y_title: str
    kind: str = "line"  # "line" (references dashed) or "bars" (stacked)
    references: tuple[str, ...] = ()  # the series drawn as reference lines (target, England)

    @property
    def empty(self) -> bool:
        return all(value is None for values in self.series.values() for value in values)


def _figure(chart: ReportChart):
    """The matplotlib figure of a chart (the object-oriented API: no global pyplot state, so
    threads of the worker cannot draw on each other's figures)."""
    from matplotlib.figure import Figure  # loads numpy: only when a file is made

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=150, layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(chart.labels)))
    if chart.kind == "bars":
        bottoms = [0.0] * len(positions)
        for number, (name, values) in enumerate(chart.series.items()):
            heights = [value or 0 for value in values]
            axes.bar(positions, heights, 0.6, bottom=bottoms, label=name, color=COLOURS[number])
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    else:
        colours = iter(COLOURS)
        for name, values in chart.series.items():
            points = [float("nan") if value is None else value for value in values]
            if name in chart.references:
                colour, dashes = REFERENCE_STYLES.get(name, ("#505a5f", "--"))
                axes.plot(positions, points, dashes, color=colour, linewidth=1.5, label=name)
            else:
                axes.plot(positions, points, "-o", color=next(colours), linewidth=2, label=name)
        axes.set_ylim(bottom=0)
    axes.set_xticks(positions, chart.labels)
    axes.set_ylabel(chart.y_title)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#e5e6e7")
    axes.set_axisbelow(True)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3, frameon=False, fontsize=8)
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_fontsize(8)
    axes.yaxis.label.set_fontsize(8)
    return figure


def chart_svg(chart: ReportChart) -> str:
    """The chart as a standalone SVG element, its words kept as text (searchable in the PDF)."""
    from matplotlib import rc_context

    out = BytesIO()
    with rc_context({"svg.fonttype": "none", "font.family": "sans-serif"}):
        _figure(chart).savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue().decode()
    return text[text.index("<svg") :]


def chart_png(chart: ReportChart) -> bytes:
    """The chart as a PNG image (150 dots per inch), for the Word document."""
    out = BytesIO()
    _figure(chart).savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
