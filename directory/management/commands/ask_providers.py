from django.core.management.base import BaseCommand

from directory.providers.tasks import ask_providers


class Command(BaseCommand):
    help = (
        "Email each service's provider contact whose listing is due for review within 30 days or overdue, asking "
        "whether it is still right (a signed link that works once, for 14 days), and remind those who have not "
        "answered after 7 days. Safe to run daily: each service is asked once per review cycle."
    )

    def handle(self, *args, **options):
        result = ask_providers.call()
        self.stdout.write(f"Asked {result['asked']} providers; reminded {result['reminded']}.")
