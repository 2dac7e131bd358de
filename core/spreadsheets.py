"""Cells for every CSV and XLSX file the portal writes: text a spreadsheet would take for a
formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading
apostrophe, as OWASP's CSV injection advice says, so that a child's reference such as
`=HYPERLINK(...)` or text taken from an upload cannot run when a manager opens the file. Numbers,
dates and empty cells are left as they are (an XLSX cell keeps its type)."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value itself, or text beginning like a formula with an apostrophe put before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    """Every cell of a row through safe_cell."""
    return [safe_cell(value) for value in values]


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    """An attachment of `rows` under `header`, every cell through safe_cell."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return response
