"""Loading postcode centroids from the two open data sets that hold them, streamed in bounded memory.

- **ONS Postcode Directory** (ONSPD, the whole UK, every postcode ever used): a CSV with a header row; we read
  `pcds` (the postcode), `lat` and `long` (WGS84) and `doterm` (the month it stopped being used, empty if live).
  Postcodes without a grid reference carry lat 99.999999: they are rejected, as are rows outside the UK.
- **Code-Point Open** (Ordnance Survey, Great Britain, live postcodes only): one CSV per postcode area, no header
  row (or the "PC,PQ,EA,NO,..." one from its documentation); postcode, positional quality, eastings, northings, ...
  Eastings and northings are turned into latitude and longitude (`osgb.py`); quality 90 means "no position".

Rows are upserted by postcode in batches, so a second run of the same file changes nothing and a newer file updates
the rows it holds; memory stays at one batch however long the file. Every rejected row is counted with its reason."""

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .geo import Point
from .models import Postcode
from .osgb import grid_to_wgs84
from .postcodes import is_full_postcode, normalise_postcode, outward_code

BATCH_SIZE = 5000
MAX_REASONS_SHOWN = 50
# Generous bounds of the UK with the Channel Islands and the Isle of Man, for catching swapped or broken columns.
LATITUDES = (49.0, 61.0)
LONGITUDES = (-9.0, 2.5)
CODE_POINT_NO_POSITION = "90"

Layout = Literal["onspd", "code-point"]


class UnreadableFile(Exception):
    """The file as a whole cannot be read (no rows, or a layout we do not know): nothing was written."""


@dataclass
class ImportReport:
    layout: Layout | None = None
    read: int = 0
    saved: int = 0
    terminated: int = 0
    rejected: int = 0
    reasons: list[str] = field(default_factory=list)  # the first MAX_REASONS_SHOWN, "row 7: ..."
    reason_counts: Counter[str] = field(default_factory=Counter)

    def reject(self, row_number: int, reason: str) -> None:
        self.rejected += 1
        self.reason_counts[reason.split(":")[0]] += 1
        if len(self.reasons) < MAX_REASONS_SHOWN:
            self.reasons.append(f"row {row_number}: {reason}")

    def summary_lines(self) -> list[str]:
        names = {"onspd": "ONS Postcode Directory", "code-point": "Code-Point Open"}
        lines = [
            f"Read {self.read:,} rows ({names.get(self.layout or '', 'unknown layout')}): "
            f"{self.saved:,} postcodes saved ({self.terminated:,} of them no longer in use), "
            f"{self.rejected:,} rows rejected."
        ]
        if self.rejected:
            lines.append("Rejected rows:")
            lines += [f"  {line}" for line in self.reasons]
            if self.rejected > len(self.reasons):
                lines.append(f"  ... and {self.rejected - len(self.reasons):,} more. All rejected rows by reason:")
                lines += [f"  {count:,} x {reason}" for reason, count in self.reason_counts.most_common()]
        return lines


def import_postcodes(
    lines: Iterable[str],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[ImportReport], None] | None = None,
    progress_every: int = 100_000,
) -> ImportReport:
    """Read ONSPD or Code-Point Open CSV text (an iterable of lines, such as an open file) into Postcode rows."""
    report = ImportReport()
    reader = _rows(csv.reader(lines))
    first = next(reader, None)
    if first is None:
        raise UnreadableFile("The file is empty.")
    _number, header = first
    columns = {name.strip().lower(): i for i, name in enumerate(header)}
    parse: Callable[[list[str]], tuple[str, Point, bool]]
    if "pcds" in columns:
        missing = [name for name in ("lat", "long", "doterm") if name not in columns]
        if missing:
            raise UnreadableFile(f"The ONSPD file has no {', '.join(missing)} column.")
        report.layout = "onspd"
        parse = _onspd(columns["pcds"], columns["lat"], columns["long"], columns["doterm"])
        body: Iterable[tuple[int, list[str] | str]] = reader
    elif len(header) >= 4 and (header[0].strip().upper() in ("PC", "POSTCODE") or normalise_postcode(header[0])):
        report.layout = "code-point"
        parse = _code_point
        has_header = header[0].strip().upper() in ("PC", "POSTCODE")
        body = reader if has_header else _chain(first, reader)
    else:
        raise UnreadableFile(
            "This is not an ONSPD file (a header row with pcds, lat, long and doterm) or a Code-Point Open file "
            "(postcode, quality, eastings, northings, ...)."
        )

    batch: dict[str, Postcode] = {}
    for number, row in body:
        report.read += 1
        if isinstance(row, str):  # the csv module could not read the line
            report.reject(number, row)
        else:
            try:
                postcode, point, terminated = parse(row)
            except ValueError as error:
                report.reject(number, str(error))
            else:
                batch[postcode] = Postcode(
                    postcode=postcode,
                    outward=outward_code(postcode),
                    latitude=point.latitude,
                    longitude=point.longitude,
                    terminated=terminated,
                )
                report.terminated += terminated
                if len(batch) >= batch_size:
                    report.saved += _save(batch)
        if progress and report.read % progress_every == 0:
            progress(report)
    report.saved += _save(batch)
    return report


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str] | str]]:
    """(row number, cells), or (row number, why it could not be read) for a line the csv module refuses."""
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield number, f"not readable as CSV: {error}"
            continue
        if row:
            yield number, row


def _chain(
    first: tuple[int, list[str] | str], rest: Iterator[tuple[int, list[str] | str]]
) -> Iterator[tuple[int, list[str] | str]]:
    yield first
    yield from rest


def _save(batch: dict[str, Postcode]) -> int:
    if not batch:
        return 0
    Postcode.objects.bulk_create(
        batch.values(),
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["outward", "latitude", "longitude", "terminated"],
    )
    saved = len(batch)
    batch.clear()
    return saved


def _postcode(value: str) -> str:
    postcode = normalise_postcode(value)
    if postcode is None or not is_full_postcode(postcode):
        raise ValueError(f"not a postcode: {_shown(value)}")
    return postcode


def _number(value: str, name: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name} is not a number: {_shown(value)}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{name} is not a number: {_shown(value)}")
    return number


def _in_uk(point: Point) -> Point:
    if not (LATITUDES[0] <= point.latitude <= LATITUDES[1] and LONGITUDES[0] <= point.longitude <= LONGITUDES[1]):
        raise ValueError(f"position outside the UK: {point.latitude}, {point.longitude}")
    return point


def _onspd(pcds: int, lat: int, lng: int, doterm: int) -> Callable[[list[str]], tuple[str, Point, bool]]:
    width = max(pcds, lat, lng, doterm) + 1

    def parse(row: list[str]) -> tuple[str, Point, bool]:
        if len(row) < width:
            raise ValueError(f"too few columns: {len(row)}")
        postcode = _postcode(row[pcds])
        latitude, longitude = _number(row[lat], "latitude"), _number(row[lng], "longitude")
        if latitude == 99.999999:
            raise ValueError("no position: ONSPD has no grid reference for this postcode")
        return postcode, _in_uk(Point(latitude, longitude)), bool(row[doterm].strip())

    return parse


def _code_point(row: list[str]) -> tuple[str, Point, bool]:
    if len(row) < 4:
        raise ValueError(f"too few columns: {len(row)}")
    postcode = _postcode(row[0])
    if row[1].strip() == CODE_POINT_NO_POSITION:
        raise ValueError("no position: Code-Point Open gives quality 90 (no coordinates) for this postcode")
    easting, northing = _number(row[2], "eastings"), _number(row[3], "northings")
    if not (0 < easting < 700_000 and 0 < northing < 1_300_000):
        raise ValueError(f"eastings and northings outside the National Grid: {row[2][:12]}, {row[3][:12]}")
    return postcode, _in_uk(grid_to_wgs84(easting, northing)), False


def _shown(value: str) -> str:
    """A cell as a reason quotes it: short, and printable."""
    text = value[:20].encode("ascii", "backslashreplace").decode("ascii")
    return repr(text + ("..." if len(value) > 20 else ""))
