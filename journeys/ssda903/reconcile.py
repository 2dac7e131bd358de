"""One child's rows from every imported year merged into one account (docs/ssda903.md,
"Several years").

A row is identified by (child, table, key: DECOM or DATE_PLACED); the later year's row wins. An
episode still open at the end of one return and absent from the next imported return did not stay
open: if the next return holds, from before its year began, an episode with the same legal status,
placement and reason (a corrected DECOM), or one that began no later, the old one is a ghost and is
dropped; otherwise it is closed where the next return's account begins (its first episode from
before its year, else the day before its year). The result depends only on the rows kept, never on
the order the years were imported in.
"""

from datetime import date, timedelta

from journeys.ssda903.codes import EPISODES, KEY_COLUMN

W_GHOST = (
    "Episode from {decom} (open in the {year} return) is not in the {later} return, which holds "
    "{other} instead: dropped as a corrected entry."
)
W_CLOSED = (
    "Episode from {decom} (open in the {year} return) is not in the {later} return: closed on "
    "{closed}."
)
CHECK_RECONCILED = "corrected by a later return"


def year_begins(year: str) -> date:
    return date(int(year[:4]), 4, 1)


def _same_episode(one: dict, other: dict) -> bool:
    return all(one[column] == other[column] for column in ("RNE", "LS", "PLACE"))


def merge_years(
    rows_by_year: dict[str, dict[str, list[dict]]], warn, all_years=()
) -> dict[str, list[dict]]:
    """{year: {table: [row values]}} of one child to {table: [row values]}; `all_years` are the
    years imported for the LA (a child absent from one has no rows in it); `warn(check,
    reason)` is told of each episode the later return corrected."""
    years = sorted(set(rows_by_year) | set(all_years))
    latest: dict[tuple, tuple[str, dict]] = {}
    for year in years:
        for table, rows in rows_by_year.get(year, {}).items():
            key_column = KEY_COLUMN[table]
            for row in rows:
                latest[(table, row[key_column] if key_column else None)] = (year, row)
    merged: dict[str, list[dict]] = {}
    for (table, _), (year, row) in sorted(latest.items(), key=lambda item: str(item[0][1])):
        if table == EPISODES and row["DEC"] is None:
            row = _reconciled(row, year, years, rows_by_year, warn)
            if row is None:
                continue
        merged.setdefault(table, []).append(row)
    return merged


def _reconciled(episode: dict, year: str, years: list[str], rows_by_year, warn) -> dict | None:
    """An open episode as the next imported return leaves it: as it was, closed, or dropped."""
    later = [other for other in years if other > year]
    if not later:
        return episode
    following = later[0]
    begins = year_begins(following)
    carried = sorted(
        (e for e in rows_by_year.get(following, {}).get(EPISODES, []) if e["DECOM"] < begins),
        key=lambda e: e["DECOM"],
    )
    decom = episode["DECOM"].strftime("%d/%m/%Y")
    if carried and (carried[0]["DECOM"] <= episode["DECOM"] or _same_episode(carried[0], episode)):
        other = f"one from {carried[0]['DECOM'].strftime('%d/%m/%Y')}"
        warn(
            CHECK_RECONCILED,
            W_GHOST.format(decom=decom, year=year, later=following, other=other),
        )
        return None
    closed = carried[0]["DECOM"] if carried else begins - timedelta(days=1)
    warn(
        CHECK_RECONCILED,
        W_CLOSED.format(
            decom=decom, year=year, later=following, closed=closed.strftime("%d/%m/%Y")
        ),
    )
    return {**episode, "DEC": closed, "REC": None}
