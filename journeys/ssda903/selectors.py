"""Reads about SSDA903 imports for the pages: what an import read, what it ignored and its
warnings grouped by check."""

import importlib
import re
from dataclasses import dataclass, field
from functools import cache

from journeys.ssda903.models import ImportRecord

# The modules whose message templates (W_… and KEPT_… constants) name the import's checks. A
# warning that carries its own `check` is grouped by it; one that matches no template is grouped
# by its text with the dates and bracketed values taken out.
CHECK_MODULES = ("journeys.ssda903.derive", "journeys.ssda903.pipeline")
CHECK_PREFIXES = ("W_", "KEPT_")
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
_VARIABLE = re.compile(r"\([^)]*\)|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")
COUNT_LABELS = {
    "children": "Children in the return",
    "episodes": "Episodes",
    "children_created": "Children new to the portal",
    "journeys_created": "Journeys created",
    "journeys_updated": "Journeys updated",
    "journeys_deleted": "Journeys removed",
    "warnings": "Warnings",
}
IGNORED_TABLE = "a table of the return the portal does not use"
WARNINGS_CSV_HEADER = ["check", "child", "file", "row", "column", "value", "warning"]


@cache
def _templates() -> list[tuple[re.Pattern, str]]:
    """(pattern, title) of each check's message template."""
    templates = []
    for module_name in CHECK_MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if name.startswith(CHECK_PREFIXES) and isinstance(value, str):
                parts = _PLACEHOLDER.split(value)
                pattern = re.compile(".*?".join(re.escape(part) for part in parts) + "$")
                templates.append((pattern, _PLACEHOLDER.sub("…", value)))
    return templates


def warning_check(warning: dict) -> str:
    """The name of the check that raised a warning."""
    if warning.get("check"):
        return warning["check"]
    reason = warning.get("reason", "")
    for pattern, title in _templates():
        if pattern.search(reason):
            return title
    return _VARIABLE.sub("…", reason)


@dataclass
class WarningGroup:
    check: str
    warnings: list[dict] = field(default_factory=list)


def import_warning_groups(record: ImportRecord) -> list[WarningGroup]:
    """The record's warnings grouped by check, the largest group first."""
    groups: dict[str, WarningGroup] = {}
    for warning in record.warnings:
        check = warning_check(warning)
        groups.setdefault(check, WarningGroup(check)).warnings.append(warning)
    return sorted(groups.values(), key=lambda group: (-len(group.warnings), group.check))


def import_warning_rows(record: ImportRecord):
    """The warnings as rows under WARNINGS_CSV_HEADER, grouped by check."""
    for group in import_warning_groups(record):
        for warning in group.warnings:
            yield [
                group.check,
                warning.get("child", ""),
                warning.get("file", ""),
                warning.get("row", ""),
                warning.get("column", warning.get("element", "")),
                warning.get("value", ""),
                warning.get("reason", ""),
            ]


def import_read_summary(record: ImportRecord) -> dict:
    """What the import read (file, table, rows) and what it left out (file or table, why)."""
    read, ignored = [], []
    for item in record.files:
        if item.get("reason") or item.get("note"):
            ignored.append({"name": item["name"], "reason": item.get("reason") or item["note"]})
        for table in item.get("tables", []):
            rows = item.get("rows", {}).get(table)
            read.append({"name": item["name"], "table": table, "rows": rows})
    if not any("note" in item for item in record.files):  # records of the first importer
        for note in record.counts.get("ignored_files", []):
            ignored.append({"name": note, "reason": IGNORED_TABLE})
    counts = [
        (COUNT_LABELS.get(name, name.replace("_", " ").capitalize()), value)
        for name, value in record.counts.items()
        if not isinstance(value, list | dict)
    ]
    return {"read": read, "ignored": ignored, "counts": counts}
