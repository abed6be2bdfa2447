"""Services as a spreadsheet officers edit and send back: export every service (CSV or Excel), change cells, import
the file, see exactly what would change, then apply it.

One row per service, keyed by its Open Referral id (the `uuid` that never changes), one column per field an officer
edits in bulk: names, summaries, organisation, tier, ages, need types and categories (their slugs, separated by
semicolons), eligibility, ways to get it, cost, delivery, area, languages, the accountable team and the last review
date; on import only, the service's private provider contact (name and email: never exported). Rich text, venues
and contacts stay in the page editor. A file may leave columns out (they are not changed);
rows without an id, or with one no service has, are refused. Importing the file just exported changes nothing.

Written with the project's CSV helper (localoffer/csv_export.py: a byte-order mark, formulas neutralised with a
leading apostrophe, which the import takes off again) and openpyxl for Excel (every cell typed as text, so nothing
runs as a formula and the text comes back exactly). tablib was considered: its Excel export either writes such a
cell as a live formula or strips the '=', so a round trip would change text.

Applying saves a new revision of each changed page as the officer, and publishes it when the page is live and the
officer may publish it; a page edited by someone else since the preview is skipped and reported."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from localoffer.csv_export import FORMULA_STARTS, csv_response

from ..ages import MAX_AGE, MIN_AGE
from ..choices import ACCESS_ROUTES, DELIVERY, Area, Cost, Tier
from ..providers.models import ProviderContact
from ..services.models import ServicePage
from ..taxonomy.models import NeedType, Organisation, ServiceCategory

MAX_ROWS = 20_000
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
    Column("Last reviewed", "last_reviewed", "date"),
    Column("Published", "live", "info"),
    # Import only, never exported (a spreadsheet travels; these stay private): the service's provider contact
    # (directory/providers/). Applied only for officers who may keep provider contacts.
    Column("Provider contact name", "provider_name", "provider", max_length=120),
    Column("Provider contact email", "provider_email", "provider", max_length=254),
]
EXPORTED = [column for column in COLUMNS if column.kind != "provider"]
PROVIDER_FIELDS = ("provider_name", "provider_email")
HEADERS = [column.header for column in EXPORTED]
BY_HEADER = {column.header.lower(): column for column in COLUMNS}


# Export ------------------------------------------------------------------------------------------------------------


def services_for_export() -> list[ServicePage]:
    """Every service, as its latest revision says (a draft edit is what an officer would change next)."""
    pages = ServicePage.objects.select_related("organisation").prefetch_related("need_types", "categories")
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


def rows(pages: Iterable[ServicePage]) -> list[list[str]]:
    return [[cell(page, column) for column in EXPORTED] for page in pages]


def csv_export() -> HttpResponse:
    return csv_response(f"services-{timezone.localdate():%Y-%m-%d}.csv", HEADERS, rows(services_for_export()))


def xlsx_export() -> HttpResponse:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Services"
    for row_number, values in enumerate([HEADERS, *rows(services_for_export())], start=1):
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


def preview(file_name: str, content: bytes) -> dict[str, Any]:
    """What importing this file would change: {"rows": [RowResult as dict], "ignored_columns": [...], ...}."""
    table = read_table(file_name, content)
    if not table:
        raise SpreadsheetError("The file is empty.")
    header = [text.strip() for text in table[0]]
    columns = [BY_HEADER.get(text.lower()) for text in header]
    if BY_HEADER["open referral id"] not in columns:
        raise SpreadsheetError(
            "The first row must name the columns, including 'Open Referral id' (export a file from here to start from)."
        )
    if len(table) - 1 > MAX_ROWS:
        raise SpreadsheetError(f"The file has more than {MAX_ROWS} rows.")
    ignored = [text for text, column in zip(header, columns, strict=True) if text and column is None]
    parser = Parser()
    id_index = columns.index(BY_HEADER["open referral id"])
    wanted: list[tuple[UUID, RowResult]] = []
    results: list[RowResult] = []
    for number, row in enumerate(table[1:], start=2):
        if not any(value.strip() for value in row):
            continue
        raw_id = row[id_index].strip() if id_index < len(row) else ""
        result = RowResult(number, raw_id, "", {}, {}, [])
        results.append(result)
        try:
            wanted.append((UUID(raw_id), result))
        except ValueError:
            result.errors.append(
                "no Open Referral id (add new services in the page editor)"
                if not raw_id
                else f"{raw_id!r} is not an Open Referral id"
            )
    pages = {
        page.uuid: page
        for page in ServicePage.objects.filter(uuid__in=[uuid for uuid, _result in wanted])
        .select_related("organisation")
        .prefetch_related("need_types", "categories")
    }
    contacts = {
        contact.service_id: contact
        for contact in ProviderContact.objects.filter(service__in=[page.pk for page in pages.values()])
    }
    seen: set[UUID] = set()
    for uuid, result in wanted:
        found = pages.get(uuid)
        if found is None:
            result.errors.append("no service has this Open Referral id")
            continue
        if uuid in seen:
            result.errors.append("this id is on an earlier row too")
            continue
        seen.add(uuid)
        page = latest(found)
        result.name = page.title
        result.revision_id = found.latest_revision_id
        row = table[result.row - 1]
        for index, column in enumerate(columns):
            if column is None or column.kind in ("id", "info") or index >= len(row):
                continue
            new = parser.value(column, row[index], result.errors)
            if column.kind == "provider":
                contact = contacts.get(found.pk)
                old = getattr(contact, column.field.removeprefix("provider_"), "") if contact else ""
                if new != old:
                    # The preview never shows a contact's present details: "(private)" for what is there now.
                    result.changes[column.field] = ["(private)" if old else "", new]
                    result.values[column.field] = new
                continue
            old = current(page, column)
            if shown(new) != shown(old):
                result.changes[column.field] = [shown(old), shown(new)]
                result.values[column.field] = new.isoformat() if isinstance(new, date) else new
                if column.field in REQUIRED and not new:
                    result.errors.append(f"{column.header} cannot be empty")
        min_age = result.values.get("min_age", page.min_age)
        max_age = result.values.get("max_age", page.max_age)
        if min_age is not None and max_age is not None and min_age > max_age:
            result.errors.append("Youngest age is more than oldest age")
        if any(field in result.values for field in PROVIDER_FIELDS):
            contact = contacts.get(found.pk)
            name = result.values.get("provider_name", contact.name if contact else "")
            email = result.values.get("provider_email", contact.email if contact else "")
            if bool(name) != bool(email):
                result.errors.append("Give the provider contact's name and email, or leave both empty to remove it")
    # Only rows with something to say are kept: a file of thousands of unchanged services makes a small preview.
    return {
        "rows": [result.__dict__ for result in results if result.changes or result.errors],
        "rows_read": len(results),
        "ignored_columns": ignored,
        "changed": sum(1 for result in results if result.changes and not result.errors),
        "errors": sum(1 for result in results if result.errors),
    }


REQUIRED = {"title", "summary", "eligibility", "access_steps"}


def apply(preview_data: dict[str, Any], user: Any, publish: bool) -> dict[str, list[str]]:
    """Save the changes of every row without errors; returns {"saved": [...], "published": [...], "skipped": [...]}."""
    outcome: dict[str, list[str]] = {"saved": [], "published": [], "skipped": []}
    for row in preview_data["rows"]:
        if row["errors"] or not row["changes"]:
            continue
        found = ServicePage.objects.filter(uuid=row["id"]).first()
        if found is None or found.latest_revision_id != row["revision_id"]:
            outcome["skipped"].append(f"{row['name']}: changed or removed since the preview; export again")
            continue
        values = dict(row["values"])
        provider = {name: values.pop(name) for name in PROVIDER_FIELDS if name in values}
        if provider:
            if user.is_superuser or user.has_perm("directory.change_providercontact"):
                save_provider_contact(found, provider)
                if not values:
                    outcome["saved"].append(f"{row['name']} (provider contact)")
            else:
                outcome["skipped"].append(f"{row['name']}: provider contact not changed (you may not change them)")
        if not values:
            continue
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
            else:
                setattr(page, name, value)
        revision = page.save_revision(user=user, log_action=True)
        if publish and found.live and found.permissions_for_user(user).can_publish():
            revision.publish(user=user)
            outcome["published"].append(page.title)
        else:
            outcome["saved"].append(page.title)
    return outcome


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
