"""The drill-down behind a figure as people read it: the child's own value (the days) first,
plain column names, each child linked to their journey, sortable by any column, and as CSV."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.urls import reverse

from core.spreadsheets import safe_row

# The rows' keys as people name them; a key not here is spelled out from its words.
COLUMN_NAMES = {
    "days": "Days",
    "counted": "Meets the condition",
    "child__la_child_id": "Child's LA reference",
    "child__la__code": "LA",
    "adm_decision": "ADM decision",
    "moved_in_with_adopters": "Moved in with adopters",
    "moved_in": "Moved in with the carers",
    "end_reason": "How it ended",
    "source": "Adopters approved by",
    "child__sibling_group_id": "Sibling group",
    "household_id": "Adopter household",
}
ACRONYMS = {"la": "LA", "raa": "RAA", "adm": "ADM", "asf": "ASF", "po": "PO", "id": "reference"}
FIRST = ("days", "child__la_child_id", "child__la__code")
HIDDEN = {"pk", "child_id", "journey_id"}
UNKNOWN_SORT = "Sort by one of the table's columns."


def plain_name(key: str) -> str:
    """A row key as a column heading: `raa_id` -> "RAA", `papers_received` -> "Papers received"."""
    if key in COLUMN_NAMES:
        return COLUMN_NAMES[key]
    words = key.removesuffix("_id").replace("__", " ").split("_")
    text = " ".join(ACRONYMS.get(word, word) for word in words)
    return text[:1].upper() + text[1:]


@dataclass
class Column:
    key: str
    name: str


@dataclass
class DrillTable:
    columns: list[Column]
    rows: list[list]  # values in the columns' order
    links: list[str | None]  # each row's journey page, where it is a child's
    sort: str
    descending: bool


def _order(row_keys) -> list[str]:
    keys = [key for key in row_keys if key not in HIDDEN]
    return [key for key in FIRST if key in keys] + [key for key in keys if key not in FIRST]


def _sort_value(value):
    # None last whichever way; dates, numbers and text each compare among themselves.
    if value is None:
        return (1, 0, "")
    if isinstance(value, date):
        return (0, 1, value.toordinal())
    if isinstance(value, bool | int | float):
        return (0, 0, float(value))
    return (0, 2, str(value).lower())


def drilldown_table(
    rows: list[dict], *, journeys: bool, sort: str | None = None, descending: bool | None = None
) -> DrillTable:
    """The rows with the child's value first; sorted by `sort` (default: the days, longest
    first); `journeys` when the rows are children's journeys or placements, to link them."""
    keys = _order(rows[0]) if rows else []
    default = keys[0] if keys else ""
    sort = sort or default
    if keys and sort not in keys:
        raise ValueError(UNKNOWN_SORT)
    if descending is None:
        descending = sort == "days"
    present = [row for row in rows if row.get(sort) is not None]
    absent = [row for row in rows if row.get(sort) is None]
    present.sort(key=lambda row: _sort_value(row[sort]), reverse=descending)
    ordered = present + absent
    links = [
        reverse("journey-page", args=[row.get("journey_id") or row["pk"]]) if journeys else None
        for row in ordered
    ]
    return DrillTable(
        [Column(key, plain_name(key)) for key in keys],
        [[row[key] for key in keys] for row in ordered],
        links,
        sort,
        descending,
    )


def drilldown_csv(table: DrillTable) -> str:
    """The table as CSV with its plain headings; dates as YYYY-MM-DD, yes/no for true/false."""

    def text(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value.isoformat() if isinstance(value, date) else str(value)

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row(column.name for column in table.columns))
    for row in table.rows:
        writer.writerow(safe_row(text(value) for value in row))
    return out.getvalue()


def csv_text_response(text: str, name: str) -> HttpResponse:
    """A CSV file (written with safe_row) for the browser to save as `name`."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
