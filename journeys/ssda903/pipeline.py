"""The SSDA903 import pipeline: read → check → reconcile → derive → write (docs/ssda903.md).

The interface for the upload side (pages, API, command, export round trip):

- `read_return(files: dict[str, bytes]) -> ReturnTables`: file names to contents, CSV tables
  (recognised by their header row, whatever the file is called) and/or the DfE XML return. Files
  and tables the portal does not use are skipped, each with a note (`ReturnTables.notes`,
  `ReturnTables.files[i].note`); what each file gave is in `ReturnTables.files` (name, size,
  {table: rows}). Problems found while reading are in `ReturnTables.problems`.
- `return_tables_import(*, user, la, year, tables, progress=None, via="") -> ImportResult`: checks
  the tables as the return of `la` for `year` ("2022-23") and imports them, all or nothing.
  Raises `ImportFailed` (nothing changed) whose `problems` lists every error and warning;
  otherwise `ImportResult.problems` holds the warnings. A problem (`problems.Problem`) has
  `file, row, column, value, reason`, `severity` ("error"/"warning"), `check` (to group by), and for
  XML `child` (CHILDID), the element in `column` and the episode's `decom`; `str(problem)` is the
  one-line form `file, row N, COLUMN, 'value': reason`.
- `return_import(*, user, la, year, files, ...)`: both steps, files given as [(name, bytes)].

What is kept: for every child, its episodes (only the columns the derivation uses), since a later
year may need them to date that child's care; the Header, AD1 and PlacedAdoption rows only of
children with something adoption-related; Child and Journey records only for those children.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

from agencies.audit import audit_record
from agencies.models import AuditEvent, LocalAuthority
from agencies.scoping import IMPORTS, require_write
from core.changes import changing_in_bulk
from journeys.models import JOURNEY_DATES, Child, Journey, Placement
from journeys.ssda903.checks import check_return, is_adoption_related
from journeys.ssda903.codes import (
    AD1,
    EPISODES,
    HEADER,
    KEPT,
    PLACED_ADOPTION,
)
from journeys.ssda903.derive import CHECKS, JourneyFacts, PlacementFacts, derive_journeys
from journeys.ssda903.models import ReturnRow
from journeys.ssda903.problems import WARNING, Problem
from journeys.ssda903.readers import ReturnTables, read_return
from journeys.ssda903.reconcile import merge_years
from journeys.ssda903.stored import children_to_merge, stored_rows, stored_years

__all__ = ["ImportFailed", "ImportResult", "read_return", "return_import", "return_tables_import"]

logger = logging.getLogger(__name__)

NO_HEADER = "a child new to the portal needs a Header row (sex, date of birth) in some return"
KEPT_PORTAL_VALUE = "{field}: kept the portal's {kept}; the return says {imported}."
INVALID_JOURNEY = "the journey built from the return is not valid: {reason}"
W_NO_ETHNIC = "no ETHNIC in the Header row: recorded as not obtained (NOBT)"
CHECK_PORTAL = "portal value kept"
CHECK_JOURNEY = "journey"
PROGRESS_EVERY = 500


class ImportFailed(Exception):
    """Bad input: nothing was changed. `problems` lists every error, then every warning."""

    def __init__(self, problems: list[Problem]):
        errors = [p for p in problems if p.is_error]
        super().__init__(f"{len(errors)} problem(s)")
        self.problems = errors + [p for p in problems if not p.is_error]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


@dataclass
class ImportResult:
    counts: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[dict]:
        """The warnings as stored on the import record: each with `child` and `reason`."""
        return [problem.as_dict() for problem in self.problems]


def _child_warning(child: str, check: str, reason: str) -> Problem:
    return Problem("", None, "", "", reason, severity=WARNING, check=check, child=child)


def _serialise(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


@transaction.atomic
def return_tables_import(
    *,
    user,
    la: LocalAuthority,
    year: str,
    tables: ReturnTables,
    progress: Callable[[int, int], None] | None = None,
    via: str = "",
) -> ImportResult:
    """Check a return as read and import it for one LA and collection year: all or nothing."""
    require_write(user, IMPORTS, la.pk)
    problems = [*tables.problems, *check_return(tables, year, timezone.localdate())]
    if any(p.is_error for p in problems):
        raise ImportFailed(problems)
    result = ImportResult(problems=problems, notes=tables.notes)
    previous = set(ReturnRow.objects.filter(la=la, year=year).values_list("child", flat=True))
    _store_rows(la, year, tables)
    children = sorted({row.child for rows in tables.tables.values() for row in rows} | previous)
    # The LA's figures move on once at the end, not once per row the deletes cascade to.
    with changing_in_bulk(la_ids={la.pk}):
        counts = _rebuild(user, la, year, children, result, tables.row_count, progress, via)
        if any(p.is_error for p in result.problems):
            raise ImportFailed(result.problems)  # leaving the atomic block undoes the writes
    result.counts = {
        "children": len({row.child for rows in tables.tables.values() for row in rows}),
        "episodes": len(tables.rows(EPISODES)),
        **counts,
        "warnings": len(result.problems),
        "ignored_files": tables.notes,
    }
    return result


def return_import(
    *,
    user,
    la: LocalAuthority,
    year: str,
    files: list[tuple[str, bytes]],
    progress: Callable[[int, int], None] | None = None,
    via: str = "",
) -> ImportResult:
    """Read the files [(name, bytes)] of a return and import them (see return_tables_import)."""
    tables = read_return(dict(files))
    return return_tables_import(
        user=user, la=la, year=year, tables=tables, progress=progress, via=via
    )


def _store_rows(la: LocalAuthority, year: str, tables: ReturnTables) -> None:
    """Replace this year's stored rows with the return's: every child's episodes, the other
    tables only for adoption-related children, each row only with the columns used. One
    ReturnRow holds a child's rows of one table (a list), to keep the write to a few queries;
    only the children whose rows differ from those kept are written again."""
    by_child: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for table, rows in tables.tables.items():
        for row in rows:
            by_child[row.child][table].append(row.values)
    rows = {}
    for child, child_rows in by_child.items():
        related = is_adoption_related(child_rows)
        for table, values_list in child_rows.items():
            if table != EPISODES and not related:
                continue
            rows[(table, child)] = [
                _serialise({column: values.get(column) for column in KEPT[table]})
                for values in values_list
            ]
    stored = ReturnRow.objects.filter(la=la, year=year)
    kept = {
        (table, child): data for table, child, data in stored.values_list("table", "child", "data")
    }
    changed = {key[1] for key in kept.keys() | rows.keys() if kept.get(key) != rows.get(key)}
    if not changed:
        return
    if len(changed) > len({child for _, child in kept}) // 2:
        stored.delete()  # most children changed (or a first import): one DELETE, no long list
        changed = {child for _, child in rows}
    else:
        stored.filter(child__in=sorted(changed)).delete()
    _insert_return_rows(la, year, {key: data for key, data in rows.items() if key[1] in changed})


def _insert_return_rows(la: LocalAuthority, year: str, rows: dict[tuple, list]) -> None:
    """Write kept rows ({(table, child): data}): on PostgreSQL with COPY (bulk_create spends
    most of a large return's import escaping the JSON of its UNNEST arrays), elsewhere with
    bulk_create."""
    if connection.vendor != "postgresql":
        ReturnRow.objects.bulk_create(
            (
                ReturnRow(la=la, year=year, table=table, child=child, key="", data=data)
                for (table, child), data in rows.items()
            ),
            batch_size=5000,
        )
        return
    meta = ReturnRow._meta
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column)
        for name in ("la", "year", "table", "child", "key", "data")
    )
    sql = f"COPY {meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for (table, child), data in rows.items():
            copy.write_row((la.pk, year, table, child, "", Jsonb(data)))


def _merge_fields(obj, values: dict, label: str, warn) -> bool:
    """Set imported values on fields that are empty or were set by an import; keep (and report)
    a different value a user recorded by hand. Return whether anything changed."""
    changed = False
    for name, imported in values.items():
        current = getattr(obj, name)
        if current == imported:
            continue
        if current in (None, "", False) or name in obj.imported_fields:
            setattr(obj, name, imported)
            changed = True
            if name not in obj.imported_fields:
                obj.imported_fields = [*obj.imported_fields, name]
        elif imported not in (None, "", False):
            warn(
                CHECK_PORTAL,
                f"{label} " + KEPT_PORTAL_VALUE.format(field=name, kept=current, imported=imported),
            )
    return changed


@dataclass
class _Changes:
    """What the rebuild will write, collected so that it is written in a few bulk queries."""

    new_journeys: list[Journey] = field(default_factory=list)
    changed_journeys: list[Journey] = field(default_factory=list)
    stale_journeys: list[int] = field(default_factory=list)
    stale_placements: list[int] = field(default_factory=list)
    new_placements: list[tuple[Journey, PlacementFacts]] = field(default_factory=list)


def _rebuild(user, la, year, children, result, total_rows, progress, via) -> dict:
    all_years = stored_years(la)
    children = children_to_merge(la, year, children, all_years)
    stored = stored_rows(la, children)
    counts = defaultdict(int)
    merged = {}
    for child_id in children:

        def warn(check, reason, child_id=child_id):
            result.problems.append(_child_warning(child_id, check, reason))

        rows = merge_years(stored.get(child_id, {}), warn, all_years)
        if is_adoption_related(rows):
            merged[child_id] = rows
    child_of = _children_from(la, merged, result, counts)
    journeys_by_child = defaultdict(list)
    children_by_pk = {child.pk: child for child in child_of.values()}
    for journey in Journey.objects.filter(child__in=list(children_by_pk)).prefetch_related(
        "placements"
    ):
        journey.child = children_by_pk[journey.child_id]  # its checks read the child's birth
        journeys_by_child[journey.child_id].append(journey)
    changes, done = _Changes(), 0
    for child_id, rows in merged.items():

        def warn(template, child_id=child_id, **values):
            reason = template.format(**values) if values else template
            result.problems.append(_child_warning(child_id, CHECKS.get(template, ""), reason))

        child = child_of.get(child_id)
        if child is None:
            continue
        ad1 = rows[AD1][-1] if rows.get(AD1) else None
        facts = derive_journeys(rows.get(EPISODES, []), ad1, rows.get(PLACED_ADOPTION, []), warn)
        _journeys_from(child, facts, journeys_by_child[child.pk], result, changes)
        before = done
        done += sum(len(table_rows) for table_rows in rows.values())
        if progress and done // PROGRESS_EVERY != before // PROGRESS_EVERY:
            progress(min(done, total_rows), total_rows)
    if any(p.is_error for p in result.problems):
        return dict(counts)
    touched = _write(changes, counts)
    if progress:
        progress(total_rows, total_rows)
    if touched:
        audit_record(
            user=user,
            action=AuditEvent.Action.UPDATE,
            model="journey",
            object_ids=touched,
            la_id=la.pk,
            via=via or "import",
        )
    return dict(counts)


def _children_from(la, merged, result, counts) -> dict[str, Child]:
    """The portal's child for each adoption-related CHILD: new ones created in one query, the
    details of imported ones brought up to date."""
    existing = {c.la_child_id: c for c in Child.objects.filter(la=la, la_child_id__in=merged)}
    new, changed = [], []
    for child_id, rows in merged.items():
        header = rows[HEADER][-1] if rows.get(HEADER) else {}

        def warn(check, reason, child_id=child_id):
            result.problems.append(_child_warning(child_id, check, reason))

        values = {
            "sex": header.get("SEX"),
            "date_of_birth": header.get("DOB"),
            "ethnicity": header.get("ETHNIC"),
        }
        if header and not values["ethnicity"]:
            values["ethnicity"] = "NOBT"
            warn("header", W_NO_ETHNIC)
        values = {name: value for name, value in values.items() if value}
        child = existing.get(child_id)
        if child is None:
            if len(values) < 3:
                result.problems.append(
                    Problem("", None, "CHILD", child_id, NO_HEADER, check="header", child=child_id)
                )
                continue
            new.append(Child(la=la, la_child_id=child_id, imported_fields=list(values), **values))
        elif _merge_fields(child, values, "Child", warn):
            changed.append(child)
    if any(p.is_error for p in result.problems):
        return existing
    Child.objects.bulk_create(new, batch_size=2000)
    Child.objects.bulk_update(changed, ["sex", "date_of_birth", "ethnicity", "imported_fields"])
    counts["children_created"] = len(new)
    return {**existing, **{child.la_child_id: child for child in new}}


def _invalid(child_id: str, error: ValidationError) -> Problem:
    reason = INVALID_JOURNEY.format(reason=" ".join(error.messages))
    return Problem("", None, "", child_id, reason, check=CHECK_JOURNEY, child=child_id)


def _journeys_from(child, facts_list: list[JourneyFacts], journeys, result, changes) -> None:
    def warn(check, reason):
        result.problems.append(_child_warning(child.la_child_id, check, reason))

    unmatched = list(journeys)
    for facts in facts_list:
        journey = _match_journey(facts, unmatched)
        created = journey is None
        if created:
            journey = Journey(child=child, source=Journey.Source.SSDA903)
        else:
            unmatched.remove(journey)
        changed = _merge_fields(journey, facts.journey_values(), "Journey", warn)
        _drop_dates_before_birth(journey, child)
        if created or changed:
            try:
                journey.clean_fields(exclude=["child"])
                journey.clean()
            except ValidationError as error:
                result.problems.append(_invalid(child.la_child_id, error))
                continue
            (changes.new_journeys if created else changes.changed_journeys).append(journey)
        _placements_from(journey, facts, warn, changes, result, child.la_child_id)
    changes.stale_journeys += [j.pk for j in unmatched if j.source == Journey.Source.SSDA903]


def _drop_dates_before_birth(journey: Journey, child) -> None:
    """A date before the child's birth is a warning (checks.py) and is not kept: the journey is
    derived without it, as a journey the portal would accept from a page."""
    for name in JOURNEY_DATES:
        day = getattr(journey, name)
        if day and child.date_of_birth and day < child.date_of_birth:
            setattr(journey, name, None)


def _match_journey(facts: JourneyFacts, journeys: list[Journey]) -> Journey | None:
    for journey in journeys:
        if facts.entered_care and journey.entered_care == facts.entered_care:
            return journey
    for journey in journeys:
        if (
            facts.entered_care is None
            and journey.source == Journey.Source.SSDA903
            and (journey.entered_care is None)
        ):
            return journey
    return None


def _placement_key(placement) -> tuple:
    return (
        placement.placed,
        placement.moved_in,
        placement.ended,
        placement.end_reason,
        placement.source,
    )


def _placements_from(journey, facts: JourneyFacts, warn, changes: _Changes, result, child_id):
    """Replace a journey's imported placements by the return's; never touch recorded ones."""
    current = list(journey.placements.all()) if journey.pk else []
    if any(not placement.imported for placement in current):
        recorded = sorted(p.placed for p in current)
        derived = sorted(p.placed for p in facts.placements)
        if recorded != derived:
            warn(
                CHECK_PORTAL,
                f"Placements: kept the {len(recorded)} recorded in the portal; the return "
                f"shows {len(derived)} ({', '.join(str(d) for d in derived) or 'none'}).",
            )
        return
    for p in facts.placements:
        try:
            Placement(
                placed=p.placed, moved_in=p.moved_in, ended=p.ended, end_reason=p.end_reason
            ).clean()
        except ValidationError as error:
            result.problems.append(_invalid(child_id, error))
            return
    if [_placement_key(p) for p in facts.placements] == [_placement_key(p) for p in current]:
        return
    changes.stale_placements += [p.pk for p in current]
    changes.new_placements += [(journey, p) for p in facts.placements]


def _write(changes: _Changes, counts) -> list[int]:
    """Write the collected changes in bulk; return the ids of the journeys written."""
    Journey.objects.filter(pk__in=changes.stale_journeys).delete()
    Journey.objects.bulk_create(changes.new_journeys, batch_size=2000)
    Journey.objects.bulk_update(
        changes.changed_journeys,
        [*JourneyFacts.JOURNEY_FIELDS, "imported_fields"],
        batch_size=2000,
    )
    Placement.objects.filter(pk__in=changes.stale_placements).delete()
    Placement.objects.bulk_create(
        (
            Placement(
                journey=journey,
                household=journey.adopters,
                placed=p.placed,
                moved_in=p.moved_in,
                ended=p.ended,
                end_reason=p.end_reason,
                source=p.source,
                imported=True,
            )
            for journey, p in changes.new_placements
        ),
        batch_size=2000,
    )
    counts["journeys_created"] = len(changes.new_journeys)
    counts["journeys_updated"] = len(changes.changed_journeys)
    counts["journeys_deleted"] = len(changes.stale_journeys)
    return [j.pk for j in changes.new_journeys + changes.changed_journeys]
