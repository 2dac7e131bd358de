"""CSV files for people to open in a spreadsheet: a cell that a spreadsheet would read as a
formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading
apostrophe, so that text taken from an upload cannot run as a formula (OWASP "CSV injection")."""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value) -> str:
    """The cell's text, with an apostrophe before a leading formula character."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_download(filename: str, header: list[str], rows) -> HttpResponse:
    """An attachment of `rows` under `header`, every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised(cell) for cell in row])
    return response
