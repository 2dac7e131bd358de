"""python manage.py scorecard --raa SLUG --quarter "2022-23 Q4" --format xlsx|pdf|docx --out FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.exports import scorecard_pdf, scorecard_xlsx
from indicators.periods import Period, PeriodError
from indicators.scopes import ScopeError, parse_scope
from indicators.scorecard_docx import scorecard_docx
from indicators.scorecards import NOT_A_QUARTER, scorecard_for

WRITERS = {"xlsx": scorecard_xlsx, "pdf": scorecard_pdf, "docx": scorecard_docx}
BAD_OUT = "Cannot write {path}: {reason}."


class Command(BaseCommand):
    help = "Write an RAA's quarterly board scorecard as a spreadsheet, a PDF or a Word document."

    def add_arguments(self, parser):
        parser.add_argument("--raa", required=True, help="the RAA's slug")
        parser.add_argument("--quarter", required=True, help='for example "2022-23 Q4"')
        parser.add_argument("--format", required=True, choices=sorted(WRITERS))
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args, raa, quarter, format, out, **options):
        try:
            scope = parse_scope(f"raa:{raa}")
            period = Period.parse(quarter)
        except (ScopeError, PeriodError) as error:
            raise CommandError(str(error)) from error
        if period.kind != "quarter":
            raise CommandError(NOT_A_QUARTER)
        path = output_path(out)
        self.stdout.write(write_out(path, WRITERS[format](scorecard_for(scope, period))))


def output_path(out: str) -> Path:
    """The file to write, refused before any work if its folder does not exist."""
    path = Path(out)
    if not path.parent.is_dir():
        raise CommandError(BAD_OUT.format(path=path, reason="no such folder"))
    return path


def write_out(path: Path, content: bytes) -> str:
    """Write the file; a refusal is a one-line CommandError. Returns what to print."""
    try:
        path.write_bytes(content)
    except OSError as error:
        raise CommandError(BAD_OUT.format(path=path, reason=error.strerror)) from error
    return f"Wrote {path} ({len(content):,} bytes)."
