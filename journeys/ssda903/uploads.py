"""The return as an LA uploads it: several CSV files, one XML file, or a zip of either.

Every limit is checked before a file is read into memory: the request's size from its
Content-Length (before the body is parsed, and after the role check), each file's size and the
number of files from what the upload handlers recorded, and a zip's members from its directory
(declared sizes and expansion ratio) before they are decompressed, with a bounded read in case a
member's header lies. Files that are not CSV, XML or zip (a README, an `.xlsx`, `.DS_Store`) are
skipped with a note, as in a folder of the return.
"""

import hashlib
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from indicators.periods import Period, PeriodError, financial_year_label, financial_year_of

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_RETURN_BYTES = 100 * MB
# The request also carries the form's other fields and the multipart framing.
MAX_REQUEST_BYTES = MAX_RETURN_BYTES + MB
MAX_EXPANSION_RATIO = 100
# A ratio is only telling above this size: a tiny member may compress oddly well.
RATIO_FROM_BYTES = MB
RETURN_SUFFIXES = (".csv", ".xml", ".txt")
ZIP_SUFFIX = ".zip"
FIRST_RETURN_YEAR = 1992

NO_FILES = "Choose the return's files."
REQUEST_TOO_LARGE = (
    "The upload is {size}: send at most {limit} of files in one import "
    "(zip the return to make it smaller)."
)
FILE_TOO_LARGE = "{name} is {size}: a file of the return may be at most {limit}."
RETURN_TOO_LARGE = "The return's files come to {size}: at most {limit} can be imported."
TOO_MANY_FILES = "{count} files: upload at most {limit} files in one import (or one zip)."
NO_RETURN_FILE = "None of the files is a CSV, XML or zip file: upload the return's files."
SAME_NAME = "Two files are called {name}: upload each file of the return once."
ONE_XML = "{count} XML files: the XML return is one file, upload one return at a time."
BAD_ZIP = "{name} is not a readable zip file."
ZIP_ENCRYPTED = "{name}: {member} is encrypted; zip the return without a password."
ZIP_RATIO = (
    "{name}: {member} would expand {ratio}-fold; at most {limit}-fold is accepted "
    "(it looks like a zip bomb)."
)
ZIP_LIED = "{name}: {member} holds more than its zip header says."
BAD_YEAR = (
    "Give the return's collection year as a financial year such as 2022-23, from {first} to {last}."
)
IGNORED_TYPE = "not a CSV, XML or zip file"
IGNORED_NESTED_ZIP = "a zip inside the zip is not opened"
IGNORED_FOLDER_NOISE = "not part of the return (a system file)"
_NOISE = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def _mb(size: int) -> str:
    """A size for people: `600 MB`, `2.5 MB`, `3 KB`."""
    if size < MB:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"


def max_files() -> int:
    """At most as many files as Django itself accepts in one request."""
    return settings.DATA_UPLOAD_MAX_NUMBER_FILES


def upload_limits() -> dict:
    """The limits, for the upload page to state."""
    return {
        "files": max_files(),
        "file_size": _mb(MAX_FILE_BYTES),
        "return_size": _mb(MAX_RETURN_BYTES),
    }


def too_many_files_sent() -> str:
    """The refusal of a request with more files than Django accepts (it stops counting)."""
    return TOO_MANY_FILES.format(count=f"More than {max_files()}", limit=max_files())


def request_size_problem(content_length) -> str | None:
    """Why a request body of `content_length` bytes is refused before it is read, or None."""
    try:
        size = int(content_length or 0)
    except ValueError:
        return None  # Django answers a malformed Content-Length itself
    if size > MAX_REQUEST_BYTES:
        return REQUEST_TOO_LARGE.format(size=_mb(size), limit=_mb(MAX_RETURN_BYTES))
    return None


def return_year_problem(year: str) -> str | None:
    """Why `year` is not a collection year a return can be imported as, or None."""
    last = financial_year_of(date.today())
    message = BAD_YEAR.format(
        first=financial_year_label(FIRST_RETURN_YEAR), last=financial_year_label(last)
    )
    text = (year or "").strip()
    if len(text) != 7 or not text[:4].isdigit() or not FIRST_RETURN_YEAR <= int(text[:4]) <= last:
        return message
    try:
        period = Period.parse(text)
    except (PeriodError, ValueError):
        return message
    return None if period.kind == "year" else message


@dataclass
class UploadedReturn:
    """The return's files, ready for the reader, and what was left out and why."""

    files: dict[str, bytes] = field(default_factory=dict)
    ignored: list[dict] = field(default_factory=list)
    summaries: list[dict] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)

    def keep(self, name: str, content: bytes) -> None:
        if name in self.files:
            self.repeated.append(name)
        self.files[name] = content
        self.summaries.append(
            {"name": name, "sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content)}
        )

    def ignore(self, name: str, reason: str) -> None:
        self.ignored.append({"name": name, "reason": reason})


def upload_unpack(uploads) -> UploadedReturn:
    """The files of uploads (Django `File`s, or (name, bytes)) as {name: bytes}; raise
    ValidationError({"files": [...]}) naming every limit broken, before reading any file."""
    if not uploads:
        raise ValidationError({"files": [NO_FILES]})
    uploads = [
        ContentFile(item[1], name=item[0]) if isinstance(item, tuple) else item for item in uploads
    ]
    result = UploadedReturn()
    problems = []
    wanted = []
    for upload in uploads:
        suffix = PurePosixPath(upload.name).suffix.lower()
        if suffix not in (*RETURN_SUFFIXES, ZIP_SUFFIX):
            result.ignore(upload.name, IGNORED_TYPE)
        elif upload.size > (MAX_RETURN_BYTES if suffix == ZIP_SUFFIX else MAX_FILE_BYTES):
            limit = MAX_RETURN_BYTES if suffix == ZIP_SUFFIX else MAX_FILE_BYTES
            problems.append(
                FILE_TOO_LARGE.format(name=upload.name, size=_mb(upload.size), limit=_mb(limit))
            )
        else:
            wanted.append((upload, suffix))
    if len(uploads) > max_files():
        problems.append(TOO_MANY_FILES.format(count=len(uploads), limit=max_files()))
    total = sum(upload.size for upload, _ in wanted)
    if total > MAX_RETURN_BYTES:
        problems.append(RETURN_TOO_LARGE.format(size=_mb(total), limit=_mb(MAX_RETURN_BYTES)))
    if problems:
        raise ValidationError({"files": problems})
    for upload, suffix in wanted:
        if suffix == ZIP_SUFFIX:
            problems += _unzip(upload, result)
        else:
            upload.seek(0)
            result.keep(upload.name, upload.read())
    if not problems and not result.files:
        problems.append(NO_RETURN_FILE)
    problems += [SAME_NAME.format(name=name) for name in dict.fromkeys(result.repeated)]
    xml = [name for name in result.files if name.lower().endswith(".xml")]
    if len(xml) > 1:
        problems.append(ONE_XML.format(count=len(xml)))
    if problems:
        raise ValidationError({"files": problems})
    return result


def _unzip(upload, result: UploadedReturn) -> list[str]:
    """Add a zip's members to `result` after checking its directory; return the problems."""
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return [BAD_ZIP.format(name=upload.name)]
    problems, wanted = [], []
    for info in members:
        label = f"{upload.name}/{info.filename}"
        base = PurePosixPath(info.filename)
        suffix = base.suffix.lower()
        if info.filename.startswith(_NOISE[0]) or base.name in _NOISE:
            result.ignore(label, IGNORED_FOLDER_NOISE)
        elif suffix == ZIP_SUFFIX:
            result.ignore(label, IGNORED_NESTED_ZIP)
        elif suffix not in RETURN_SUFFIXES:
            result.ignore(label, IGNORED_TYPE)
        elif info.flag_bits & 0x1:
            problems.append(ZIP_ENCRYPTED.format(name=upload.name, member=info.filename))
        elif info.file_size > MAX_FILE_BYTES:
            problems.append(
                FILE_TOO_LARGE.format(
                    name=label, size=_mb(info.file_size), limit=_mb(MAX_FILE_BYTES)
                )
            )
        elif info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_EXPANSION_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            problems.append(
                ZIP_RATIO.format(
                    name=upload.name, member=info.filename, ratio=ratio, limit=MAX_EXPANSION_RATIO
                )
            )
        else:
            wanted.append((label, info))
    if len(members) > max_files():
        problems.append(
            TOO_MANY_FILES.format(count=f"{upload.name} holds {len(members)}", limit=max_files())
        )
    total = sum(info.file_size for _, info in wanted) + sum(len(c) for c in result.files.values())
    if total > MAX_RETURN_BYTES:
        problems.append(RETURN_TOO_LARGE.format(size=_mb(total), limit=_mb(MAX_RETURN_BYTES)))
    if problems:
        return problems
    for label, info in wanted:
        try:
            with archive.open(info) as member:
                content = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError):
            problems.append(BAD_ZIP.format(name=label))
            continue
        if len(content) > info.file_size:
            problems.append(ZIP_LIED.format(name=upload.name, member=info.filename))
            continue
        result.keep(label, content)
    return problems
