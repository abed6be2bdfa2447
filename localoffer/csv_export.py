"""Spreadsheets that officers and the public can open straight in Excel: CSV in UTF-8 with a byte-order mark (so
Excel reads accents and emoji), cells that would start a formula neutralised (CSV injection). The one place for it:
the admin reports, the comments export and the public "you said, we did" CSV all use these."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

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
