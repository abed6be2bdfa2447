"""`manage.py generate_services N`: synthetic published services for benchmarks, never for a real site.

The rows are built with the test factories (tests/factories), so this command needs the development install
(`pip install -e '.[test]'`, which brings factory_boy) and the tests/ folder; without them it stops with a message
saying so rather than a traceback."""

from django.core.management.base import BaseCommand, CommandError

MISSING: ImportError | None = None
try:
    from demo.generate import generate
except ImportError as error:  # a production install: no factory_boy, perhaps no tests/ folder
    MISSING = error


class Command(BaseCommand):
    help = "Create N synthetic published services in the directory, for benchmarks (bulk inserts, then indexed)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many services to create, such as 10000.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, count, seed, batch_size, **options):
        if MISSING is not None:
            raise CommandError(
                "generate_services is for benchmarks and builds services with the test factories: it needs the "
                f"development install (pip install -e '.[test]') and the tests/ folder ({MISSING})."
            )
        if count < 1:
            raise CommandError("Give a number of services of 1 or more.")
        created = generate(count, batch_size=batch_size, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Created {created} services."))
