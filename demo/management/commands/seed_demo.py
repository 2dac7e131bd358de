from django.core.management.base import BaseCommand

from agencies.models import RegionalAdoptionAgency
from demo.builder import DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = "Build the demo RAA with about five years of casework (the same data every run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the database holds any RAA"
        )

    def handle(self, *args, if_empty, **options):
        if if_empty and RegionalAdoptionAgency.objects.exists():
            self.stdout.write("The database already holds data: demo not built.")
            return
        summary = build_demo()
        self.stdout.write(
            f"Demo built: {summary.children} children, {summary.journeys} journeys, "
            f"{summary.households} adopter households, {summary.meetings} panel meetings, "
            f"{summary.referrals} support referrals."
        )
        self.stdout.write(f"Demo users (password {DEMO_PASSWORD!r}):")
        for username, role in summary.users:
            self.stdout.write(f"  {username:<12} {role}")
