"""python manage.py annual_report --scope la:CODE|raa:SLUG --period 2022-23 --format pdf|docx|html
--out FILE"""

from django.core.management.base import BaseCommand, CommandError

from indicators.exports import report_docx, report_html, report_pdf
from indicators.management.commands.scorecard import output_path, write_out
from indicators.periods import Period, PeriodError
from indicators.reports import report_for
from indicators.scopes import ScopeError, parse_scope

WRITERS = {
    "pdf": report_pdf,
    "docx": report_docx,
    "html": lambda report: report_html(report).encode(),
}


class Command(BaseCommand):
    help = "Write an LA's or RAA's annual (or six-monthly) adoption report."

    def add_arguments(self, parser):
        parser.add_argument("--scope", required=True, help="la:CODE or raa:SLUG")
        parser.add_argument("--period", required=True, help="2022-23, or 2022-23 H1 for a half")
        parser.add_argument("--format", required=True, choices=sorted(WRITERS))
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args, scope, period, format, out, **options):
        try:
            report = report_for(parse_scope(scope), Period.parse(period))
        except (ScopeError, PeriodError, ValueError) as error:
            raise CommandError(str(error)) from error
        path = output_path(out)
        self.stdout.write(write_out(path, WRITERS[format](report)))
