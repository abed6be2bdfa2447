from django.conf import settings
from django.core.management.base import BaseCommand

from feedback.tasks import comments_due_for_deletion, delete_expired_contact_details


class Command(BaseCommand):
    help = (
        "Delete the names and emails given with comments once they are past the retention schedule "
        "(FEEDBACK_CONTACT_DAYS_AFTER_REPORT after the covering report is published, or "
        "FEEDBACK_CONTACT_MAX_AGE_DAYS at most). Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many comments are due.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job on the task backend instead.")

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if dry_run:
            count = comments_due_for_deletion().count()
            self.stdout.write(f"{count} comment(s) have contact details due for deletion.")
            return
        if enqueue:
            result = delete_expired_contact_details.enqueue()
            self.stdout.write(f"Queued the retention job ({result.id}).")
            return
        count = delete_expired_contact_details.call()
        self.stdout.write(
            f"Deleted contact details from {count} comment(s) "
            f"({settings.FEEDBACK_CONTACT_DAYS_AFTER_REPORT} days after the report, "
            f"{settings.FEEDBACK_CONTACT_MAX_AGE_DAYS} days at most)."
        )
