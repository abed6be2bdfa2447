from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.schools.gias import import_gias


class Command(BaseCommand):
    help = (
        "Import schools from a Get Information about Schools (GIAS) CSV export for one local authority (and "
        "neighbours, marked out of area). Creates or updates by URN; never changes SEN information report links."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="The GIAS CSV export (edubasealldata or a download for your area).")
        parser.add_argument("--la", required=True, help="Your local authority's name as GIAS spells it.")
        parser.add_argument(
            "--neighbour",
            action="append",
            default=[],
            help="A neighbouring local authority whose schools local children attend (repeat for each).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what the import would do; save nothing.")
        parser.add_argument(
            "--drafts", action="store_true", help="Save new schools as drafts for an officer to publish."
        )

    def handle(self, *args, **options):
        path = Path(options["csv_file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = import_gias(
            path.read_bytes(),
            options["la"],
            options["neighbour"],
            dry_run=options["dry_run"],
            publish_new=not options["drafts"],
        )
        for line in report.summary_lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.fatal)
