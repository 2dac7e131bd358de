"""The lifecycle of an SSDA903 import: the upload kept as an import record, its task, a retry.

The import itself (read → check → reconcile → derive → write) is journeys.ssda903.pipeline.
"""

import hashlib
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from adoption_portal.celery import enqueue
from agencies.models import LocalAuthority
from agencies.scoping import IMPORTS, require_write
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


MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".xml", ".txt")
TOO_LARGE = "The file is larger than 50 MB."
WRONG_TYPE = "Upload the return's CSV files or its XML file (.csv, .xml or .txt)."
NO_FILES = "Choose the return's files."


def upload_problems(uploads: list[tuple[str, int]]) -> list[str]:
    """Reasons to refuse uploads [(name, size)] before anything is stored."""
    if not uploads:
        return [NO_FILES]
    problems = []
    for name, size in uploads:
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            problems.append(f"{name}: {WRONG_TYPE}")
        elif size > MAX_UPLOAD_BYTES:
            problems.append(f"{name}: {TOO_LARGE}")
    return problems


@transaction.atomic
def import_record_create(
    *, user, la: LocalAuthority, year: str, uploads: list[tuple[str, bytes]]
) -> ImportRecord:
    """Keep the uploaded files and queue their import (run inline when no broker is set)."""
    from journeys.tasks import ssda903_import  # the task module imports this one

    require_write(user, IMPORTS, la.pk)
    problems = upload_problems([(name, len(content)) for name, content in uploads])
    if problems:
        raise ValidationError({"files": problems})
    record = ImportRecord.objects.create(la=la, year=year, user=user)
    ImportFile.objects.bulk_create(
        ImportFile(record=record, name=name, content=content) for name, content in uploads
    )
    transaction.on_commit(lambda: enqueue(ssda903_import, record.pk))
    return record


def import_record_run(record_id: int, progress=None) -> ImportRecord:
    """Run a queued import record's uploaded files through return_import and keep the result.

    The whole run is one transaction holding the record's row lock: a worker that dies part-way
    leaves the record queued and nothing imported, and a second run of the same record (a retry,
    or the broker redelivering the task) waits for the first and then finds it finished."""
    with transaction.atomic():
        record = ImportRecord.objects.select_for_update().select_related("la").get(pk=record_id)
        if record.status != ImportRecord.Status.QUEUED:
            return record
        files = [(upload.name, bytes(upload.content)) for upload in record.uploads.all()]
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
            record.files = file_summaries(files, tables)
        except Exception:  # noqa: BLE001 - a record must never stay queued on a bug
            logger.exception("SSDA903 import %s failed", record.pk)
            record.status = ImportRecord.Status.FAILED
            record.errors = [Problem("", None, "", "", UNEXPECTED).as_dict()]
            record.files = file_summaries(files)
        else:
            record.status = ImportRecord.Status.SUCCEEDED
            record.counts, record.warnings = result.counts, result.warnings
            record.files = file_summaries(files, tables)
            record.errors = []
        record.finished = timezone.now()
        record.save()
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
