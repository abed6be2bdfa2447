"""Import schools from a Get Information about Schools (GIAS) CSV export.

For one local authority (and chosen neighbours, marked out of area): creates or updates a SchoolPage by URN, never
touches the SEN information report link (GIAS does not have it; SENCOs and officers own it), marks closed
establishments, and reports created, updated, unchanged and rejected rows (with the reason). Bad rows are
rejected one by one; the rest still import. Running the same file twice changes nothing the second time."""

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

REQUIRED_COLUMNS = [
    "URN",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "LA (name)",
    "EstablishmentStatus (name)",
]
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

    @property
    def ok(self) -> bool:
        return not self.fatal

    def summary_lines(self) -> list[str]:
        if self.fatal:
            return [f"Nothing imported: {self.fatal}"]
        lines = [
            f"Created: {len(self.created)}",
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
    if not value.isdigit():
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
    urn_text = _clean(row.get("URN"))
    if not re.fullmatch(r"\d{6}", urn_text):
        raise RowError(f"the URN '{urn_text[:20]}' is not six digits")
    urn = int(urn_text)
    name = _clean(row.get("EstablishmentName"))
    if not name:
        raise RowError("the establishment name is empty")
    if len(name) > 255:
        raise RowError("the establishment name is longer than 255 characters")
    type_name = _clean(row.get("TypeOfEstablishment (name)"))
    school_type = TYPES.get(type_name.lower())
    if not school_type:
        raise RowError(f"'{type_name[:60]}' is not a type of school the Local Offer lists")
    low = _age(row.get("StatutoryLowAge"), "the lowest age")
    high = _age(row.get("StatutoryHighAge"), "the highest age")
    if low > high:
        raise RowError(f"the lowest age ({low}) is more than the highest age ({high})")
    phase_name = _clean(row.get("PhaseOfEducation (name)")).lower()
    phase = PHASES.get(phase_name) or _infer_phase(school_type, low, high)
    status = _clean(row.get("EstablishmentStatus (name)")).lower()
    if status not in OPEN_STATUSES | CLOSED_STATUSES:
        raise RowError(f"the status '{status[:30]}' is not open or closed")
    address_lines = [
        _clean(row.get(column)) for column in ("Street", "Locality", "Address3", "Town") if _clean(row.get(column))
    ]
    la = _clean(row.get("LA (name)"))
    values: SchoolValues = {
        "urn": urn,
        "title": name,
        "school_type": school_type,
        "phase": phase,
        "min_age": low,
        "max_age": high,
        "address": "\n".join(address_lines),
        "postcode": _postcode(row.get("Postcode")),
        "website": _website(row.get("SchoolWebsite"), warnings, line, urn),
        "phone": _clean(row.get("TelephoneNum"))[:40],
        "local_authority": la,
        "in_area": la.lower() == la_names[0].lower(),
        "is_closed": status in CLOSED_STATUSES,
    }
    provision: str | None = None
    if "TypeOfResourcedProvision (name)" in row:
        provision = PROVISIONS.get(_clean(row.get("TypeOfResourcedProvision (name)")).lower(), T.PROVISION_NONE)
    needs: set[str] | None = None
    sen_columns = [key for key in row if key and re.fullmatch(r"SEN\d+ \(name\)", key)]
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


@transaction.atomic
def _save(
    index: SchoolsIndexPage,
    values: SchoolValues,
    provision: str | None,
    needs: set[str] | None,
    user: User | None,
    report: ImportReport,
    line: int,
    need_lookup: Mapping[str, NeedType],
) -> None:
    urn = values["urn"]
    existing = SchoolPage.objects.filter(urn=urn).first()
    if existing is None:
        if values["is_closed"]:
            report.rejected.append((line, str(urn), "closed, and not already on the Local Offer"))
            return
        page = SchoolPage(slug=_unique_slug(index, values["title"], urn), **values)
        page.provision = provision or T.PROVISION_NONE
        page.gias_imported_at = timezone.now()
        index.add_child(instance=page)
        if needs:
            page.provision_need_types.set([need_lookup[slug] for slug in needs if slug in need_lookup])
        page.save_revision(user=user, log_action=True).publish(user=user)
        report.created.append(urn)
        return
    page = existing
    changed: list[str] = [name for name in GIAS_FIELDS if getattr(page, name) != values[name]]
    if provision is not None and page.provision != provision:
        changed.append("provision")
    current_needs = set(page.provision_need_types.values_list("slug", flat=True))
    wanted_needs = {slug for slug in needs if slug in need_lookup} if needs is not None else None
    if wanted_needs is not None and current_needs != wanted_needs:
        changed.append("provision_need_types")
    if not changed:
        report.unchanged.append(urn)
        return
    newly_closed = values["is_closed"] and not page.is_closed
    for name in GIAS_FIELDS:
        setattr(page, name, values[name])
    page.draft_title = values["title"]
    if provision is not None:
        page.provision = provision
    page.gias_imported_at = timezone.now()
    if wanted_needs is not None:
        page.provision_need_types.set([need_lookup[slug] for slug in wanted_needs])
    if page.has_unpublished_changes:
        # An officer's draft stays a draft; the live page takes GIAS's facts now.
        gias_values: dict[str, object] = {name: values[name] for name in GIAS_FIELDS}
        SchoolPage.objects.filter(pk=page.pk).update(**gias_values, gias_imported_at=page.gias_imported_at)
        if provision is not None:
            SchoolPage.objects.filter(pk=page.pk).update(provision=provision)
    else:
        page.save_revision(user=user, log_action=True).publish(user=user)
    (report.closed if newly_closed else report.updated).append(urn)


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
) -> ImportReport:
    """Import GIAS CSV text or bytes for the local authority `la_name` (and `neighbours`). Returns an ImportReport.

    `progress(rows_done, rows_total)`, if given, is called before each row (the background import shows it)."""
    report = ImportReport()
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
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        report.fatal = "the file is not a GIAS export: it has no column " + ", ".join(f"'{c}'" for c in missing)
        return report
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
            if _clean(row.get("LA (name)")).lower() not in wanted:
                report.other_areas += 1
                continue
            urn_text = _clean(row.get("URN"))
            try:
                values, provision, needs = parse_row(row, number, la_names, report.warnings)
                if values["urn"] in seen:
                    raise RowError("this URN is in the file more than once; only the first row was used")
                seen.add(values["urn"])
                _save(index, values, provision, needs, user, report, number, need_lookup)
            except RowError as error:
                report.rejected.append((number, urn_text[:20], str(error)))
    except csv.Error as error:
        report.rejected.append((reader.line_num, "", f"the file could not be read from here on ({error})"))
    return report
