from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.management.commands.add_la import UNKNOWN_RAA
from agencies.models import LocalAuthority, RegionalAdoptionAgency
from agencies.services import role_grant
from core.errors import one_line

UNKNOWN_LA = "Unknown LA code {code!r}."


class Command(BaseCommand):
    help = "Give a user (created if needed) a role over an RAA or an LA."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role")
        parser.add_argument("--la", help="DfE code of the LA the role covers")
        parser.add_argument("--raa", help="slug of the RAA the role covers")
        parser.add_argument("--password")

    def handle(self, *args, username, role, la, raa, password, **options):
        la_obj = raa_obj = None
        if la:
            la_obj = LocalAuthority.objects.filter(code=la).first()
            if la_obj is None:
                raise CommandError(UNKNOWN_LA.format(code=la))
        if raa:
            raa_obj = RegionalAdoptionAgency.objects.filter(slug=raa).first()
            if raa_obj is None:
                raise CommandError(UNKNOWN_RAA.format(slug=raa))
        if password:
            try:
                validate_password(password, user=User(username=username))
            except ValidationError as error:
                raise CommandError(f"--password: {' '.join(error.messages)}") from error
        try:
            staff_role = role_grant(
                username=username, role=role, raa=raa_obj, la=la_obj, password=password
            )
        except ValidationError as error:
            raise CommandError(one_line(error)) from error
        self.stdout.write(
            f"{username} is now {staff_role.get_role_display()} for "
            f"{staff_role.raa or staff_role.la}"
        )
