"""`manage.py load_demo`: the demo council's content from demo/data/ (run by `make run`). Safe to run again."""

from django.core.management.base import BaseCommand

from demo import loaders


class Command(BaseCommand):
    help = "Load the demo content for a fictional local authority. Safe to run again: it updates, never duplicates."

    def handle(self, *args, **options):
        loaders.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
