"""Services as a spreadsheet officers edit and send back: export every service (CSV or Excel), change cells or add
rows, import the file, see exactly what would change, then apply it.

One row per service, keyed by its Open Referral id (the `uuid` that never changes). The columns are one table,
`COLUMNS` (a column is a header, the field and its kind), then a group of columns per venue and per contact
(`VENUE_COLUMNS`, `CONTACT_COLUMNS`: "Venue 1 name", "Contact 2 phone"...), as many as the service with the most
has; on import only, the service's private provider contact (name and email: never exported, directory/providers/).
A file may leave columns out (they are not changed). A row whose id is a service here updates it; a row with no
id, or an id no service here has, is a new service (keeping that id, so export, empty, import gives the same
services). Importing the file just exported changes nothing.

Written with the project's CSV helper (localoffer/csv_export.py: a byte-order mark, formulas neutralised with a
leading apostrophe, which the import takes off again) and openpyxl for Excel (every cell typed as text, so nothing
runs as a formula and the text comes back exactly). tablib was considered: its Excel export either writes such a
cell as a live formula or strips the '=', so a round trip would change text.

Applying (a background task: tasks.apply_spreadsheet) saves a new revision of each changed page as the officer, and
publishes it when the page is live and the officer may publish it; a page edited by someone else since the preview
is skipped and reported. It goes a few rows at a time, each group saved with the note that it is done, so a run
interrupted and started again skips what it has done."""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from localoffer.csv_export import FORMULA_STARTS, csv_response

from ..ages import MAX_AGE, MIN_AGE
from ..choices import ACCESS_ROUTES, DELIVERY, Area, Cost, Tier
from ..providers.models import ProviderContact
from ..services.models import DirectoryPage, ServiceContact, ServicePage, ServiceVenue
from ..taxonomy.models import NeedType, Organisation, ServiceCategory
from .bulk import NewService, create_services, problems

MAX_ROWS = 20_000
DESCRIPTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]  # as ServicePage.description
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str  # id, text, int, bool, choice, needs, categories, organisation, date, info (exported, never imported)
    choices: tuple[str, ...] = ()
    max_length: int | None = None


def _label(name: str) -> str:
    text = str(getattr(ServicePage._meta.get_field(name), "verbose_name", name))
    return text[:1].upper() + text[1:]


COLUMNS = [
    Column("Open Referral id", "uuid", "id"),
    Column("Name", "title", "text", max_length=255),
    Column("Summary", "summary", "text", max_length=300),
    Column("Description", "description", "richtext"),
    Column("Organisation", "organisation", "organisation"),
    Column("Tier", "tier", "choice", tuple(Tier.values)),
    Column("Youngest age", "min_age", "int"),
    Column("Oldest age", "max_age", "int"),
    Column("Need types", "need_types", "needs"),
    Column("Categories", "categories", "categories"),
    Column("Who it is for", "who_for", "text"),
    Column("Eligibility", "eligibility", "text"),
    *(Column(_label(name), name, "bool") for name, _text in ACCESS_ROUTES),
    Column("How to get it", "access_steps", "text"),
    Column("Cost", "cost", "choice", tuple(Cost.values)),
    Column("Cost details", "cost_details", "text"),
    *(Column(f"Delivered {_label(name).lower()}", name, "bool") for name, _text in DELIVERY),
    Column("Area", "area", "choice", tuple(Area.values)),
    Column("Languages", "languages", "text", max_length=255),
    Column("Accountable team", "accountable_team", "text", max_length=255),
    Column("How decisions are made", "decisions", "text"),
    Column("Last reviewed", "last_reviewed", "date"),
    Column("Published", "live", "info"),
    # Import only, never exported (a spreadsheet travels; these stay private): the service's provider contact
    # (directory/providers/). Applied only for officers who may keep provider contacts.
    Column("Provider contact name", "provider_name", "provider", max_length=120),
    Column("Provider contact email", "provider_email", "provider", max_length=254),
]
EXPORTED = [column for column in COLUMNS if column.kind != "provider"]
PROVIDER_FIELDS = ("provider_name", "provider_email")
BY_HEADER = {column.header.lower(): column for column in COLUMNS}

# A service's venues and contacts: a group of columns for each ("Venue 1 name", "Contact 2 phone"), as many groups
# as the service with the most has. Each group's "Open Referral id" keeps the venue's or contact's id.
VENUE_COLUMNS = [
    Column("Open Referral id", "uuid", "id"),
    Column("name", "name", "text", max_length=200),
    Column("address", "address", "text"),
    Column("postcode", "postcode", "text", max_length=10),
    Column("latitude", "latitude", "decimal"),
    Column("longitude", "longitude", "decimal"),
    Column("opening times", "opening_times", "text"),
    *(Column(label.lower(), name, "bool") for name, label in ServiceVenue.ACCESSIBILITY),
    Column("accessibility notes", "accessibility_notes", "text"),
]
CONTACT_COLUMNS = [
    Column("Open Referral id", "uuid", "id"),
    Column("name", "name", "text", max_length=200),
    Column("phone", "phone", "text", max_length=40),
    Column("email", "email", "text", max_length=254),
    Column("website", "website", "text", max_length=200),
]
GROUPS = {"venue": ("venues", VENUE_COLUMNS), "contact": ("contacts", CONTACT_COLUMNS)}
GROUP_HEADER = re.compile(r"(venue|contact) ([1-9][0-9]?) (.+)", re.IGNORECASE)


def headers(venues: int, contacts: int) -> list[str]:
    return [column.header for column in EXPORTED] + [
        f"{kind.capitalize()} {n} {column.header}"
        for kind, count in (("venue", venues), ("contact", contacts))
        for n in range(1, count + 1)
        for column in GROUPS[kind][1]
    ]


def sanitise_html(text: str) -> str:
    """Rich text as the page editor would keep it (only the description's own formats; scripts and unknown markup
    taken out)."""
    converter = EditorHTMLConverter(features=DESCRIPTION_FEATURES)
    return str(converter.to_database_format(text)) if text.strip() else ""


# Export ------------------------------------------------------------------------------------------------------------


def services_for_export() -> list[ServicePage]:
    """Every service, as its latest revision says (a draft edit is what an officer would change next)."""
    pages = ServicePage.objects.select_related("organisation").prefetch_related(
        "need_types", "categories", "venues", "contacts"
    )
    return [latest(page) for page in pages.order_by("title", "pk")]


def latest(page: ServicePage) -> ServicePage:
    if not page.has_unpublished_changes:
        return page
    revision_object = page.get_latest_revision_as_object()
    return revision_object if isinstance(revision_object, ServicePage) else page


def cell(page: ServicePage, column: Column) -> str:
    value: Any = getattr(page, column.field)
    if column.kind in ("bool", "info"):
        return YES if value else NO
    if column.kind == "organisation":
        return value.name if value else ""
    if column.kind in ("needs", "categories"):
        return "; ".join(sorted(item.slug for item in value.all()))
    if column.kind == "date":
        return value.isoformat() if value else ""
    return "" if value is None else str(value)


def group_cell(item: Any, column: Column) -> str:
    value = getattr(item, column.field)
    if column.kind == "bool":
        return YES if value else NO
    return "" if value is None else str(value)


def table(pages: list[ServicePage]) -> list[list[str]]:
    """The header and one row per service."""
    venues = max([len(page.venues.all()) for page in pages] + [1])
    contacts = max([len(page.contacts.all()) for page in pages] + [1])
    body = []
    for page in pages:
        row = [cell(page, column) for column in EXPORTED]
        for relation, columns, count in (("venues", VENUE_COLUMNS, venues), ("contacts", CONTACT_COLUMNS, contacts)):
            items = list(getattr(page, relation).all())
            for n in range(count):
                row += [group_cell(items[n], column) if n < len(items) else "" for column in columns]
        body.append(row)
    return [headers(venues, contacts), *body]


def csv_export(pages: Iterable[ServicePage] | None = None) -> HttpResponse:
    """Every service, or the `pages` given (the officers' services listing exports what it has filtered)."""
    header, *body = table(services_for_export() if pages is None else list(pages))
    return csv_response(f"services-{timezone.localdate():%Y-%m-%d}.csv", header, body)


def xlsx_export(pages: Iterable[ServicePage] | None = None) -> HttpResponse:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Services"
    for row_number, values in enumerate(table(services_for_export() if pages is None else list(pages)), start=1):
        for column_number, value in enumerate(values, start=1):
            target = sheet.cell(row=row_number, column=column_number, value=value)
            target.data_type = "s"  # text, never a formula, whatever it starts with
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="services-{timezone.localdate():%Y-%m-%d}.xlsx"'
    return response


# Import: read, check, compare --------------------------------------------------------------------------------------


class SpreadsheetError(Exception):
    """The file cannot be read as a services spreadsheet at all; the message says why."""


def read_table(file_name: str, content: bytes) -> list[list[str]]:
    """The file's rows as text (the header first)."""
    if file_name.lower().endswith(".xlsx"):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
            raise SpreadsheetError("The file is not an Excel workbook (.xlsx) that can be read.") from error
        sheet = workbook.worksheets[0]
        table = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return table
    if file_name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")  # an older Excel's "CSV"
        return [list(row) for row in csv.reader(io.StringIO(text.replace("\x00", "")))]
    raise SpreadsheetError("Upload a .csv or .xlsx file.")


def unneutralise(text: str) -> str:
    """Take off the apostrophe our CSV export put before text that would otherwise run as a formula."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


@dataclass
class RowResult:
    row: int  # the spreadsheet's row number, header = 1
    id: str
    name: str
    changes: dict[str, list[Any]]  # field -> [old as shown, new as shown]
    values: dict[str, Any]  # field -> new value, ready to set
    errors: list[str]
    revision_id: int | None = None
    new: bool = False


class Parser:
    def __init__(self) -> None:
        self.needs = {need.slug: need.pk for need in NeedType.objects.all()}
        self.categories = {category.slug: category.pk for category in ServiceCategory.objects.all()}

    def value(self, column: Column, raw: str, errors: list[str]) -> Any:
        text = unneutralise(raw.strip() if column.kind != "text" else raw.replace("\r\n", "\n").strip())
        if column.kind == "text":
            if column.max_length and len(text) > column.max_length:
                errors.append(f"{column.header} is longer than {column.max_length} characters")
            return text
        if column.kind == "int":
            if not text:
                return None
            try:
                number = int(text.removesuffix(".0"))
            except ValueError:
                errors.append(f"{column.header} must be a whole number, not {text!r}")
                return None
            if not MIN_AGE <= number <= MAX_AGE:
                errors.append(f"{column.header} must be from {MIN_AGE} to {MAX_AGE}")
            return number
        if column.kind == "bool":
            if text.lower() in ("yes", "y", "true", "1"):
                return True
            if text.lower() in ("no", "n", "false", "0", ""):
                return False
            errors.append(f"{column.header} must be yes or no, not {text!r}")
            return False
        if column.kind == "choice":
            if text.lower() not in column.choices:
                errors.append(f"{column.header} must be one of {', '.join(column.choices)}, not {text!r}")
            return text.lower()
        if column.kind in ("needs", "categories"):
            known = self.needs if column.kind == "needs" else self.categories
            slugs = sorted({part.strip().lower() for part in text.replace(",", ";").split(";") if part.strip()})
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                errors.append(
                    f"{column.header}: no such {'need type' if column.kind == 'needs' else 'category'}: "
                    f"{', '.join(unknown)}"
                )
            return [slug for slug in slugs if slug in known]
        if column.kind == "provider":
            text = strip_tags(text)
            if column.max_length and len(text) > column.max_length:
                errors.append(f"{column.header} is longer than {column.max_length} characters")
            if column.field == "provider_email" and text:
                try:
                    validate_email(text)
                except ValidationError:
                    errors.append(f"{column.header} is not an email address: {text!r}")
            return text
        if column.kind == "organisation":
            return text
        if column.kind == "richtext":
            return sanitise_html(raw.replace("\r\n", "\n").strip())
        if column.kind == "decimal":
            if not text:
                return None
            try:
                position = Decimal(text).quantize(Decimal("0.000001"))
            except (InvalidOperation, ValueError):
                errors.append(f"{column.header} must be a number, like 53.4825, not {text!r}")
                return None
            if not abs(position) <= (90 if column.field == "latitude" else 180):
                errors.append(f"{column.header} is not a position on Earth")
            return str(position)
        if column.kind == "id":
            if not text:
                return ""
            try:
                return str(UUID(text))
            except ValueError:
                errors.append(f"{column.header} {text!r} is not an Open Referral id")
                return ""
        if column.kind == "date":
            if not text:
                return None
            try:
                return date.fromisoformat(text[:10])
            except ValueError:
                errors.append(f"{column.header} must be a date like 2026-03-31, not {text!r}")
                return None
        return text


def shown(value: Any) -> Any:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def current(page: ServicePage, column: Column) -> Any:
    value = getattr(page, column.field)
    if column.kind == "organisation":
        return value.name if value else ""
    if column.kind in ("needs", "categories"):
        return sorted(item.slug for item in value.all())
    return "" if value is None and column.kind == "text" else value


def group_values(items: Iterable[Any], columns: list[Column]) -> list[dict[str, Any]]:
    """A page's venues or contacts as the spreadsheet's cells would give them back (for comparing)."""
    parser_free = []
    for item in items:
        data: dict[str, Any] = {}
        for column in columns:
            value = getattr(item, column.field)
            if column.kind == "decimal":
                value = str(Decimal(value).quantize(Decimal("0.000001"))) if value not in (None, "") else None
            elif column.kind == "id":
                value = str(value)
            elif column.kind == "text":
                value = "" if value is None else value
            data[column.field] = value
        parser_free.append(data)
    return parser_free


def shown_group(items: list[dict[str, Any]]) -> str:
    return " | ".join(
        ", ".join(str(v) for k, v in item.items() if k != "uuid" and v not in ("", None, False)) for item in items
    )


def preview(file_name: str, content: bytes) -> dict[str, Any]:
    """What importing this file would change: {"rows": [RowResult as dict], "ignored_columns": [...], ...}.

    A row whose id is a service here updates it; a row with no id, or an id no service here has (a file exported
    from another site), is a new service, keeping that id. Nothing is written."""
    rows_in = read_table(file_name, content)
    if not rows_in:
        raise SpreadsheetError("The file is empty.")
    header = [text.strip() for text in rows_in[0]]
    columns: list[Column | None] = []
    grouped: dict[int, tuple[str, int, Column]] = {}  # index -> (relation, n, column)
    for index, text in enumerate(header):
        column = BY_HEADER.get(text.lower())
        match = GROUP_HEADER.fullmatch(text)
        if column is None and match:
            relation, group_columns = GROUPS[match.group(1).lower()]
            sub = next((c for c in group_columns if c.header.lower() == match.group(3).lower()), None)
            if sub is not None:
                grouped[index] = (relation, int(match.group(2)), sub)
        columns.append(column)
    if BY_HEADER["open referral id"] not in columns:
        raise SpreadsheetError(
            "The first row must name the columns, including 'Open Referral id' (export a file from here to start from)."
        )
    if len(rows_in) - 1 > MAX_ROWS:
        raise SpreadsheetError(f"The file has more than {MAX_ROWS} rows.")
    ignored = [
        text
        for index, (text, column) in enumerate(zip(header, columns, strict=True))
        if text and column is None and index not in grouped
    ]
    relations = {relation for relation, _n, _c in grouped.values()}
    parser = Parser()
    id_index = columns.index(BY_HEADER["open referral id"])
    results: list[RowResult] = []
    wanted: dict[UUID, RowResult] = {}
    for number, row in enumerate(rows_in[1:], start=2):
        if not any(value.strip() for value in row):
            continue
        raw_id = row[id_index].strip() if id_index < len(row) else ""
        result = RowResult(number, raw_id, "", {}, {}, [])
        results.append(result)
        if raw_id:
            try:
                uuid = UUID(raw_id)
            except ValueError:
                result.errors.append(f"{raw_id!r} is not an Open Referral id (leave it empty for a new service)")
                continue
            if uuid in wanted:
                result.errors.append("this id is on an earlier row too")
                continue
            wanted[uuid] = result
            result.id = str(uuid)
    pages = {
        page.uuid: page
        for page in ServicePage.objects.filter(uuid__in=list(wanted))
        .select_related("organisation")
        .prefetch_related("need_types", "categories", "venues", "contacts")
    }
    contacts = {
        contact.service_id: contact
        for contact in ProviderContact.objects.filter(service__in=[page.pk for page in pages.values()])
    }
    child_ids: set[str] = set()
    for result in results:
        if result.errors:
            continue
        row = rows_in[result.row - 1]
        found = pages.get(UUID(result.id)) if result.id else None
        page = latest(found) if found is not None else None
        result.new = page is None
        result.name = page.title if page is not None else ""
        result.revision_id = found.latest_revision_id if found is not None else None
        for index, column in enumerate(columns):
            if column is None or column.kind in ("id", "info") or index >= len(row):
                continue
            new = parser.value(column, row[index], result.errors)
            if column.kind == "provider":
                contact = contacts.get(found.pk) if found is not None else None
                old = getattr(contact, column.field.removeprefix("provider_"), "") if contact else ""
                if new != old:
                    # The preview never shows a contact's present details: "(private)" for what is there now.
                    result.changes[column.field] = ["(private)" if old else "", new]
                    result.values[column.field] = new
                continue
            old = current(page, column) if page is not None else None
            if column.kind == "richtext" and page is not None:
                old = sanitise_html(old or "")
            if page is None or shown(new) != shown(old):
                if page is None and new in ("", None, [], False) and column.field not in REQUIRED:
                    result.values[column.field] = new.isoformat() if isinstance(new, date) else new
                    continue
                result.changes[column.field] = [shown(old), shown(new)]
                result.values[column.field] = new.isoformat() if isinstance(new, date) else new
                if column.field in REQUIRED and not new:
                    result.errors.append(f"{column.header} cannot be empty")
        if page is None:
            result.name = str(result.values.get("title", ""))
            published = replace(BY_HEADER["published"], kind="bool")  # a new service is published if this says so
            result.values["live"] = parser.value(published, _cell(row, columns, "live"), [])
        for relation in sorted(relations):
            items = read_group(row, grouped, relation, parser, result.errors)
            for item in items:
                if item["uuid"] and item["uuid"] in child_ids:
                    result.errors.append(f"the {relation[:-1]} id {item['uuid']} is on an earlier row too")
                child_ids.add(item["uuid"])
            old_items = group_values(getattr(page, relation).all(), GROUPS[relation[:-1]][1]) if page else []
            if _without_ids(items) != _without_ids(old_items) or (page is None and items):
                result.changes[relation] = [shown_group(old_items), shown_group(items)]
            result.values[relation] = items
        min_age = result.values.get("min_age", page.min_age if page else None)
        max_age = result.values.get("max_age", page.max_age if page else None)
        if min_age is not None and max_age is not None and min_age > max_age:
            result.errors.append("Youngest age is more than oldest age")
        if any(field in result.values for field in PROVIDER_FIELDS):
            contact = contacts.get(found.pk) if found is not None else None
            name = result.values.get("provider_name", contact.name if contact else "")
            email = result.values.get("provider_email", contact.email if contact else "")
            if bool(name) != bool(email):
                result.errors.append("Give the provider contact's name and email, or leave both empty to remove it")
        if page is None and not result.errors:
            if result.id and ServicePage.objects.filter(uuid=result.id).exists():
                result.errors.append("another service has this id")
            result.errors += creation_problems(result.values, parser)
    taken = _child_ids_in_use(results)
    for result in results:
        for relation in relations:
            for item in result.values.get(relation, []):
                owner = taken.get(item["uuid"])
                if owner is not None and (result.new or owner != result.id):
                    result.errors.append(f"the {relation[:-1]} id {item['uuid']} belongs to another service")
    # Only rows with something to say are kept: a file of thousands of unchanged services makes a small preview.
    return {
        "rows": [result.__dict__ for result in results if result.changes or result.errors],
        "rows_read": len(results),
        "ignored_columns": ignored,
        "changed": sum(1 for result in results if result.changes and not result.errors),
        "new": sum(1 for result in results if result.new and result.changes and not result.errors),
        "errors": sum(1 for result in results if result.errors),
    }


def _cell(row: list[str], columns: list[Column | None], field_name: str) -> str:
    for index, column in enumerate(columns):
        if column is not None and column.field == field_name and index < len(row):
            return row[index]
    return ""


def _without_ids(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k != "uuid"} for item in items]


def read_group(
    row: list[str], grouped: dict[int, tuple[str, int, Column]], relation: str, parser: "Parser", errors: list[str]
) -> list[dict[str, Any]]:
    """The row's venues or contacts, in order; a group whose cells are all empty is no venue or contact."""
    by_number: dict[int, dict[str, Any]] = {}
    for index, (kind, number, column) in grouped.items():
        if kind != relation:
            continue
        raw = row[index] if index < len(row) else ""
        item = by_number.setdefault(number, {"_cells": []})
        item["_cells"].append(raw.strip())
        label = f"{relation[:-1].capitalize()} {number} {column.header}"
        item[column.field] = parser.value(replace(column, header=label), raw, errors)
    items = []
    for number in sorted(by_number):
        item = by_number[number]
        if not any(item.pop("_cells")):
            continue
        columns = GROUPS[relation[:-1]][1]
        items.append(
            {column.field: item.get(column.field, "" if column.kind != "bool" else False) for column in columns}
        )
        if not items[-1]["name"]:
            errors.append(f"{relation[:-1].capitalize()} {number} name cannot be empty")
    return items


def _child_ids_in_use(results: list[RowResult]) -> dict[str, str]:
    """{venue or contact id: the id of the service it belongs to here} for the ids the file names."""
    ids = {
        item["uuid"]
        for r in results
        for rel in ("venues", "contacts")
        for item in r.values.get(rel, [])
        if item["uuid"]
    }
    owners: dict[str, str] = {}
    for model in (ServiceVenue, ServiceContact):
        for uuid, page_uuid in model.objects.filter(uuid__in=ids).values_list("uuid", "page__uuid"):
            owners[str(uuid)] = str(page_uuid)
    return owners


def creation_problems(values: dict[str, Any], parser: "Parser") -> list[str]:
    """What the page editor would refuse in a new service (checked in memory, as bulk.py does before writing)."""
    service = new_service(values, parser)
    page = ServicePage(**service.fields)
    page.slug = slugify(page.title)[:70] or "service"  # made unique when the page is created
    found = problems(page, service.venues, service.contacts)
    if not values.get("tier"):
        found.append("Tier cannot be empty")
    return found


def new_service(
    values: dict[str, Any], parser: "Parser", organisations: dict[str, Organisation] | None = None
) -> NewService:
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("organisation", "need_types", "categories", "venues", "contacts", "live", *PROVIDER_FIELDS):
            continue
        fields[name] = date.fromisoformat(value) if name == "last_reviewed" and value else value
    organisation = None
    if values.get("organisation") and organisations is not None:
        organisation = organisations.get(values["organisation"])
    return NewService(
        fields=fields,
        organisation=organisation,
        need_types=[NeedType(pk=parser.needs[slug], slug=slug) for slug in values.get("need_types", [])],
        categories=[ServiceCategory(pk=parser.categories[slug], slug=slug) for slug in values.get("categories", [])],
        venues=[_child(ServiceVenue, item) for item in values.get("venues", [])],
        contacts=[_child(ServiceContact, item) for item in values.get("contacts", [])],
    )


def _child(model: type[Any], item: dict[str, Any]) -> Any:
    data = {k: v for k, v in item.items() if not (k == "uuid" and not v)}
    for name in ("latitude", "longitude"):
        if name in data:
            data[name] = Decimal(data[name]) if data[name] not in (None, "") else None
    return model(**data)


REQUIRED = {"title", "summary", "eligibility", "access_steps"}


OUTCOME = ("saved", "published", "created", "skipped")
CHUNK = 50  # rows applied (and recorded as applied) in one transaction


@dataclass
class Progress:
    """How far applying a file has got: what was saved so far (`outcome`) and the rows done (their numbers in the
    file). The background task keeps it between attempts, so a run started again from the top skips those rows."""

    outcome: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in OUTCOME})
    done: set[int] = field(default_factory=set)

    def add(self, rows: Iterable[int], lines: dict[str, list[str]]) -> None:
        for name, items in lines.items():
            self.outcome.setdefault(name, []).extend(items)
        self.done.update(rows)


def to_apply(preview_data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a preview that applying it writes: those with changes and no errors."""
    return [row for row in preview_data["rows"] if row["changes"] and not row["errors"]]


def apply(
    preview_data: dict[str, Any],
    user: Any,
    publish: bool,
    progress: Progress | None = None,
    record: Callable[[Progress], None] | None = None,
) -> dict[str, list[str]]:
    """Save the changes of every row without errors; create the new services (published when the file says so,
    `publish` is ticked and the officer may publish). Returns {"saved", "published", "created", "skipped"}.

    Rows are applied a few at a time, each group in one transaction that ends by calling `record(progress)`, so
    what a group wrote and the note that it is done are saved together or not at all; rows `progress` already
    counts as done are skipped. Run again after an interruption, it goes on where the last run stopped."""
    progress = progress or Progress()
    parser = Parser()
    rows = [row for row in to_apply(preview_data) if row["row"] not in progress.done]
    updates = [row for row in rows if not row.get("new")]
    for start in range(0, len(updates), CHUNK):
        chunk = updates[start : start + CHUNK]
        with transaction.atomic():
            for row in chunk:
                try:
                    with transaction.atomic():
                        lines = update_row(row, user, publish)
                except ValidationError as error:
                    lines = {"skipped": [f"{row['name']}: not saved: {'; '.join(error.messages)}"]}
                progress.add([row["row"]], lines)
            if record:
                record(progress)
    new_rows = [row for row in rows if row.get("new")]
    if new_rows:
        create_new(new_rows, parser, user, publish, progress, record)
    return progress.outcome


def update_row(row: dict[str, Any], user: Any, publish: bool) -> dict[str, list[str]]:
    """Apply one row to the service it names; returns what to add to the outcome."""
    lines: dict[str, list[str]] = {name: [] for name in OUTCOME}
    found = ServicePage.objects.filter(uuid=row["id"]).first()
    if found is None or found.latest_revision_id != row["revision_id"]:
        lines["skipped"].append(f"{row['name']}: changed or removed since the preview; export again")
        return lines
    values = dict(row["values"])
    provider = {name: values.pop(name) for name in PROVIDER_FIELDS if name in values}
    if provider:
        if may_keep_provider_contacts(user):
            save_provider_contact(found, provider)
            if not values:
                lines["saved"].append(f"{row['name']} (provider contact)")
        else:
            lines["skipped"].append(f"{row['name']}: provider contact not changed (you may not change them)")
    if not values:
        return lines
    page = latest(found)
    for name, value in values.items():
        if name == "organisation":
            page.organisation = Organisation.objects.get_or_create(name=value)[0] if value else None
        elif name == "need_types":
            page.need_types = list(NeedType.objects.filter(slug__in=value))
        elif name == "categories":
            page.categories = list(ServiceCategory.objects.filter(slug__in=value))
        elif name == "last_reviewed":
            page.last_reviewed = date.fromisoformat(value) if value else None
        elif name in ("venues", "contacts"):
            setattr(
                page,
                name,
                _children(list(getattr(page, name).all()), value, ServiceVenue if name == "venues" else ServiceContact),
            )
        else:
            setattr(page, name, value)
    revision = page.save_revision(user=user, log_action=True)
    if publish and found.live and found.permissions_for_user(user).can_publish():
        revision.publish(user=user)
        lines["published"].append(page.title)
    else:
        lines["saved"].append(page.title)
    return lines


def _children(old: list[Any], items: list[dict[str, Any]], model: type[Any]) -> list[Any]:
    """The venues or contacts a row gives, reusing the page's own by id (else by position), so their ids stay."""
    by_id = {str(item.uuid): item for item in old}
    made = []
    for index, data in enumerate(items):
        item = by_id.get(data["uuid"]) or (
            old[index] if index < len(old) and str(old[index].uuid) not in {d["uuid"] for d in items} else model()
        )
        for name, value in _child(model, data).__dict__.items():
            if name in data and name != "uuid":
                setattr(item, name, value)
        if data["uuid"]:
            item.uuid = UUID(data["uuid"])
        item.sort_order = index
        made.append(item)
    return made


def create_new(
    rows: list[dict[str, Any]],
    parser: Parser,
    user: Any,
    publish: bool,
    progress: Progress,
    record: Callable[[Progress], None] | None,
) -> None:
    """Create the new services in bulk, a chunk at a time (each chunk and its note in `progress` together)."""
    directory = DirectoryPage.objects.first()
    if directory is None:
        with transaction.atomic():
            progress.add(
                [row["row"] for row in rows],
                {"skipped": [f"{row['name']}: there is no service directory to add it to" for row in rows]},
            )
            if record:
                record(progress)
        return
    may_publish = publish and directory.permissions_for_user(user).can_publish_subpage()
    for live in (True, False):
        batch = [row for row in rows if (may_publish and bool(row["values"].get("live"))) == live]
        for start in range(0, len(batch), CHUNK):
            with transaction.atomic():
                lines = create_chunk(directory, batch[start : start + CHUNK], parser, user, live)
                progress.add([row["row"] for row in batch[start : start + CHUNK]], lines)
                if record:
                    record(progress)


def create_chunk(
    directory: DirectoryPage, rows: list[dict[str, Any]], parser: Parser, user: Any, live: bool
) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {name: [] for name in OUTCOME}
    names = {row["values"].get("organisation") for row in rows if row["values"].get("organisation")}
    organisations = {name: Organisation.objects.get_or_create(name=name)[0] for name in sorted(names)}
    taken = set(
        ServicePage.objects.filter(uuid__in=[row["id"] for row in rows if row["id"]]).values_list("uuid", flat=True)
    )
    fresh = []
    for row in rows:
        if row["id"] and UUID(row["id"]) in taken:
            lines["skipped"].append(f"{row['name']}: a service with its id was added since the preview")
        else:
            fresh.append(row)
    services = []
    for row in fresh:
        service = new_service(row["values"], parser, organisations)
        if row["id"]:
            service.fields["uuid"] = UUID(row["id"])
        services.append(service)
    pages, reasons = create_services(directory, services, user=user, live=live)
    for row, page, why in zip(fresh, pages, reasons, strict=True):
        if page is None:
            lines["skipped"].append(f"{row['name']}: {'; '.join(why)}")
            continue
        lines["created"].append(page.title)
        if live:
            lines["published"].append(page.title)
        provider = {name: row["values"][name] for name in PROVIDER_FIELDS if name in row["values"]}
        if provider and any(provider.values()):
            if may_keep_provider_contacts(user):
                save_provider_contact(page, provider)
            else:
                lines["skipped"].append(f"{row['name']}: provider contact not set (you may not set them)")
    return lines


def may_keep_provider_contacts(user: Any) -> bool:
    return bool(user.is_superuser or user.has_perm("directory.change_providercontact"))


def save_provider_contact(service: ServicePage, values: dict[str, str]) -> None:
    """Set, change or (both empty) remove a service's private provider contact. Not a page revision: the contact is
    not part of the page."""
    contact = ProviderContact.objects.filter(service=service).first()
    name = values.get("provider_name", contact.name if contact else "")
    email = values.get("provider_email", contact.email if contact else "")
    if not name and not email:
        if contact is not None:
            contact.delete()
        return
    ProviderContact.objects.update_or_create(service=service, defaults={"name": name, "email": email})
