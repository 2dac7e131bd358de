"""Checks of a return as read, against its own collection year (docs/ssda903.md, "Bad input").

Errors refuse the import; warnings are the DfE validator's data-quality flags and let it run.
Pure functions over the rows read: no database.
"""

import re
from datetime import date

from journeys.ssda903.codes import (
    AD1,
    ADOPTED,
    ADOPTION_PLACEMENTS,
    DATE_COLUMNS,
    EPISODES,
    FOSTER_CARE_WORDS,
    HEADER,
    ORDER_LEGAL_STATUSES,
    PLACED_ADOPTION,
    WARN_ONLY_CODES,
    codes_for,
)
from journeys.ssda903.problems import WARNING, Problem
from journeys.ssda903.readers import ReturnTables, Row

BAD_YEAR = "give the return's year as a financial year such as 2022-23"
YEAR_OUT_OF_RANGE = "the year must be between 2000-01 and the current year"
NO_EPISODES = "the return has no Episodes table"
BAD_CODE = "not a {column} code in {year} (codes: {codes})"
FUTURE_DATE = "a date after today ({today})"
TOO_EARLY = "a date before 1900"
DEC_BEFORE_DECOM = "the episode ends (DEC {dec}) before it begins (DECOM {decom})"
ENDED_BEFORE_YEAR = (
    "the episode ended before the {year} return's year began (1 April {start}): "
    "is this the return of another year?"
)
BEGAN_AFTER_YEAR = (
    "the episode began after the {year} return's year ended (31 March {end}): "
    "is this the return of another year?"
)
NO_HEADER_ROW = "the child has adoption episodes or rows but no Header row"
TWO_HEADERS = "a second Header row for the child"
W_REC_WITHOUT_DEC = "REC {rec} without DEC: the episode ends where the next one begins, else open"
W_DEC_WITHOUT_REC = "DEC {dec} without REC"
W_BEFORE_BIRTH = "{column} ({value}) is before the child's date of birth ({dob})"
W_NO_EPISODES = "an {table} row for a child with no episodes in the return (kept, and listed)"
W_UNUSED_CODE = "not a {column} code in {year}: the portal does not keep this column"

# Names of the checks, for grouping warnings.
CHECK_CODE = "code"
CHECK_DATE = "date range"
CHECK_YEAR = "return year"
CHECK_EPISODE_END = "episode end"
CHECK_BEFORE_BIRTH = "date before birth"
CHECK_NO_EPISODES = "rows without episodes"
CHECK_HEADER = "header"

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def year_start(year: str, today: date) -> int:
    """The first calendar year of a collection year '2022-23'; ValueError with the reason."""
    match = _YEAR.match((year or "").strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(BAD_YEAR)
    start = int(match[1])
    if not 2000 <= start <= today.year:
        raise ValueError(YEAR_OUT_OF_RANGE)
    return start


def is_adoption_related(rows: dict[str, list]) -> bool:
    """Whether a child's rows hold anything adoption-related: an E1/D1 status, an A3-A6
    placement, an E11/E12 ending, an AD1 or a PlacedAdoption row."""
    if rows.get(AD1) or rows.get(PLACED_ADOPTION):
        return True
    return any(
        episode["LS"] in ORDER_LEGAL_STATUSES
        or episode["PLACE"] in ADOPTION_PLACEMENTS
        or episode["REC"] in ADOPTED
        for episode in rows.get(EPISODES, [])
    )


def _values(row):
    return row.values if isinstance(row, Row) else row


def check_codes(read: ReturnTables, year: str, start: int) -> list[Problem]:
    """Every coded cell against the year's list, compared without regard to case."""
    codes = codes_for(start)
    problems = []
    for rows in read.tables.values():
        for row in rows:
            for column, value in row.values.items():
                if column not in codes or not isinstance(value, str) or column == "CHILD":
                    continue
                if column == "FOSTER_CARE":
                    value = row.values[column] = FOSTER_CARE_WORDS.get(value, value)
                if value in codes[column]:
                    continue
                if column in WARN_ONLY_CODES:
                    reason = W_UNUSED_CODE.format(column=column, year=year)
                    problems.append(row.problem(column, reason, severity=WARNING, check=CHECK_CODE))
                else:
                    listed = ", ".join(sorted(codes[column]))
                    reason = BAD_CODE.format(column=column, year=year, codes=listed)
                    problems.append(row.problem(column, reason, check=CHECK_CODE))
    return problems


def check_dates(read: ReturnTables, year: str, start: int, today: date) -> list[Problem]:
    """Dates in range; episodes that belong to the year; DEC not before DECOM; REC and DEC
    together; nothing before the child's birth."""
    problems = []
    year_begins, year_ends = date(start, 4, 1), date(start + 1, 3, 31)
    births = {row.child: row.values.get("DOB") for row in read.rows(HEADER)}
    for rows in read.tables.values():
        for row in rows:
            for column, value in row.values.items():
                if column in DATE_COLUMNS and isinstance(value, date):
                    if value > today:
                        reason = FUTURE_DATE.format(today=today.strftime("%d/%m/%Y"))
                        problems.append(row.problem(column, reason, check=CHECK_DATE))
                    elif value.year < 1900:
                        problems.append(row.problem(column, TOO_EARLY, check=CHECK_DATE))
    for row in read.rows(EPISODES):
        decom, dec, rec = row.values["DECOM"], row.values["DEC"], row.values["REC"]
        if dec and dec < decom:
            reason = DEC_BEFORE_DECOM.format(
                dec=dec.strftime("%d/%m/%Y"), decom=decom.strftime("%d/%m/%Y")
            )
            problems.append(row.problem("DEC", reason, check=CHECK_EPISODE_END))
        if dec and dec < year_begins:
            reason = ENDED_BEFORE_YEAR.format(year=year, start=start)
            problems.append(row.problem("DEC", reason, check=CHECK_YEAR))
        if decom > year_ends:
            reason = BEGAN_AFTER_YEAR.format(year=year, end=start + 1)
            problems.append(row.problem("DECOM", reason, check=CHECK_YEAR))
        if rec and not dec:
            reason = W_REC_WITHOUT_DEC.format(rec=rec)
            problems.append(row.problem("REC", reason, severity=WARNING, check=CHECK_EPISODE_END))
        if dec and not rec:
            reason = W_DEC_WITHOUT_REC.format(dec=dec.strftime("%d/%m/%Y"))
            problems.append(row.problem("DEC", reason, severity=WARNING, check=CHECK_EPISODE_END))
    for table, column in ((EPISODES, "DECOM"), (AD1, "DATE_INT"), (PLACED_ADOPTION, "DATE_PLACED")):
        for row in read.rows(table):
            dob, value = births.get(row.child), row.values.get(column)
            if dob and value and value < dob:
                reason = W_BEFORE_BIRTH.format(
                    column=column, value=value.strftime("%d/%m/%Y"), dob=dob.strftime("%d/%m/%Y")
                )
                problems.append(
                    row.problem(column, reason, severity=WARNING, check=CHECK_BEFORE_BIRTH)
                )
    return problems


def check_children(read: ReturnTables) -> list[Problem]:
    """Each adoption-related child has one Header row; AD1 and PlacedAdoption rows of a child
    with no episodes are listed."""
    problems = []
    by_child: dict[str, dict[str, list]] = {}
    for table, rows in read.tables.items():
        for row in rows:
            by_child.setdefault(row.child, {}).setdefault(table, []).append(row)
    for rows in by_child.values():
        headers = rows.get(HEADER, [])
        for extra in headers[1:]:
            problems.append(extra.problem("CHILD", TWO_HEADERS, check=CHECK_HEADER))
        plain = {table: [r.values for r in table_rows] for table, table_rows in rows.items()}
        if not headers and is_adoption_related(plain):
            tables = (EPISODES, AD1, PLACED_ADOPTION)
            first = next(r for table in tables for r in rows.get(table, []))
            problems.append(first.problem("CHILD", NO_HEADER_ROW, check=CHECK_HEADER))
        if not rows.get(EPISODES):
            for table in (AD1, PLACED_ADOPTION):
                for row in rows.get(table, []):
                    problems.append(
                        row.problem(
                            "CHILD",
                            W_NO_EPISODES.format(table=table),
                            severity=WARNING,
                            check=CHECK_NO_EPISODES,
                        )
                    )
    return problems


def check_return(read: ReturnTables, year: str, today: date) -> list[Problem]:
    """Every problem of a return as read, for the collection year it is imported as."""
    try:
        start = year_start(year, today)
    except ValueError as error:
        return [Problem("", None, "year", year or "", str(error), check=CHECK_YEAR)]
    problems = []
    if not read.rows(EPISODES) and not any(p.is_error for p in read.problems):
        problems.append(Problem("", None, "", "", NO_EPISODES))
    problems += check_codes(read, year, start)
    problems += check_dates(read, year, start, today)
    problems += check_children(read)
    return problems
