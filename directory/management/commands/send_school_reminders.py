from django.core.management.base import BaseCommand

from directory.schools.tasks import send_school_reminders


class Command(BaseCommand):
    help = (
        "Email each school whose SEN information report link was last confirmed too long ago (once a year by "
        "default) or is broken (about once a term). Safe to run daily: no school is emailed twice too soon."
    )

    def handle(self, *args, **options):
        self.stdout.write(send_school_reminders.call())
