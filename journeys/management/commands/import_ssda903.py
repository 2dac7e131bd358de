from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from agencies.models import LocalAuthority
from journeys.ssda903.services import ImportFailed, return_import

UNKNOWN_LA = "Unknown LA code {code!r}."
NOT_FOUND = "No such file or folder: {path}"


class Command(BaseCommand):
    help = "Import an LA's SSDA903 return (CSV tables or XML) for one financial year."

    def add_arguments(self, parser):
        parser.add_argument("--la", required=True, help="DfE code of the LA")
        parser.add_argument("--year", required=True, help="financial year, e.g. 2022-23")
        parser.add_argument(
            "--user", help="username recorded in the audit trail (a superuser by default)"
        )
        parser.add_argument("paths", nargs="+", help="files, or folders of files")

    def handle(self, *args, la, year, user, paths, **options):
        la_obj = LocalAuthority.objects.filter(code=la).first()
        if la_obj is None:
            raise CommandError(UNKNOWN_LA.format(code=la))
        files = []
        for text in paths:
            path = Path(text)
            if path.is_dir():
                files += [(p.name, p.read_bytes()) for p in sorted(path.iterdir()) if p.is_file()]
            elif path.is_file():
                files.append((path.name, path.read_bytes()))
            else:
                raise CommandError(NOT_FOUND.format(path=text))
        actor = (
            User.objects.filter(username=user).first()
            if user
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("Give --user: no such user (or no superuser to act as).")
        try:
            result = return_import(user=actor, la=la_obj, year=year, files=files, via="command")
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Import refused: {len(failure.problems)} problem(s); nothing was changed."
            ) from None
        counts = result.counts
        self.stdout.write(
            f"Imported {la_obj} {year}: {counts['children']} children, {counts['episodes']} "
            f"episodes, journeys {counts.get('journeys_created', 0)} created, "
            f"{counts.get('journeys_updated', 0)} updated, "
            f"{counts.get('journeys_deleted', 0)} removed; {counts['warnings']} warning(s)."
        )
        for warning in result.warnings:
            self.stdout.write(f"  warning: CHILD {warning['child']}: {warning['reason']}")
