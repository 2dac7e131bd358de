"""How pages show a figure: value with its unit, target and England average, trend, status."""

from django import template

from indicators.calculations.figure import Figure
from indicators.comparisons import figure_label
from indicators.dashboard import STATUS_TAG, TREND_TEXT, figure_text, reference_text
from indicators.dashboard import value_text as unit_text

register = template.Library()


@register.filter
def value_text(figure: Figure) -> str:
    return figure_text(figure)


@register.filter
def target_text(figure: Figure) -> str:
    return reference_text(figure, figure.target)


@register.filter
def england_text(figure: Figure) -> str:
    """The England average, with its period named where it is not the figure's own."""
    text = reference_text(figure, figure.england)
    return f"{text} ({figure.england_period})" if figure.england_period else text


@register.filter
def trend_text(figure: Figure) -> str:
    return TREND_TEXT.get(figure.trend, "No earlier figure to compare")


@register.filter
def status_colour(figure: Figure) -> str:
    return STATUS_TAG.get(figure.status, "grey")


@register.filter
def with_unit(value, code: str) -> str:
    """A scorecard value of the figure `code`, with its unit; blank when there is none."""
    return "" if value is None else unit_text(code, value)


@register.filter
def figure_name(code: str) -> str:
    """A figure's name as people read it (its title and national code), never its key."""
    return figure_label(code)
