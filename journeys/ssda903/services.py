"""The lifecycle of an SSDA903 import: the upload kept as an import record, its task, a retry.

The import itself (read → check → reconcile → derive → write) is journeys.ssda903.pipeline.
"""

import hashlib
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from agencies.models import LocalAuthority
from agencies.scoping import IMPORTS, require_write
from core.tasks import enqueue
from journeys.ssda903.models import ImportFile, ImportRecord
from journeys.ssda903.pipeline import (
    ImportFailed,
    ImportResult,
    read_return,
    return_import,
    return_tables_import,
)
from journeys.ssda903.problems import Problem
from journeys.ssda903.readers import ReturnTables
from journeys.ssda903.uploads import return_year_problem, upload_unpack

__all__ = ["ImportFailed", "ImportResult", "return_import"]

logger = logging.getLogger(__name__)

UNEXPECTED = "the import stopped on an unexpected error; nothing was changed (reported to the team)"


def file_summaries(files: list[tuple[str, bytes]], read: ReturnTables | None = None) -> list[dict]:
    """Name, SHA-256, size, the tables recognised in each file (with rows) and why one was
    skipped."""
    read_by_name = defaultdict(list)
    for summary in read.files if read else ():
        read_by_name[summary.name].append(summary)
    summaries = []
    for name, content in files:
        reads = read_by_name.get(name, [])
        tables = {t: n for summary in reads for t, n in summary.tables.items()}
        summaries.append(
            {
                "name": name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "bytes": len(content),
                "tables": sorted(tables),
                "rows": tables,
                "note": " ".join(summary.note for summary in reads if summary.note),
            }
        )
    return summaries


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
            tables = read_return(dict(files))
            result = return_tables_import(
                user=record.user,
                la=record.la,
                year=record.year,
                tables=tables,
                progress=progress,
                via="import",
            )
        except ImportFailed as failure:
            record.status = ImportRecord.Status.FAILED
            record.errors = [problem.as_dict() for problem in failure.errors]
            record.warnings = [p.as_dict() for p in failure.problems if not p.is_error]
            record.files = file_summaries(files, tables) + ignored
        except (OperationalError, InterfaceError):
            raise  # the database is away: the record stays queued, to be run again
        except Exception:  # noqa: BLE001 - a record must never stay queued on a bug
            logger.exception("SSDA903 import %s failed", record.pk)
            record.status = ImportRecord.Status.FAILED
            record.errors = [Problem("", None, "", "", UNEXPECTED).as_dict()]
            record.files = file_summaries(files) + ignored
        else:
            record.status = ImportRecord.Status.SUCCEEDED
            record.counts, record.warnings = result.counts, result.warnings
            record.files = file_summaries(files, tables) + ignored
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
