from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from agencies.models import LocalAuthority
from journeys.ssda903.export import return_export
from journeys.ssda903.uploads import return_year_problem

UNKNOWN_LA = "Unknown LA code {code!r}."
NO_USER = "Give --user: no such user (or no superuser to act as)."


class Command(BaseCommand):
    help = (
        "Write an LA's AD1 and PlacedAdoption tables for one collection year, from the portal's "
        "records, as the CSV files LAs send the DfE (AD1.csv, PlacedAdoption.csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--la", required=True, help="DfE code of the LA")
        parser.add_argument("--year", required=True, help="collection year, e.g. 2024-25")
        parser.add_argument("--out", required=True, help="folder to write the files into")
        parser.add_argument(
            "--user", help="username recorded in the audit trail (a superuser by default)"
        )

    def handle(self, *args, la, year, out, user, **options):
        la_obj = LocalAuthority.objects.filter(code=la).first()
        if la_obj is None:
            raise CommandError(UNKNOWN_LA.format(code=la))
        if problem := return_year_problem(year):
            raise CommandError(f"--year {year!r}: {problem}")
        actor = (
            User.objects.filter(username=user).first()
            if user
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(NO_USER)
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"--out {out!r}: {error.strerror}") from None
        for table, text in return_export(user=actor, la=la_obj, year=year, via="command").items():
            path = folder / f"{table}.csv"
            path.write_text(text, encoding="utf-8", newline="")
            self.stdout.write(f"{path}: {text.count(chr(10)) - 1} row(s)")
