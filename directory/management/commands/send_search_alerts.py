from django.core.management.base import BaseCommand

from directory.alerts.tasks import send_search_alerts


class Command(BaseCommand):
    help = (
        "Email alerts for directory searches (run daily): delete unconfirmed requests after 7 days and alerts nobody "
        "has said they still want for a year, ask that once a year, and send each alert's digest when something it "
        "matches changed (at most weekly)."
    )

    def handle(self, *args, **options):
        # The emails go through the task queue: the worker sends them (at once where tasks run immediately).
        self.stdout.write(send_search_alerts.call() + ".")
