from django.core.management.base import BaseCommand, CommandError

from directory.choices import Area
from directory.openreferral.models import FeedImport
from directory.openreferral.tasks import run_feed_import


class Command(BaseCommand):
    help = (
        "Import the services of an Open Referral UK 3.0 feed (another directory's API, such as "
        "https://example.gov.uk/api/openreferral/v3/): creates or updates service pages keyed by the feed's service "
        "ids; running it again changes nothing; never overwrites a page an officer has changed here."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="The feed's address (its API base, or its /services list).")
        parser.add_argument(
            "--area",
            choices=[value for value, _label in Area.choices],
            default=Area.OUTSIDE,
            help="Where the feed's services are, when a service does not say (default: outside our area).",
        )

    def handle(self, *args, **options):
        run = FeedImport.objects.create(url=options["url"][:2000], area=options["area"])
        run = run_feed_import(run.pk)
        if run.status == FeedImport.FAILED:
            raise CommandError(run.error)
        report = run.report or {}
        self.stdout.write(
            f"{report['records']} services read from {report['source']} ({report['version']}): "
            f"{len(report['created'])} created, {len(report['updated'])} updated, "
            f"{len(report['unchanged'])} unchanged, {len(report['kept_local_edits'])} kept as edited here, "
            f"{len(report['conflicts'])} conflicts, {len(report['rejected'])} rejected."
        )
        for conflict in report["conflicts"]:
            self.stdout.write(f"Conflict: {conflict['name']} ({conflict['id']}): {conflict['reason']}")
        for rejected in report["rejected"]:
            self.stdout.write(
                f"Rejected: {rejected['name'] or '?'} ({rejected['id']}): {'; '.join(rejected['reasons'])}"
            )
        if report["unmapped_terms"]:
            terms = ", ".join(
                f"{term['name']} ({term['taxonomy'] or 'no taxonomy'})" for term in report["unmapped_terms"]
            )
            self.stdout.write(f"Taxonomy terms not mapped yet (map them in the admin, Open data): {terms}")
        if report["no_longer_in_feed"]:
            self.stdout.write(
                "No longer in the feed (imported before, still published here; unpublish them if they have closed): "
                + ", ".join(report["no_longer_in_feed"])
            )
