"""Import an LA's SSDA903 return for one year: all or nothing, in one transaction.

The return's rows are kept (ReturnRow) so that years can come in any order: each child's
journeys are rebuilt from the merged rows of every year imported, the later return's row winning
for each key. Imported facts update the fields an import set before; a value a user recorded by
hand is kept, and the difference is reported as a warning.
"""

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from adoption_portal.celery import enqueue
from agencies.audit import audit_record
from agencies.models import AuditEvent, LocalAuthority
from agencies.scoping import IMPORTS, require_write
from indicators.figure_cache import figures_changed
from indicators.periods import Period, PeriodError
from journeys.models import Child, ImportFile, ImportRecord, Journey, Placement, ReturnRow
from journeys.ssda903.codes import (
    AD1,
    DATE_COLUMNS,
    EPISODES,
    HEADER,
    KEY_COLUMN,
    PLACED_ADOPTION,
)
from journeys.ssda903.derive import JourneyFacts, PlacementFacts, derive_journeys
from journeys.ssda903.readers import Problem, ReturnFiles, read_files
from journeys.ssda903.uploads import return_year_problem, upload_unpack

logger = logging.getLogger(__name__)

BAD_YEAR = "Give the return's year as a financial year such as 2022-23."
NO_EPISODES = "The return has no Episodes table."
NO_HEADER = "a child new to the portal needs its Header row (sex, date of birth, ethnicity)"
KEPT_PORTAL_VALUE = "{field}: kept the portal's {kept}; the return says {imported}."
INVALID_JOURNEY = "the journey built from the return is not valid: {reason}"
PROGRESS_EVERY = 500


class ImportFailed(Exception):
    """Bad input: nothing was changed. `problems` lists each with file, row, column, value."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportResult:
    counts: dict = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)


def _serialise(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _deserialise(values: dict) -> dict:
    return {
        k: date.fromisoformat(v) if k in DATE_COLUMNS and v is not None else v
        for k, v in values.items()
    }


def file_summaries(files: list[tuple[str, bytes]], read: ReturnFiles | None = None) -> list[dict]:
    """Name, SHA-256, size and the tables recognised in each file, with their rows."""
    tables_by_file = defaultdict(dict)
    for table, source in read.sources.items() if read else ():
        tables_by_file[source.split(" [")[0]][table] = len(read.tables.get(table, []))
    return [
        {
            "name": name,
            "sha256": hashlib.sha256(content).hexdigest(),
            "bytes": len(content),
            "tables": sorted(tables_by_file.get(name, {})),
            "rows": tables_by_file.get(name, {}),
        }
        for name, content in files
    ]


@transaction.atomic
def return_import(
    *,
    user,
    la: LocalAuthority,
    year: str,
    files: list[tuple[str, bytes]],
    progress: Callable[[int, int], None] | None = None,
    via: str = "",
) -> ImportResult:
    """Import one LA's return for one financial year. Raise ImportFailed (and change nothing)
    on any bad input; return counts and data-quality warnings otherwise."""
    require_write(user, IMPORTS, la.pk)
    try:
        if Period.parse(year).kind != "year":
            raise PeriodError(year)
    except PeriodError:
        raise ImportFailed([Problem("", None, "year", year, BAD_YEAR)]) from None
    read = read_files(files)
    if not read.problems and EPISODES not in read.tables:
        read.problems.append(Problem("", None, "", "", NO_EPISODES))
    if read.problems:
        raise ImportFailed(read.problems)
    result = ImportResult(files=file_summaries(files, read))
    _store_rows(la, year, read)
    children = sorted({row.child for rows in read.tables.values() for row in rows})
    counts = _rebuild(user, la, children, result, read.row_count, progress, via)
    figures_changed()  # bulk writes send no signals
    result.counts = {
        "children": len(children),
        "episodes": len(read.tables.get(EPISODES, [])),
        **counts,
        "warnings": len(result.warnings),
        "ignored_files": read.ignored,
    }
    return result


def _store_rows(la: LocalAuthority, year: str, read: ReturnFiles) -> None:
    """Replace this year's stored rows with the return's (untouched when they are the same)."""
    rows = [
        ReturnRow(
            la=la,
            year=year,
            table=table,
            child=row.child,
            key=row.values[KEY_COLUMN[table]].isoformat() if KEY_COLUMN[table] else "",
            data=_serialise(row.values),
        )
        for table, table_rows in read.tables.items()
        for row in table_rows
    ]
    stored = ReturnRow.objects.filter(la=la, year=year)
    if {(r.table, r.child, r.key): r.data for r in stored} == {
        (r.table, r.child, r.key): r.data for r in rows
    }:
        return
    stored.delete()
    ReturnRow.objects.bulk_create(rows, batch_size=5000)


def _merged_rows(la: LocalAuthority, children: list[str]) -> dict[str, dict[str, list[dict]]]:
    """{child: {table: [row values]}}: every stored year merged, the latest year winning."""
    latest: dict[tuple, tuple[str, dict]] = {}
    wanted = set(children)
    for year, table, child, key, data in (
        ReturnRow.objects.filter(la=la)
        .order_by()
        .values_list("year", "table", "child", "key", "data")
        .iterator(chunk_size=5000)
    ):
        if child not in wanted:
            continue
        identity = (child, table, key)
        if identity not in latest or latest[identity][0] < year:
            latest[identity] = (year, data)
    merged: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for (child, table, _), (_, data) in latest.items():
        merged[child][table].append(_deserialise(data))
    return merged


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
                f"{label} " + KEPT_PORTAL_VALUE.format(field=name, kept=current, imported=imported)
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


def _rebuild(user, la, children, result, total_rows, progress, via) -> dict:
    merged = _merged_rows(la, children)
    counts = defaultdict(int)
    child_of = _children_from(la, children, merged, result, counts)
    journeys_by_child = defaultdict(list)
    for journey in Journey.objects.filter(child__la=la).prefetch_related("placements"):
        journeys_by_child[journey.child_id].append(journey)
    changes, done = _Changes(), 0
    for child_id in children:
        rows = merged[child_id]

        def warn(reason, child_id=child_id):
            result.warnings.append({"child": child_id, "reason": reason})

        child = child_of[child_id]
        ad1 = rows[AD1][0] if rows.get(AD1) else None
        facts = derive_journeys(rows.get(EPISODES, []), ad1, rows.get(PLACED_ADOPTION, []), warn)
        _journeys_from(child, facts, journeys_by_child[child.pk], warn, changes)
        before = done
        done += sum(len(table_rows) for table_rows in rows.values())
        if progress and done // PROGRESS_EVERY != before // PROGRESS_EVERY:
            progress(min(done, total_rows), total_rows)
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


def _children_from(la, children, merged, result, counts) -> dict[str, Child]:
    """The portal's child for each CHILD of the return: new ones created in one query, the
    details of imported ones brought up to date."""
    existing = {c.la_child_id: c for c in Child.objects.filter(la=la, la_child_id__in=children)}
    new, changed = [], []
    for child_id in children:
        rows = merged[child_id]
        header = rows[HEADER][0] if rows.get(HEADER) else {}
        values = {
            "sex": header.get("SEX"),
            "date_of_birth": header.get("DOB"),
            "ethnicity": header.get("ETHNIC"),
        }
        values = {name: value for name, value in values.items() if value}
        child = existing.get(child_id)
        if child is None:
            if len(values) < 3:
                raise ImportFailed([Problem("", None, "CHILD", child_id, NO_HEADER)])
            new.append(Child(la=la, la_child_id=child_id, imported_fields=list(values), **values))
        elif _merge_fields(
            child,
            values,
            "Child",
            lambda reason, c=child_id: result.warnings.append({"child": c, "reason": reason}),
        ):
            changed.append(child)
    Child.objects.bulk_create(new, batch_size=2000)
    Child.objects.bulk_update(changed, ["sex", "date_of_birth", "ethnicity", "imported_fields"])
    counts["children_created"] = len(new)
    return {**existing, **{child.la_child_id: child for child in new}}


def _journeys_from(child, facts_list: list[JourneyFacts], journeys, warn, changes) -> None:
    unmatched = list(journeys)
    for facts in facts_list:
        journey = _match_journey(facts, unmatched)
        created = journey is None
        if created:
            journey = Journey(child=child, source=Journey.Source.SSDA903)
        else:
            unmatched.remove(journey)
        changed = _merge_fields(journey, facts.journey_values(), "Journey", warn)
        if created or changed:
            try:
                journey.clean_fields()
                journey.clean()
            except ValidationError as error:
                raise ImportFailed(
                    [Problem("", None, "", child.la_child_id, INVALID_JOURNEY.format(reason=error))]
                ) from None
            (changes.new_journeys if created else changes.changed_journeys).append(journey)
        _placements_from(journey, facts, warn, changes)
    changes.stale_journeys += [j.pk for j in unmatched if j.source == Journey.Source.SSDA903]


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


def _placements_from(journey: Journey, facts: JourneyFacts, warn, changes: _Changes) -> None:
    """Replace a journey's imported placements by the return's; never touch recorded ones."""
    current = list(journey.placements.all()) if journey.pk else []
    if any(not placement.imported for placement in current):
        recorded = sorted(p.placed for p in current)
        derived = sorted(p.placed for p in facts.placements)
        if recorded != derived:
            warn(
                f"Placements: kept the {len(recorded)} recorded in the portal; the return "
                f"shows {len(derived)} ({', '.join(str(d) for d in derived) or 'none'})."
            )
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


@transaction.atomic
def import_record_create(*, user, la: LocalAuthority, year: str, uploads) -> ImportRecord:
    """Check the uploaded files (Django `File`s) against the limits, keep them until their
    import has run, and queue it (run inline when no broker is set)."""
    from journeys.tasks import ssda903_import  # the task module imports this one

    require_write(user, IMPORTS, la.pk)
    if problem := return_year_problem(year):
        raise ValidationError({"year": [problem]})
    upload = upload_unpack(uploads)
    record = ImportRecord.objects.create(
        la=la,
        year=year,
        user=user,
        files=upload.summaries + [{**item, "tables": []} for item in upload.ignored],
    )
    ImportFile.objects.bulk_create(
        ImportFile(record=record, name=name, content=content)
        for name, content in upload.files.items()
    )
    transaction.on_commit(lambda: enqueue(ssda903_import, record.pk))
    return record


UNEXPECTED = "The import stopped on an unexpected error (logged for the portal's maintainers)."


def import_record_run(record_id: int, progress=None) -> ImportRecord:
    """Run a queued import record's uploaded files through return_import and keep the result;
    the uploaded files are deleted once it has run, whatever came of it.

    The whole run is one transaction holding the record's row lock: a worker that dies part-way
    leaves the record queued and nothing imported, and a second run of the same record (a retry,
    or the broker redelivering the task) waits for the first and then finds it finished. Any
    other error fails the record (nothing imported) rather than leave it queued for ever."""
    with transaction.atomic():
        record = ImportRecord.objects.select_for_update().select_related("la").get(pk=record_id)
        if record.status != ImportRecord.Status.QUEUED:
            return record
        files = [(upload.name, bytes(upload.content)) for upload in record.uploads.all()]
        ignored = [item for item in record.files if item.get("reason")]
        try:
            result = return_import(
                user=record.user,
                la=record.la,
                year=record.year,
                files=files,
                progress=progress,
                via="import",
            )
        except ImportFailed as failure:
            record.status = ImportRecord.Status.FAILED
            record.errors = [problem.__dict__ for problem in failure.problems]
            record.files = file_summaries(files) + ignored
        except (OperationalError, InterfaceError):
            raise  # the database is away: the record stays queued, to be run again
        except Exception:
            logger.exception("SSDA903 import %s failed", record_id)
            record.status = ImportRecord.Status.FAILED
            record.errors = [Problem("", None, "", "", UNEXPECTED).__dict__]
            record.files = file_summaries(files) + ignored
        else:
            record.status = ImportRecord.Status.SUCCEEDED
            record.counts, record.warnings = result.counts, result.warnings
            record.files = result.files + ignored
            record.errors = []
        record.finished = timezone.now()
        record.save()
        record.uploads.all().delete()
    return record


NOT_QUEUED = "This import has finished: upload the files again to import them again."


@transaction.atomic
def import_record_retry(*, user, record: ImportRecord) -> ImportRecord:
    """Queue an unfinished import again (its worker stopped, say). Safe whatever happened to the
    first run: see import_record_run."""
    from journeys.tasks import ssda903_import

    require_write(user, IMPORTS, record.la_id)
    if record.status != ImportRecord.Status.QUEUED:
        raise ValidationError(NOT_QUEUED)
    transaction.on_commit(lambda: enqueue(ssda903_import, record.pk))
    return record
