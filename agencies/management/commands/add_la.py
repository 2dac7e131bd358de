from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import RegionalAdoptionAgency
from agencies.services import la_create
from core.errors import one_line

UNKNOWN_RAA = "Unknown RAA {slug!r}."


class Command(BaseCommand):
    help = "Create a partner local authority, optionally in an RAA."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The DfE three-digit LA code")
        parser.add_argument("name")
        parser.add_argument("--raa", help="slug of the RAA the LA belongs to")

    def handle(self, *args, code, name, raa, **options):
        raa_obj = None
        if raa:
            raa_obj = RegionalAdoptionAgency.objects.filter(slug=raa).first()
            if raa_obj is None:
                raise CommandError(UNKNOWN_RAA.format(slug=raa))
        try:
            la = la_create(code=code, name=name, raa=raa_obj)
        except ValidationError as error:
            raise CommandError(one_line(error)) from error
        self.stdout.write(
            f"Created LA {la.code}: {la.name}" + (f" in {raa_obj}" if raa_obj else "")
        )
