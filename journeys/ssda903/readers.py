"""Readers for the return's CSV tables (recognised by their header row) and the DfE XML return.

Both give the same `ReturnTables`: rows of the four tables the portal uses, holding only the
columns it reads (codes upper-cased, dates parsed), every problem with its place, and a note for
each file or table skipped. Codes are checked later, against the return's own year (checks.py).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from journeys.ssda903.codes import (
    AD1,
    CHECKED_ONLY,
    DATE_COLUMNS,
    EPISODES,
    HEADER,
    IGNORED_SIGNATURE,
    KEPT,
    KEY_COLUMN,
    NOT_BLANK,
    PLACED_ADOPTION,
    REQUIRED_COLUMNS,
    SIGNATURE,
    USED_TABLES,
    XML_AD1_FIELDS,
    XML_EPISODE_ELEMENT,
    XML_NAMES,
    XML_PLACED_ELEMENT,
)
from journeys.ssda903.problems import ERROR, Problem

NOT_TEXT = "this row holds bytes that are neither UTF-8 nor Windows-1252 text"
EMPTY = "the file is empty"
NOT_A_TABLE = "skipped: not an SSDA903 table (its first row names no table's columns)"
NOT_TEXT_FILE = "skipped: not a CSV or XML file"
IGNORED_TABLE = "skipped: the {table} table is not used by the portal"
MISSING_COLUMN = "the {table} table needs this column"
BAD_DATE = "not a date (dd/mm/YYYY, d/m/YYYY or YYYY-MM-DD)"
BLANK = "must not be blank"
NUL_IN_ID = "the child's identifier holds a NUL byte"
ID_TOO_LONG = "the child's identifier is longer than 50 characters"
DUPLICATE_ROW = "a second row for the same child and {key}"
DUPLICATE_TABLE = "a second {table} table (the first is in {other})"
BAD_XML = "not a well-formed XML file: {reason}"
UNSAFE_XML = "refused: the XML uses entities or a DTD ({reason})"
XML_NO_CHILDREN = "skipped: an XML file with no SSDA903 <CHILD> elements"
CHILD_ID_LENGTH = 50

_DATE = re.compile(
    r"^(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\x00\x00\x00")
_BOM = b"\xef\xbb\xbf"


@dataclass
class Row:
    """One row of a used table: its place in the file and its values (kept and checked-only
    columns: str, date or None)."""

    file: str
    number: int | None
    values: dict
    xml: bool = False

    @property
    def child(self) -> str:
        return self.values["CHILD"]

    def problem(self, column: str, reason: str, *, severity=ERROR, check="", value=None):
        """A problem located at this row (XML: at the child, the element, the episode)."""
        if value is None:
            raw = self.values.get(column)
            value = raw.strftime("%d/%m/%Y") if isinstance(raw, date) else (raw or "")
        decom = self.values.get("DECOM")
        element = {v: k for k, v in XML_NAMES.items()}.get(column, column) if self.xml else column
        return Problem(
            self.file,
            None if self.xml else self.number,
            element,
            str(value),
            reason,
            severity=severity,
            check=check,
            child=self.values.get("CHILD") or "",
            decom=decom.strftime("%d/%m/%Y") if isinstance(decom, date) and self.xml else "",
            xml=self.xml,
        )


@dataclass
class FileRead:
    """What one file gave: the tables read from it (with rows), or why it was skipped."""

    name: str
    size: int
    tables: dict[str, int] = field(default_factory=dict)
    note: str = ""


@dataclass
class ReturnTables:
    """A return as read: rows by table, the file(s) each table came from, every problem found
    while reading, and what each file gave (`files`, with the notes of skipped files/tables)."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileRead] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    @property
    def notes(self) -> list[str]:
        return [f"{f.name}: {f.note}" for f in self.files if f.note]

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])


def parse_date(text: str) -> date:
    """dd/mm/YYYY, d/m/YYYY or YYYY-MM-DD, with or without a time part; ValueError otherwise."""
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    if match["y"]:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    return date(int(match["iy"]), int(match["im"]), int(match["id"]))


def _clean_value(column: str, raw) -> str | date | None:
    """One cell: stripped; a code upper-cased; a date parsed. ValueError with the reason."""
    text = (raw or "").strip()
    if not text:
        if column in NOT_BLANK:
            raise ValueError(BLANK)
        return None
    if column == "CHILD":
        if "\x00" in text:
            raise ValueError(NUL_IN_ID)
        if len(text) > CHILD_ID_LENGTH:
            raise ValueError(ID_TOO_LONG)
        return text
    if column in DATE_COLUMNS:
        try:
            return parse_date(text)
        except ValueError:
            raise ValueError(BAD_DATE) from None
    return text.upper()


def _normalise_column(name: str) -> str:
    return re.sub(r"\s+", "_", (name or "").replace("\ufeff", "").strip()).upper()


def table_of(columns: set[str]) -> str | None:
    """The table a header row belongs to (a used or an ignored one), or None."""
    if "CHILD" not in columns and "CHILDID" not in columns:
        return None
    for table in (EPISODES, PLACED_ADOPTION, AD1):
        if SIGNATURE[table] & columns:
            return table
    for table, signature in IGNORED_SIGNATURE.items():
        if signature & columns:
            return table
    if SIGNATURE[HEADER] & columns:
        return HEADER
    return None


def _add_rows(result: ReturnTables, name: str, table: str, records, xml=False) -> int:
    """Check and keep the records [(row number, {column: raw})] of one table."""
    if table in result.sources and not xml:
        other = result.sources[table]
        result.problems.append(
            Problem(name, None, "", "", DUPLICATE_TABLE.format(table=table, other=other))
        )
        return 0
    result.sources.setdefault(table, name)
    rows = result.tables.setdefault(table, [])
    seen = {(row.child, row.values.get(KEY_COLUMN[table])) for row in rows}
    key_column = KEY_COLUMN[table]
    count = 0
    for number, raw in records:
        values, ok = {}, True
        for column in KEPT[table] + CHECKED_ONLY[table]:
            try:
                values[column] = _clean_value(column, raw.get(column))
            except ValueError as error:
                location = Row(name, number, {**values, "CHILD": raw.get("CHILD") or ""}, xml)
                result.problems.append(
                    location.problem(column, str(error), value=raw.get(column) or "")
                )
                ok = False
        if not ok:
            continue
        row = Row(name, number, values, xml)
        identity = (row.child, values[key_column] if key_column else None)
        if identity in seen:
            column = key_column or "CHILD"
            result.problems.append(
                row.problem(column, DUPLICATE_ROW.format(key=key_column or "table"))
            )
            continue
        seen.add(identity)
        rows.append(row)
        count += 1
    return count


def _decode(name: str, content: bytes, result: ReturnTables) -> str | None:
    """UTF-8 (with or without a BOM), else Windows-1252; else every row that is neither."""
    content = content.removeprefix(_BOM)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        pass
    for number, line in enumerate(content.split(b"\n"), start=1):
        try:
            line.decode("cp1252")
        except UnicodeDecodeError as error:
            bad = line[error.start : error.end]
            result.problems.append(Problem(name, number, "", repr(bad)[2:-1], NOT_TEXT))
    return None


def _first_line_columns(content: bytes) -> set[str]:
    first = content.removeprefix(_BOM).split(b"\n", 1)[0].decode("cp1252", errors="replace")
    try:
        return {_normalise_column(c) for c in next(csv.reader([first]), [])}
    except csv.Error:
        return set()


def read_csv(result: ReturnTables, name: str, content: bytes) -> None:
    """Read one CSV table into `result` (or note why the file was skipped)."""
    summary = FileRead(name, len(content))
    result.files.append(summary)
    table = table_of(_first_line_columns(content))
    if table is None:
        summary.note = EMPTY if not content.strip() else NOT_A_TABLE
        return
    if table not in USED_TABLES:
        summary.note = IGNORED_TABLE.format(table=table)
        return
    text = _decode(name, content, result)
    if text is None:
        return
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [_normalise_column(column) for column in next(reader)]
        missing = [column for column in REQUIRED_COLUMNS[table] if column not in header]
        for column in missing:
            result.problems.append(Problem(name, 1, column, "", MISSING_COLUMN.format(table=table)))
        if missing:
            return
        wanted = [(header.index(c), c) for c in KEPT[table] + CHECKED_ONLY[table] if c in header]

        def records():
            for number, cells in enumerate(reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue  # Excel's trailing ,,,, rows
                yield number, {c: cells[i] if i < len(cells) else "" for i, c in wanted}

        summary.tables[table] = _add_rows(result, name, table, records())
    except csv.Error as error:
        result.problems.append(Problem(name, None, "", "", f"not a readable CSV file: {error}"))


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1].upper() if isinstance(element.tag, str) else ""


def _fields(element) -> dict[str, str]:
    """{column: text} of an element's simple children, XML names turned into CSV columns."""
    values = {}
    for sub in element:
        if len(sub):
            continue
        tag = _tag(sub)
        values[XML_NAMES.get(tag, tag)] = sub.text or ""
    return values


def read_xml(result: ReturnTables, name: str, content: bytes) -> None:
    """Read the DfE XML return (EXPSSDA903/CHILD/HEADER, …/HEADER/AD_PLACED, …/CHILD/EPISODE)."""
    summary = FileRead(name, len(content))
    result.files.append(summary)
    try:
        root = SafeElementTree.fromstring(content.removeprefix(_BOM))
    except DefusedXmlException as error:
        result.problems.append(Problem(name, None, "", "", UNSAFE_XML.format(reason=error)))
        return
    except SafeElementTree.ParseError as error:
        result.problems.append(Problem(name, None, "", "", BAD_XML.format(reason=error)))
        return
    records: dict[str, list] = {table: [] for table in USED_TABLES}
    children = [
        element
        for element in root.iter()
        if _tag(element) == "CHILD" and any(_tag(s) in ("HEADER", "EPISODE") for s in element)
    ]
    if not children:
        summary.note = XML_NO_CHILDREN
        return
    for child in children:
        header = next((s for s in child if _tag(s) == "HEADER"), None)
        header_fields = _fields(header) if header is not None else {}
        child_id = header_fields.get("CHILD") or _fields(child).get("CHILD", "")
        if header is not None:
            records[HEADER].append((None, header_fields))
            if any((header_fields.get(f) or "").strip() for f in XML_AD1_FIELDS):
                records[AD1].append((None, header_fields))
        placed = [e for e in child.iter() if _tag(e) == XML_PLACED_ELEMENT]
        for element in placed:
            records[PLACED_ADOPTION].append((None, {**_fields(element), "CHILD": child_id}))
        for element in child.iter():
            if _tag(element) == XML_EPISODE_ELEMENT:
                records[EPISODES].append((None, {**_fields(element), "CHILD": child_id}))
    for table, rows in records.items():
        if rows:
            summary.tables[table] = _add_rows(result, name, table, rows, xml=True)


def _looks_like_xml(content: bytes) -> bool:
    return content.removeprefix(_BOM).lstrip()[:1] == b"<"


def read_return(files: dict[str, bytes]) -> ReturnTables:
    """Read every file of one LA's return (CSV tables and/or the XML return)."""
    result = ReturnTables()
    for name, content in files.items():
        if _looks_like_xml(content):
            read_xml(result, name, content)
        elif content.startswith(_BINARY_MAGIC):
            result.files.append(FileRead(name, len(content), note=NOT_TEXT_FILE))
        else:
            read_csv(result, name, content)
    return result
