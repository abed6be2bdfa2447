"""Import schools from a Get Information about Schools (GIAS) CSV export.

For one local authority (and chosen neighbours, marked out of area): creates or updates a SchoolPage by URN, never
touches the SEN information report link (GIAS does not have it; SENCOs and officers own it), marks closed
establishments, and reports created, updated, unchanged and rejected rows (with the reason). Bad rows are
rejected one by one; the rest still import. Running the same file twice changes nothing the second time.

`COLUMNS` is the one list of the columns read (the upload page shows it). A dry run works out the same report and
writes nothing; new schools are published at once or saved as drafts for an officer to review."""

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, TypedDict, get_args

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..ages import MAX_AGE, MIN_AGE
from ..taxonomy.models import NeedType
from .models import SchoolPage, SchoolsIndexPage

DOWNLOADS_URL = "https://get-information-schools.service.gov.uk/Downloads"

URN = "URN"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
PHASE = "PhaseOfEducation (name)"
LOW_AGE = "StatutoryLowAge"
HIGH_AGE = "StatutoryHighAge"
LA = "LA (name)"
STATUS = "EstablishmentStatus (name)"
ADDRESS = ("Street", "Locality", "Address3", "Town")
POSTCODE_COLUMN = "Postcode"
WEBSITE = "SchoolWebsite"
PHONE = "TelephoneNum"
PROVISION = "TypeOfResourcedProvision (name)"
SEN = tuple(f"SEN{number} (name)" for number in range(1, 14))


class Column(NamedTuple):
    """Columns of a GIAS export the import reads: their headings as GIAS spells them, whether a file must have
    them, and what they are for (shown to officers on the upload page)."""

    headings: tuple[str, ...]
    required: bool
    purpose: str
    label: str = ""

    def __str__(self) -> str:
        return self.label or ", ".join(self.headings)


COLUMNS: tuple[Column, ...] = (
    Column((URN,), True, "The school's unique reference number: how a row is matched with a school page."),
    Column((NAME,), True, "The school's name."),
    Column(
        (TYPE,),
        True,
        "Its type. Types the Local Offer does not list (other independent schools, for example) are rejected.",
    ),
    Column((PHASE,), True, "Its phase. When GIAS says 'Not applicable', the phase is worked out from the ages."),
    Column((LOW_AGE,), True, "The youngest age it takes."),
    Column((HIGH_AGE,), True, "The oldest age it takes."),
    Column((LA,), True, "Its local authority: only rows for yours and your neighbours are read."),
    Column((STATUS,), True, "Open or closed: a school GIAS says has closed is marked closed."),
    Column(ADDRESS, False, "The address."),
    Column((POSTCODE_COLUMN,), False, "The postcode."),
    Column((WEBSITE,), False, "The school's website."),
    Column((PHONE,), False, "Its phone number."),
    Column(
        (PROVISION,),
        False,
        "Whether it has a resourced provision or SEN unit (left as it is when the file has no such column).",
    ),
    Column(
        SEN,
        False,
        "The types of need its resourced provision or unit is for (left as they are when the file has none of "
        "these columns).",
        label=f"{SEN[0]} to {SEN[-1]}",
    ),
)
REQUIRED_COLUMNS = [heading for column in COLUMNS if column.required for heading in column.headings]
MAX_ROWS = 50_000

T = SchoolPage
TYPES = {
    "community school": T.TYPE_MAINTAINED,
    "voluntary aided school": T.TYPE_MAINTAINED,
    "voluntary controlled school": T.TYPE_MAINTAINED,
    "foundation school": T.TYPE_MAINTAINED,
    "local authority nursery school": T.TYPE_MAINTAINED,
    "academy converter": T.TYPE_ACADEMY,
    "academy sponsor led": T.TYPE_ACADEMY,
    "academy 16-19 converter": T.TYPE_ACADEMY,
    "academy 16 to 19 sponsor led": T.TYPE_ACADEMY,
    "free schools": T.TYPE_ACADEMY,
    "free schools 16 to 19": T.TYPE_ACADEMY,
    "studio schools": T.TYPE_ACADEMY,
    "university technical college": T.TYPE_ACADEMY,
    "city technology college": T.TYPE_ACADEMY,
    "community special school": T.TYPE_MAINTAINED_SPECIAL,
    "foundation special school": T.TYPE_MAINTAINED_SPECIAL,
    "academy special converter": T.TYPE_ACADEMY_SPECIAL,
    "academy special sponsor led": T.TYPE_ACADEMY_SPECIAL,
    "free schools special": T.TYPE_ACADEMY_SPECIAL,
    "non-maintained special school": T.TYPE_NON_MAINTAINED_SPECIAL,
    "other independent special school": T.TYPE_S41,
    "special post 16 institution": T.TYPE_S41,
    "pupil referral unit": T.TYPE_PRU,
    "academy alternative provision converter": T.TYPE_PRU,
    "academy alternative provision sponsor led": T.TYPE_PRU,
    "free schools alternative provision": T.TYPE_PRU,
    "further education": T.TYPE_COLLEGE,
    "sixth form centres": T.TYPE_COLLEGE,
}
PHASES = {
    "nursery": T.PHASE_EARLY_YEARS,
    "primary": T.PHASE_PRIMARY,
    "middle deemed primary": T.PHASE_PRIMARY,
    "secondary": T.PHASE_SECONDARY,
    "middle deemed secondary": T.PHASE_SECONDARY,
    "all-through": T.PHASE_ALL_THROUGH,
    "16 plus": T.PHASE_POST16,
}
PROVISIONS = {
    "resourced provision": T.PROVISION_RESOURCED,
    "sen unit": T.PROVISION_UNIT,
    "resourced provision and sen unit": T.PROVISION_BOTH,
    "not applicable": T.PROVISION_NONE,
    "": T.PROVISION_NONE,
}
# GIAS's SEN1..SEN13 codes, mapped to the seeded need type slugs.
SEN_CODES = {
    "ASD": "autism",
    "SLCN": "speech-language-communication",
    "HI": "hearing-impairment",
    "VI": "visual-impairment",
    "MSI": "multi-sensory-impairment",
    "PD": "physical-disability",
    "SEMH": "social-emotional-mental-health",
    "SPLD": "specific-learning-difficulties",
    "MLD": "moderate-learning-difficulties",
    "SLD": "severe-learning-difficulties",
    "PMLD": "profound-multiple-learning-difficulties",
}
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
OPEN_STATUSES = {"open", "open, but proposed to close"}
CLOSED_STATUSES = {"closed"}
# The fields GIAS owns; everything else on a SchoolPage (the SEN report link above all) is left alone.
GiasField = Literal[
    "title",
    "school_type",
    "phase",
    "min_age",
    "max_age",
    "address",
    "postcode",
    "website",
    "phone",
    "local_authority",
    "in_area",
    "is_closed",
]
GIAS_FIELDS: tuple[GiasField, ...] = get_args(GiasField)

# A row of a GIAS export as csv.DictReader gives it: a short row has None for its missing columns.
GiasRow = Mapping[str, str | None]
Rejection = tuple[int, str, str]  # (line number, URN or "", reason)
RowWarning = tuple[int, int, str]  # (line number, URN, note)


class SchoolValues(TypedDict):
    """The SchoolPage fields read from one row: its URN and the fields GIAS owns."""

    urn: int
    title: str
    school_type: str
    phase: str
    min_age: int
    max_age: int
    address: str
    postcode: str
    website: str
    phone: str
    local_authority: str
    in_area: bool
    is_closed: bool


class ParsedRow(NamedTuple):
    values: SchoolValues
    provision: str | None  # None when the file has no resourced provision column
    needs: set[str] | None  # need type slugs; None when the file has no SEN columns


class RowError(Exception):
    pass


@dataclass
class ImportReport:
    created: list[int] = field(default_factory=list)  # URNs
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    other_areas: int = 0
    fatal: str = ""
    dry_run: bool = False  # nothing was written: the lists say what the import would do
    publish_new: bool = True  # new schools published at once, or saved as drafts
    names: dict[int, str] = field(default_factory=dict)  # URN: name in the file, of those created, updated or closed
    changes: dict[int, list[str]] = field(default_factory=dict)  # URN: the fields updating it changes

    @property
    def ok(self) -> bool:
        return not self.fatal

    def summary_lines(self) -> list[str]:
        if self.fatal:
            return [f"Nothing imported: {self.fatal}"]
        lines = ["Dry run: nothing was saved. Imported, the file would give:"] if self.dry_run else []
        drafts = " (as drafts)" if self.created and not self.publish_new else ""
        lines += [
            f"Created: {len(self.created)}{drafts}",
            f"Updated: {len(self.updated)}",
            f"Unchanged: {len(self.unchanged)}",
            f"Marked closed: {len(self.closed)}",
            f"Rejected: {len(self.rejected)}",
            f"Rows for other local authorities (ignored): {self.other_areas}",
        ]
        lines += [f"  line {line}: URN {urn or '?'}: {reason}" for line, urn, reason in self.rejected]
        lines += [f"  note, line {line}: URN {urn}: {note}" for line, urn, note in self.warnings]
        return lines


def decode(data: str | bytes) -> str:
    """GIAS exports are Windows-1252; accept UTF-8 (with or without a BOM) too."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _age(value: str | None, label: str) -> int:
    value = _clean(value)
    if not (value.isascii() and value.isdigit()):
        raise RowError(f"{label} must be a whole number of years (got '{value[:20]}')")
    age = int(value)
    if not MIN_AGE <= age <= MAX_AGE:
        raise RowError(f"{label} must be between {MIN_AGE} and {MAX_AGE} (got {age})")
    return age


def _postcode(value: str | None) -> str:
    value = _clean(value).upper()
    if not value:
        return ""
    match = POSTCODE.match(value)
    if not match:
        raise RowError(f"the postcode '{value[:12]}' is not a UK postcode")
    return f"{match.group(1)} {match.group(2)}"


def _website(value: str | None, warnings: list[RowWarning], line: int, urn: int) -> str:
    value = _clean(value)
    if not value:
        return ""
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = "https://" + value
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        warnings.append((line, urn, f"the website '{value[:60]}' is not a web address; left blank"))
        return ""
    return value[:500]


def _infer_phase(school_type: str, low: int, high: int) -> str:
    if school_type == T.TYPE_COLLEGE:
        return T.PHASE_FE
    if low >= 16:
        return T.PHASE_POST16
    if high <= 5:
        return T.PHASE_EARLY_YEARS
    if high <= 11:
        return T.PHASE_PRIMARY
    if low >= 11:
        return T.PHASE_SECONDARY
    return T.PHASE_ALL_THROUGH


def parse_row(row: GiasRow, line: int, la_names: Sequence[str], warnings: list[RowWarning]) -> ParsedRow:
    """The SchoolPage fields for one GIAS row (raises RowError with a plain reason)."""
    urn_text = _clean(row.get(URN))
    if not re.fullmatch(r"\d{6}", urn_text):
        raise RowError(f"the URN '{urn_text[:20]}' is not six digits")
    urn = int(urn_text)
    name = _clean(row.get(NAME))
    if not name:
        raise RowError("the establishment name is empty")
    if len(name) > 255:
        raise RowError("the establishment name is longer than 255 characters")
    type_name = _clean(row.get(TYPE))
    school_type = TYPES.get(type_name.lower())
    if not school_type:
        raise RowError(f"'{type_name[:60]}' is not a type of school the Local Offer lists")
    low = _age(row.get(LOW_AGE), "the lowest age")
    high = _age(row.get(HIGH_AGE), "the highest age")
    if low > high:
        raise RowError(f"the lowest age ({low}) is more than the highest age ({high})")
    phase_name = _clean(row.get(PHASE)).lower()
    phase = PHASES.get(phase_name) or _infer_phase(school_type, low, high)
    status = _clean(row.get(STATUS)).lower()
    if status not in OPEN_STATUSES | CLOSED_STATUSES:
        raise RowError(f"the status '{status[:30]}' is not open or closed")
    address_lines = [_clean(row.get(column)) for column in ADDRESS if _clean(row.get(column))]
    la = _clean(row.get(LA))
    values: SchoolValues = {
        "urn": urn,
        "title": name,
        "school_type": school_type,
        "phase": phase,
        "min_age": low,
        "max_age": high,
        "address": "\n".join(address_lines),
        "postcode": _postcode(row.get(POSTCODE_COLUMN)),
        "website": _website(row.get(WEBSITE), warnings, line, urn),
        "phone": _clean(row.get(PHONE))[:40],
        "local_authority": la,
        "in_area": la.lower() == la_names[0].lower(),
        "is_closed": status in CLOSED_STATUSES,
    }
    provision: str | None = None
    if PROVISION in row:
        provision = PROVISIONS.get(_clean(row.get(PROVISION)).lower(), T.PROVISION_NONE)
    needs: set[str] | None = None
    sen_columns = [column for column in SEN if column in row]
    if sen_columns:
        needs = set()
        for column in sen_columns:
            code = _clean(row.get(column)).split(" - ")[0].upper()
            if code in SEN_CODES:
                needs.add(SEN_CODES[code])
    return ParsedRow(values, provision, needs)


def _unique_slug(index: SchoolsIndexPage, name: str, urn: int) -> str:
    base = slugify(name)[:200] or f"school-{urn}"
    if not SchoolPage.objects.child_of(index).filter(slug=base).exists():
        return base
    return f"{base}-{urn}"


Outcome = Literal["created", "updated", "unchanged", "closed"]


def _plan(
    existing: SchoolPage | None,
    values: SchoolValues,
    provision: str | None,
    needs: set[str] | None,
    need_lookup: Mapping[str, NeedType],
) -> tuple[Outcome, list[str]]:
    """What importing a row does to its school, and the fields it changes: the one answer the dry run and the import
    share. Raises RowError for a closed school that is not on the Local Offer."""
    if existing is None:
        if values["is_closed"]:
            raise RowError("closed, and not already on the Local Offer")
        return "created", []
    changed: list[str] = [name for name in GIAS_FIELDS if getattr(existing, name) != values[name]]
    if provision is not None and existing.provision != provision:
        changed.append("provision")
    if needs is not None:
        current = set(existing.provision_need_types.values_list("slug", flat=True))
        if current != {slug for slug in needs if slug in need_lookup}:
            changed.append("provision_need_types")
    if not changed:
        return "unchanged", []
    return ("closed" if values["is_closed"] and not existing.is_closed else "updated"), changed


def _set_gias_values(
    page: SchoolPage,
    values: SchoolValues,
    provision: str | None,
    needs: set[str] | None,
    need_lookup: Mapping[str, NeedType],
) -> None:
    for name in GIAS_FIELDS:
        setattr(page, name, values[name])
    if provision is not None:
        page.provision = provision
    if needs is not None:
        page.provision_need_types.set([need_lookup[slug] for slug in sorted(needs) if slug in need_lookup])
    page.gias_imported_at = timezone.now()


@transaction.atomic
def _apply(
    index: SchoolsIndexPage,
    existing: SchoolPage | None,
    values: SchoolValues,
    provision: str | None,
    needs: set[str] | None,
    need_lookup: Mapping[str, NeedType],
    user: User | None,
    publish_new: bool,
) -> None:
    if existing is None:
        urn = values["urn"]
        page = SchoolPage(urn=urn, slug=_unique_slug(index, values["title"], urn), provision=T.PROVISION_NONE)
        _set_gias_values(page, values, provision, needs, need_lookup)
        if publish_new:
            index.add_child(instance=page)
            page.save_revision(user=user, log_action=True).publish(user=user)
        else:
            # As Wagtail's own "Save draft" of a new page: not live, one revision, waiting for an officer.
            page.live = False
            page.has_unpublished_changes = True
            index.add_child(instance=page)
            page.save_revision(user=user, log_action="wagtail.create", clean=False)
        return
    page = existing
    if not page.has_unpublished_changes:
        _set_gias_values(page, values, provision, needs, need_lookup)
        page.draft_title = values["title"]
        page.save_revision(user=user, log_action=True).publish(user=user)
        return
    # A draft waiting for an officer stays a draft, and takes GIAS's facts too; the page itself (what families see,
    # if it is live) takes them now.
    _set_gias_values(page, values, provision, needs, need_lookup)
    gias_fields = [*GIAS_FIELDS, "provision", "provision_need_types", "gias_imported_at"]
    page.save(update_fields=gias_fields, clean=False)  # type: ignore[call-arg]  # Page.save has clean; the stubs do not
    draft = page.get_latest_revision_as_object()
    _set_gias_values(draft, values, provision, needs, need_lookup)
    draft.save_revision(user=user, log_action=True, clean=False)


def missing_columns(text: str) -> list[str]:
    """The required columns a CSV file's first row lacks (all of them when it has no readable first row)."""
    try:
        columns = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        columns = []
    return [column for column in REQUIRED_COLUMNS if column not in columns]


def local_authorities(text: str) -> dict[str, str]:
    """The local authorities the rows of a GIAS file are in, by lower-case name (as far as the file can be read)."""
    found: dict[str, str] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            name = _clean(row.get(LA))
            found.setdefault(name.lower(), name)
    except csv.Error:
        pass
    return found


def count_rows(text: str) -> int:
    """The data rows of a CSV file (records, not lines: a quoted value may span lines)."""
    try:
        return max(sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1, 0)
    except csv.Error:
        return 0


def import_gias(
    data: str | bytes,
    la_name: str | None,
    neighbours: Iterable[str] = (),
    user: User | None = None,
    index: SchoolsIndexPage | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    dry_run: bool = False,
    publish_new: bool = True,
) -> ImportReport:
    """Import GIAS CSV text or bytes for the local authority `la_name` (and `neighbours`). Returns an ImportReport.

    `progress(rows_done, rows_total)`, if given, is called before each row (the background import shows it). A
    `dry_run` reports what the import would do and writes nothing. New schools are published, or with
    `publish_new=False` saved as drafts (schools already on the Local Offer are updated as ever)."""
    report = ImportReport(dry_run=dry_run, publish_new=publish_new)
    la_name = _clean(la_name)
    if not la_name:
        report.fatal = "give the name of your local authority as GIAS spells it"
        return report
    index = index or SchoolsIndexPage.objects.first()
    if index is None:
        report.fatal = "there is no schools and settings page to put the schools under; create it first"
        return report
    la_names = [la_name, *[_clean(n) for n in neighbours if _clean(n)]]
    wanted = {name.lower() for name in la_names}
    text = decode(data)
    missing = missing_columns(text)
    if missing:
        report.fatal = "the file is not a GIAS export: it has no column " + ", ".join(f"'{c}'" for c in missing)
        return report
    reader = csv.DictReader(io.StringIO(text, newline=""))
    need_lookup = {need.slug: need for need in NeedType.objects.all()}
    seen: set[int] = set()
    total = count_rows(text) if progress is not None else 0
    try:
        for number, row in enumerate(reader, start=2):
            if progress is not None:
                progress(number - 2, total)
            if number > MAX_ROWS + 1:
                report.fatal = f"the file has more than {MAX_ROWS} rows"
                break
            if _clean(row.get(LA)).lower() not in wanted:
                report.other_areas += 1
                continue
            urn_text = _clean(row.get(URN))
            try:
                values, provision, needs = parse_row(row, number, la_names, report.warnings)
                if values["urn"] in seen:
                    raise RowError("this URN is in the file more than once; only the first row was used")
                seen.add(values["urn"])
                existing = SchoolPage.objects.filter(urn=values["urn"]).first()
                outcome, changed = _plan(existing, values, provision, needs, need_lookup)
                if outcome != "unchanged" and not dry_run:
                    _apply(index, existing, values, provision, needs, need_lookup, user, publish_new)
            except RowError as error:
                report.rejected.append((number, urn_text[:20], str(error)))
                continue
            except ValidationError as error:  # the page's own rules, which a GIAS row can break
                report.rejected.append((number, urn_text[:20], "; ".join(error.messages)))
                continue
            getattr(report, outcome).append(values["urn"])
            if outcome != "unchanged":
                report.names[values["urn"]] = values["title"]
            if changed:
                report.changes[values["urn"]] = changed
    except csv.Error as error:
        report.rejected.append((reader.line_num, "", f"the file could not be read from here on ({error})"))
    return report
