"""The demo council's postcode centroids (demo/data/postcodes.csv, in the ONS Postcode Directory's layout), loaded
by the same importer as `manage.py import_postcodes`, so `make run` searches by postcode with nothing to download.
Loaded before the directory: a venue saved without a map position takes its postcode's."""

from directory.places.importer import import_postcodes

from .. import content


def load(stdout):
    with content.postcodes_csv().open(encoding="utf-8", newline="") as lines:
        report = import_postcodes(lines)
    stdout.write(f"Postcodes: {report.saved} centroids ({report.rejected} rows rejected).")
