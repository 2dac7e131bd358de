"""Readers for the return's CSV tables (recognised by their header row) and its XML form.

Both produce the same rows: {table: [Row]}, each value checked (dates, codes) and every problem
reported with its file, row, column and value.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree import ElementTree

from journeys.ssda903.codes import (
    CODES,
    COLUMNS,
    DATE_COLUMNS,
    EPISODES,
    IGNORED_SIGNATURE,
    KEY_COLUMN,
    REQUIRED,
    SIGNATURE,
)

NOT_UTF8 = "the file is not UTF-8 text (save it as CSV UTF-8 or XML)"
EMPTY = "the file is empty"
UNKNOWN_TABLE = "the header row matches no SSDA903 table"
MISSING_COLUMN = "the {table} table needs this column"
BAD_DATE = "not a date in the form dd/mm/YYYY"
BAD_CODE = "not one of the codes {codes}"
BLANK = "must not be blank"
DUPLICATE_ROW = "a second row for the same child and {key}"
DUPLICATE_TABLE = "a second {table} table (the first is in {other})"
BAD_XML = "not a well-formed XML file: {reason}"
_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        row = self.row or "-"
        return f"{self.file}, row {row}, {self.column or '-'}, {self.value!r}: {self.reason}"


@dataclass
class Row:
    file: str
    number: int
    values: dict  # column -> str, date or None

    @property
    def child(self) -> str:
        return self.values["CHILD"]


@dataclass
class ReturnFiles:
    """What was read: rows by table, the file each table came from, and every problem."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def parse_date(text: str) -> date:
    if not _DATE.match(text):
        raise ValueError(text)
    return datetime.strptime(text, "%d/%m/%Y").date()


def _clean_value(column: str, raw: str | None):
    """The checked value of one cell, or raise ValueError with the reason."""
    text = (raw or "").strip()
    if not text:
        if column in REQUIRED:
            raise ValueError(BLANK)
        return None
    if column in DATE_COLUMNS:
        try:
            return parse_date(text)
        except ValueError:
            raise ValueError(BAD_DATE) from None
    if column in CODES and text not in CODES[column]:
        raise ValueError(BAD_CODE.format(codes=", ".join(sorted(CODES[column]))))
    return text


def _table_of(columns: set[str]) -> str | None:
    for table, signature in SIGNATURE.items():
        if signature in columns:
            return table
    for table, signature in IGNORED_SIGNATURE.items():
        if signature in columns:
            return table
    return None


def _add_rows(result: ReturnFiles, name: str, table: str, records) -> None:
    """Check and keep the records [(row number, {column: raw})] of one table."""
    if table in result.sources:
        result.problems.append(
            Problem(
                name, None, "", "", DUPLICATE_TABLE.format(table=table, other=result.sources[table])
            )
        )
        return
    result.sources[table] = name
    rows, seen = [], {}
    key_column = KEY_COLUMN[table]
    for number, raw in records:
        values, ok = {}, True
        for column in COLUMNS[table]:
            try:
                values[column] = _clean_value(column, raw.get(column))
            except ValueError as error:
                result.problems.append(
                    Problem(name, number, column, raw.get(column) or "", str(error))
                )
                ok = False
        if not ok:
            continue
        identity = (values["CHILD"], values[key_column] if key_column else None)
        if identity in seen:
            column = key_column or "CHILD"
            result.problems.append(
                Problem(
                    name,
                    number,
                    column,
                    raw.get(column) or "",
                    DUPLICATE_ROW.format(key=key_column or "table"),
                )
            )
            continue
        seen[identity] = number
        rows.append(Row(name, number, values))
    result.tables[table] = rows


def read_csv(result: ReturnFiles, name: str, content: bytes) -> None:
    """Read one CSV table into `result`."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append(Problem(name, None, "", "", NOT_UTF8))
        return
    if not text.strip():
        result.problems.append(Problem(name, None, "", "", EMPTY))
        return
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [column.strip() for column in (reader.fieldnames or [])]
        reader.fieldnames = header
        table = _table_of(set(header))
        if table is None:
            result.problems.append(Problem(name, 1, "", ",".join(header)[:200], UNKNOWN_TABLE))
            return
        if table in IGNORED_SIGNATURE:
            result.ignored.append(f"{name} ({table})")
            return
        missing = [column for column in COLUMNS[table] if column not in header]
        for column in missing:
            result.problems.append(Problem(name, 1, column, "", MISSING_COLUMN.format(table=table)))
        if missing:
            return
        _add_rows(
            result, name, table, ((number, raw) for number, raw in enumerate(reader, start=2))
        )
    except csv.Error as error:
        result.problems.append(Problem(name, None, "", "", f"not a readable CSV file: {error}"))


# The XML form: <EXPSSDA903><CHILD><HEADER><CHILDID/>…</HEADER><EPISODES><EPISODE>…</EPISODE>
# </EPISODES><AD1>…</AD1><PLACED_ADOPTION>…</PLACED_ADOPTION></CHILD>…</EXPSSDA903>, each field an
# element named as its CSV column (CHILDID standing for CHILD).
XML_ELEMENTS = {
    "HEADER": "Header",
    "EPISODE": EPISODES,
    "AD1": "AD1",
    "ADOPTION": "AD1",
    "PLACED_ADOPTION": "PlacedAdoption",
    "PLACEDADOPTION": "PlacedAdoption",
}


def read_xml(result: ReturnFiles, name: str, content: bytes) -> None:
    """Read the XML form of the return into `result`, as the four CSV tables would be."""
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        result.problems.append(Problem(name, None, "", "", BAD_XML.format(reason=error)))
        return
    records: dict[str, list] = {table: [] for table in COLUMNS}
    for number, child in enumerate(root.iter("CHILD"), start=1):
        header = child.find("HEADER")
        child_id = (
            (header.findtext("CHILDID") if header is not None else None)
            or child.findtext("CHILDID")
            or ""
        )
        for element in child.iter():
            table = XML_ELEMENTS.get(element.tag)
            if table is None:
                continue
            raw = {sub.tag: (sub.text or "") for sub in element}
            raw["CHILD"] = child_id
            records[table].append((number, raw))
    if not any(records.values()):
        result.problems.append(Problem(name, None, "", "", EMPTY))
        return
    for table, rows in records.items():
        _add_rows(result, f"{name} [{table}]", table, rows)


def read_files(files: list[tuple[str, bytes]]) -> ReturnFiles:
    """Read every file (CSV tables or the XML return) of one LA's return."""
    result = ReturnFiles()
    for name, content in files:
        if content.lstrip()[:1] == b"<":
            read_xml(result, name, content)
        else:
            read_csv(result, name, content)
    return result
