"""Spreadsheets that officers and the public can open straight in Excel: CSV in UTF-8 with a byte-order mark (so
Excel reads accents and emoji), cells that would start a formula neutralised (CSV injection), dates people read
("3 March 2026 14:05") and Yes/No rather than True/False, and XLSX sheets with a frozen header row and columns wide
enough to read. The one place for it: the admin reports, the comments export and the public "you said, we did" CSV
all use these."""

import csv
import datetime
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl.utils import get_column_letter

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell's text that no spreadsheet will run as a formula. CSV only: XLSX cells are typed as text instead, so
    they keep their text exactly."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: list, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


class _Echo:
    def write(self, value):
        return value


def streaming_csv_response(filename: str, header: list, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """The same, written row by row as the rows are read (for exports that may be long)."""
    writer = csv.writer(_Echo())

    def lines():
        yield BOM + writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Excel's own format for the same reading of a date and time: the cell stays a date, sortable and filterable.
XLSX_DATETIME_FORMAT = "d mmmm yyyy hh:mm"
XLSX_MAX_COLUMN_WIDTH = 60


def readable_datetime(value: datetime.datetime) -> str:
    """3 March 2026 14:05, in the site's time zone."""
    return f"{timezone.localtime(value):%-d %B %Y %H:%M}" if timezone.is_aware(value) else f"{value:%-d %B %Y %H:%M}"


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """The date and time as people here read it, for an XLSX cell (Excel has no time zones)."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def yes_no(value: object) -> str:
    return "Yes" if value else "No"


def fit_sheet(sheet, rows: Iterable[Iterable]) -> None:
    """Freeze the header row and make each column as wide as its longest cell in `rows` (up to a limit)."""
    widths: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row, start=1):
            if isinstance(value, datetime.datetime):
                length = 18
            else:
                text = "" if value is None else str(value)
                length = max((len(line) for line in text.splitlines()), default=0)
            widths[index] = max(widths.get(index, 0), length)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, XLSX_MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
