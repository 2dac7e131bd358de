from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import LocalAuthority
from journeys.services import la_children_delete

UNKNOWN_LA = "Unknown LA code {code!r}."
UNKNOWN_USER = "Give --user: no such user (or no superuser to act as)."


class Command(BaseCommand):
    help = "Delete every child of an LA with their journeys, placements, links and notes."

    def add_arguments(self, parser):
        parser.add_argument("--la", required=True, help="DfE code of the LA")
        parser.add_argument(
            "--user", help="username recorded in the audit trail (a superuser by default)"
        )

    def handle(self, *args, la, user, **options):
        la_obj = LocalAuthority.objects.filter(code=la).first()
        if la_obj is None:
            raise CommandError(UNKNOWN_LA.format(code=la))
        actor = (
            User.objects.filter(username=user).first()
            if user
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(UNKNOWN_USER)
        try:
            deleted = la_children_delete(user=actor, la=la_obj, via="command")
        except (PermissionDenied, ValidationError) as refusal:
            raise CommandError(" ".join(getattr(refusal, "messages", [str(refusal)]))) from None
        self.stdout.write(f"Deleted {deleted} children of {la_obj}.")
