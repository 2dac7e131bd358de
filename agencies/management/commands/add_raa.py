from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.services import raa_create
from core.errors import one_line


class Command(BaseCommand):
    help = "Create a regional adoption agency."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("name")

    def handle(self, *args, slug, name, **options):
        try:
            raa = raa_create(slug=slug, name=name)
        except ValidationError as error:
            raise CommandError(one_line(error)) from error
        self.stdout.write(f"Created RAA {raa.slug}: {raa.name}")
