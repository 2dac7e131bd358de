"""Cells for the CSV and XLSX files the portal writes: text a spreadsheet would take for a formula
is written as text (OWASP's CSV injection advice), so a child's reference such as
`=HYPERLINK(...)` cannot run when a manager opens the file."""

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value itself, or text beginning like a formula with an apostrophe put before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    """Every cell of a row through safe_cell."""
    return [safe_cell(value) for value in values]
