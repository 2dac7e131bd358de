"""The rows kept of an LA's imported returns, read for the children an import rebuilds only.

An import rebuilds the children of its return (and of the same year's previous return), and
those left open in an earlier year (a later return may close or drop their open episodes).
Of those, only two kinds need their rows of every year read and merged (reconcile.py): a child
with anything adoption-related in some year (only they get journeys), and a child whose merge
warns of an open episode a later return corrected (its latest version of an episode is open in
a year before the LA's last). Every other child merges to nothing worth reading; on PostgreSQL
the database picks the two kinds out of the rows, so the time does not grow with the years
kept.
"""

from collections import defaultdict
from datetime import date

from django.db import connection

from journeys.ssda903.checks import is_adoption_related
from journeys.ssda903.codes import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    DATE_COLUMNS,
    EPISODES,
    ORDER_LEGAL_STATUSES,
)
from journeys.ssda903.models import ReturnRow

Stored = dict[str, dict[str, dict[str, list[dict]]]]  # {child: {year: {table: [row values]}}}


def deserialise(values: dict) -> dict:
    return {
        k: date.fromisoformat(v) if k in DATE_COLUMNS and v is not None else v
        for k, v in values.items()
    }


def stored_years(la) -> set[str]:
    """The years of the LA's returns imported."""
    return set(ReturnRow.objects.filter(la=la).order_by().values_list("year", flat=True).distinct())


def stored_rows(la, children=None) -> Stored:
    """{child: {year: {table: [row values]}}} of every year kept, for these children (None:
    every child)."""
    rows = ReturnRow.objects.filter(la=la)
    if children is not None:
        rows = rows.filter(child__in=list(children))
    stored: Stored = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for year, table, child, data in (
        rows.order_by().values_list("year", "table", "child", "data").iterator(chunk_size=5000)
    ):
        stored[child][year][table] += [deserialise(values) for values in data]
    return stored


# jsonb_array_elements and containment (@>) have no ORM form: the rows are one JSON list per
# child and table, and the point is to look inside them without loading them. An episode's
# latest version is the one of the latest year holding its DECOM.
_TO_MERGE_SQL = """
WITH wanted AS (
    SELECT unnest(%(children)s::text[]) AS child
    UNION
    SELECT o.child FROM journeys_returnrow o
    WHERE o.la_id = %(la)s AND o."table" = %(episodes)s AND o.year < %(year)s
      AND o.data @> '[{"DEC": null}]'
), kept AS (
    SELECT r.child, r.year, r."table", r.data
    FROM journeys_returnrow r JOIN wanted USING (child)
    WHERE r.la_id = %(la)s
), episodes AS (
    SELECT kept.child, kept.year, e.value AS episode
    FROM kept, jsonb_array_elements(kept.data) e
    WHERE kept."table" = %(episodes)s
)
SELECT child FROM kept WHERE "table" <> %(episodes)s
UNION
SELECT child FROM episodes
WHERE episode->>'LS' = ANY(%(statuses)s) OR episode->>'PLACE' = ANY(%(places)s)
   OR episode->>'REC' = ANY(%(adopted)s)
UNION
SELECT child FROM (
    SELECT DISTINCT ON (child, episode->'DECOM') child, year, episode->'DEC' AS ended
    FROM episodes ORDER BY child, episode->'DECOM', year DESC
) latest
WHERE ended = 'null'::jsonb AND year < %(last)s
"""


def children_to_merge(la, year: str, children, years: set[str]) -> list[str]:
    """Of the children this import rebuilds (`children`: its return's and the year's previous
    ones, with those left open in an earlier year), the ones whose rows must be read and merged
    (see the module's docstring); `years` are the LA's imported years."""
    if not years:
        return []
    if connection.vendor != "postgresql":
        return _children_to_merge_read(la, year, children, years)
    params = {
        "la": la.pk,
        "year": year,
        "last": max(years),
        "children": sorted(children),
        "episodes": EPISODES,
        "statuses": sorted(ORDER_LEGAL_STATUSES),
        "places": sorted(ADOPTION_PLACEMENTS),
        "adopted": sorted(ADOPTED),
    }
    with connection.cursor() as cursor:
        cursor.execute(_TO_MERGE_SQL, params)
        return sorted(child for (child,) in cursor.fetchall())


def _children_to_merge_read(la, year: str, children, years: set[str]) -> list[str]:
    """children_to_merge by reading every row kept of the LA (databases without JSON
    containment)."""
    stored = stored_rows(la)
    wanted = set(children) | {
        child
        for child, by_year in stored.items()
        if any(
            other < year and any(e["DEC"] is None for e in rows.get(EPISODES, []))
            for other, rows in by_year.items()
        )
    }
    last = max(years)
    return sorted(
        child
        for child in wanted & set(stored)
        if any(
            set(rows) - {EPISODES} or is_adoption_related(rows) for rows in stored[child].values()
        )
        or _open_until_corrected(stored[child], last)
    )


def _open_until_corrected(by_year: dict, last: str) -> bool:
    """Whether the child's latest version of some episode is open in a year before `last`."""
    latest = {}
    for year in sorted(by_year):
        for episode in by_year[year].get(EPISODES, []):
            latest[episode["DECOM"]] = (year, episode)
    return any(e["DEC"] is None and year < last for year, e in latest.values())
