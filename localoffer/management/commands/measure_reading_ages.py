"""`manage.py measure_reading_ages`: measure every published page whose reading age is missing or out of date (pages
are measured when published; this catches up on those published before, or by an import). `--all` measures every
published page again, for instance after changing how reading age is measured."""

from django.core.management.base import BaseCommand

from localoffer.readability.measure import refresh
from localoffer.readability.models import PageReadingAge


class Command(BaseCommand):
    help = "Measure the reading age of published pages not yet measured at their current revision."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Measure every published page again.")

    def handle(self, *args, **options):
        if options["all"]:
            PageReadingAge.objects.all().delete()
        done = refresh()
        self.stdout.write(f"Measured {done} page{'s' if done != 1 else ''}.")
