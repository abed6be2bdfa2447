from django.core.management.base import BaseCommand

from directory.upkeep.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Email each owning team the pages due for review and other items needing attention (run weekly)."

    def handle(self, *args, **options):
        sent = send_weekly_digest.call()
        # The emails go through the task queue: the worker sends them (at once where tasks run immediately).
        self.stdout.write(f"Queued {sent} digest email{'s' if sent != 1 else ''}.")
