import io
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.models import ServiceVenue
from directory.places.importer import ImportReport, UnreadableFile, import_postcodes
from directory.services.facet_index import invalidate


class Command(BaseCommand):
    help = (
        "Load postcode centroids for search by postcode from the ONS Postcode Directory (ONSPD) CSV, or from "
        "Code-Point Open CSV files. Safe to run again: each postcode is created or updated, never repeated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="The ONSPD CSV (Data/ONSPD_..._UK.csv in its zip) or Code-Point Open CSVs (Data/CSV/*.csv).",
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Postcodes saved per query (5000).")

    def handle(self, *args, files, batch_size, **options):
        paths = [Path(name) for name in files]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        for path in paths:
            self.stdout.write(f"{path}:")
            self._import(path, batch_size)
        placed = ServiceVenue.place_by_postcode()
        if placed:
            invalidate()  # the directory's index holds venue positions
        self.stdout.write(f"Placed {placed:,} venues without a map position at their postcode's centre.")

    def _import(self, path, batch_size):
        size = path.stat().st_size or 1
        started = time.monotonic()
        with path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")

            def progress(report: ImportReport) -> None:
                done = min(raw.tell() / size, 1.0)
                bar = "#" * int(done * 30)
                elapsed = time.monotonic() - started
                self.stdout.write(f"  [{bar:<30}] {done:4.0%}  {report.read:,} rows, {elapsed:,.0f} s")

            try:
                report = import_postcodes(text, batch_size=batch_size, progress=progress)
            except UnreadableFile as error:
                raise CommandError(f"{path}: {error}") from None
        for line in report.summary_lines():
            self.stdout.write(line)
