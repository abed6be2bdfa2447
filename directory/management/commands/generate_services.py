from django.core.management.base import BaseCommand, CommandError

from directory.services.generate import generate


class Command(BaseCommand):
    help = "Create N synthetic published services in the directory, for benchmarks (bulk inserts, then indexed)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many services to create, such as 10000.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, count, seed, batch_size, **options):
        if count < 1:
            raise CommandError("Give a number of services of 1 or more.")
        created = generate(count, batch_size=batch_size, seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Created {created} services."))
