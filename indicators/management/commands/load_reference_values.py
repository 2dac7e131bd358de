"""Load targets, England averages and statistical neighbours' averages from a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.benchmarks import ReferenceFileError, reference_values_load


class Command(BaseCommand):
    help = (
        "Load reference values (targets, England and statistical neighbours' averages) from a "
        "CSV file with the columns indicator, kind, period, la_code, value, source "
        "(docs/reference-values.md). All rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            added, replaced = reference_values_load(text=text)
        except ReferenceFileError as error:
            raise CommandError(f"Nothing loaded from {file}:\n{error}") from error
        self.stdout.write(f"Loaded {file}: {added} values added, {replaced} replaced.")
