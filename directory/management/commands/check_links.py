from django.core.management.base import BaseCommand

from directory.upkeep.links import run_link_check
from directory.upkeep.tasks import check_links_task


class Command(BaseCommand):
    help = (
        "Check every external link on published pages and keep the results for the Broken links report "
        "(run nightly from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", action="append", dest="urls", help="Check only this URL (as found on pages); may repeat."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the check to the background task queue and return at once."
        )

    def handle(self, *args, urls=None, enqueue=False, **options):
        if enqueue:
            result = check_links_task.enqueue()
            self.stdout.write(f"Link check queued (task {result.id}).")
            return
        summary = run_link_check(urls=urls)
        self.stdout.write(
            f"Checked {summary.links} link{'s' if summary.links != 1 else ''} on {summary.pages} "
            f"page{'s' if summary.pages != 1 else ''}: {summary.broken} broken."
        )
