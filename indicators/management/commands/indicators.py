import json

from django.core.management.base import BaseCommand, CommandError

from indicators.periods import Period, PeriodError
from indicators.scopes import ScopeError, parse_scope
from indicators.serializers import figures_json


class Command(BaseCommand):
    help = "Print every figure for a scope and period (the same numbers as the API and pages)."

    def add_arguments(self, parser):
        parser.add_argument("--scope", required=True, help="la:CODE, hub:ID, raa:SLUG or all")
        parser.add_argument("--period", required=True, help="2022-23, 2020-23, 2022-23 Q3, R12 …")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, scope, period, format, **options):
        try:
            data = figures_json(parse_scope(scope), Period.parse(period))
        except (ScopeError, PeriodError) as error:
            raise CommandError(str(error)) from error
        if format == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"{data['scope_name']} ({data['scope']}), {data['period']}")
        columns = ("value", "n", "count", "target", "england", "trend", "status")
        self.stdout.write(f"{'figure':<28}" + "".join(f"{c:>11}" for c in columns))
        for code, figure in data["figures"].items():
            cells = ["—" if figure.get(c) is None else str(figure[c]) for c in columns]
            self.stdout.write(f"{code:<28}" + "".join(f"{cell:>11}" for cell in cells))
