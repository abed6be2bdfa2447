from django.core.management.base import BaseCommand

from directory.edition.tasks import make_all_editions


class Command(BaseCommand):
    help = "Make every printed edition again from the live directory (run nightly)."

    def handle(self, *args, **options):
        made = make_all_editions.call()
        self.stdout.write(f"Made {made} printed edition{'s' if made != 1 else ''}.")
