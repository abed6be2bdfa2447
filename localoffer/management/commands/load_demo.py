from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo content offers a `demo.load(stdout)`; the site shell runs first.
DEMO_MODULES = ["localoffer.demo", "directory.demo", "directory.schools.demo", "feedback.demo"]


class Command(BaseCommand):
    help = "Load the demo content for a fictional local authority. Safe to run again: it updates, never duplicates."

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
