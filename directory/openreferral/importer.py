"""Import another directory's Open Referral UK 3.0 feed (a neighbouring council's, or the one a council is leaving):
each of its services becomes one of our service pages, created or updated, keyed by the feed's address and the
service's id. `manage.py import_openreferral URL`, the admin's "Import from Open Referral" page and the
`import_feed` task (tasks.py) all call `import_feed_url`.

The order of work makes a run all or nothing where it matters:

1. Read the whole feed first (every page of /services, a few at a time once the first says how many, through
   url_safety: public addresses only, a time limit on each request, a size limit): an unreachable, slow, non-JSON or
   wrong-version feed (not HSDS-UK-3.0) stops the run with a plain-English error before anything is written.
2. Check each record: one that cannot be imported (no id or name, not active, a field of the wrong type, ages the
   wrong way round) is rejected with its reasons and the rest go on.
3. Write in one transaction; each page written in its own savepoint (new ones a batch at a time, then one by one if
   the batch is refused), so a record the database refuses is rejected alone. A record that changes nothing costs
   no query of its own (its page was read with the rest, a few queries for them all), or one to note that the feed
   changed only what we do not keep.

What a record means here: its taxonomy terms are mapped to our need types, categories and fixed choices (terms of
our own taxonomies by id; others through `TermMapping`, filled in automatically where a term's name is exactly one of
ours, and edited by officers in the admin; unmapped terms are listed in the report). A run that finds the feed and
our page as the last run left them changes nothing. If an officer has changed an imported page here (its latest
revision, draft or published, differs from what the import wrote) and the feed has changed too, the page is left
alone and the conflict is reported; if only the officer changed it, it is kept as it is."""

import hashlib
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any, cast
from urllib.parse import urlencode, urlsplit
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.utils import timezone

from ..ages import MAX_AGE, MIN_AGE
from ..choices import ACCESS_ROUTES, DELIVERY, Area, Cost, Tier
from ..services.models import DirectoryPage, ServiceContact, ServicePage, ServiceVenue
from ..taxonomy.models import AreaOfNeed, NeedType, Organisation, ServiceCategory
from ..url_safety import fetch_body
from .bulk import BATCH, NewService, create_services
from .models import ImportedService, TermMapping
from .taxonomies import ACCESS_ROUTE, AREA, FIXED_BY_ID, TIER
from .taxonomies import DELIVERY as DELIVERY_KIND

VERSION_PREFIX = "HSDS-UK-3."
PER_PAGE = 100
MAX_PAGES = 2000
MAX_BYTES = 50 * 1024 * 1024
FETCHES = 4  # pages of the feed read at once
ACCESS_FIELDS = [name for name, _label in ACCESS_ROUTES]
DELIVERY_FIELDS = [name for name, _label in DELIVERY]
ACCESSIBILITY_BY_LABEL = {label.lower(): name for name, label in ServiceVenue.ACCESSIBILITY}
PROVIDER_TYPES_BY_LABEL = {label.lower(): value for value, label in Organisation.PROVIDER_TYPES}
COSTS_BY_LABEL = {label.lower(): value for value, label in Cost.choices}
DEFAULT_ELIGIBILITY = "Ask the service whether you can use it."
DEFAULT_ACCESS_STEPS = "Contact the service using the details below."

Json = dict[str, Any]


class FeedError(Exception):
    """The feed cannot be imported at all; the message says why in plain English. Nothing has been written."""


@dataclass
class ImportReport:
    source: str
    version: str = ""
    records: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_local_edits: list[str] = field(default_factory=list)
    conflicts: list[dict[str, str]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    unmapped_terms: list[dict[str, str]] = field(default_factory=list)
    no_longer_in_feed: list[str] = field(default_factory=list)  # imported before; left as they are here
    notes: list[str] = field(default_factory=list)
    imported_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"{self.records} services read from {self.source}: {len(self.created)} created, {len(self.updated)} "
            f"updated, {len(self.unchanged)} unchanged, {len(self.kept_local_edits)} kept as edited here, "
            f"{len(self.conflicts)} conflicts, {len(self.rejected)} rejected; "
            f"{len(self.unmapped_terms)} taxonomy terms not mapped."
        )


# Reading the feed --------------------------------------------------------------------------------------------------


def feed_base(url: str) -> str:
    """The API's base address from what an officer pastes: the base itself, or its /services list."""
    url = url.strip().split("?", 1)[0].rstrip("/")
    return url.removesuffix("/services").rstrip("/")


def get_json(url: str) -> Any:
    fetched = fetch_body(url, timeout=settings.OPENREFERRAL_IMPORT_TIMEOUT, max_bytes=MAX_BYTES)
    if fetched.error:
        raise FeedError(f"Could not read {url}: {fetched.error}.")
    try:
        return json.loads(fetched.content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        kind = fetched.content_type.split(";")[0] or "something else"
        raise FeedError(f"{url} did not answer with JSON (it sent {kind}). Is this an Open Referral API?") from None


def services_page(base: str, page: int) -> Json:
    """One page of the feed's /services in full. Raises FeedError."""
    query = urlencode({"full": "true", "per_page": PER_PAGE, "page": page})
    body = get_json(f"{base}/services?{query}")
    contents = body.get("contents") if isinstance(body, dict) else None
    if not isinstance(contents, list):
        raise FeedError(f"{base}/services did not send a list of services (no 'contents').")
    return cast(Json, body)


def fetch_all(fetch: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
    """`fetch` of each item, in order, FETCHES at a time (a feed's pages wait on the network and its server): the
    first FeedError stops the rest and is raised."""
    pool = ThreadPoolExecutor(max_workers=FETCHES)
    try:
        return list(pool.map(fetch, items))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_feed(base: str) -> tuple[str, list[Json]]:
    """(the feed's version, every service record in full). Raises FeedError.

    After the first page, which says how many there are, the rest are read a few at a time; a feed that does not
    say is read page by page until one says it is the last (or is empty)."""
    details = get_json(f"{base}/")
    version = details.get("version") if isinstance(details, dict) else None
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        raise FeedError(
            f"{base}/ says it is version {version!r}; this importer reads Open Referral UK 3.0 (HSDS-UK-3.0) only."
        )
    too_many = FeedError(f"{base}/services has more than {MAX_PAGES} pages of {PER_PAGE}; import it in parts.")
    first = services_page(base, 1)
    records: list[Json] = list(first["contents"])
    total_pages = first.get("total_pages")
    more = bool(first["contents"]) and first.get("last_page") is not True
    if more and isinstance(total_pages, int) and not isinstance(total_pages, bool):
        if total_pages > MAX_PAGES:
            raise too_many
        for body in fetch_all(lambda page: services_page(base, page), range(2, total_pages + 1)):
            records += body["contents"]
    elif more:
        for page in range(2, MAX_PAGES + 1):
            body = services_page(base, page)
            records += body["contents"]
            if not body["contents"] or body.get("last_page") is True:
                break
        else:
            raise too_many
    # A feed that ignores `full` sends one-to-one fields only: read each of those services in full.
    brief = [
        index
        for index, record in enumerate(records)
        if isinstance(record, dict)
        and "id" in record
        and not any(key in record for key in ("service_at_locations", "contacts", "attributes"))
    ]
    details = fetch_all(lambda index: get_json(f"{base}/services/{records[index]['id']}"), brief)
    for index, detail in zip(brief, details, strict=True):
        if isinstance(detail, dict):
            records[index] = detail
    return version, records


# Checking and mapping a record ---------------------------------------------------------------------------------------


def _list(record: Json, key: str, reasons: list[str]) -> list[Json]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        reasons.append(f"'{key}' is not a list of objects")
        return []
    return value


def _text(value: Any, limit: int | None = None) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text[:limit] if limit else text


def _lines(value: Any) -> str:
    return (
        "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
        if isinstance(value, str)
        else ""
    )


def _age(value: Any, name: str, reasons: list[str], notes: list[str]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        reasons.append(f"{name} is not a number")
        return None
    try:
        number = int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        reasons.append(f"{name} is not a number")
        return None
    if not MIN_AGE <= number <= MAX_AGE:
        notes.append(
            f"{name} {number} is outside {MIN_AGE} to {MAX_AGE}: taken as {min(max(number, MIN_AGE), MAX_AGE)}"
        )
        number = min(max(number, MIN_AGE), MAX_AGE)
    return number


def _email(value: Any) -> str:
    text = _text(value, 254)
    try:
        EmailValidator()(text)
    except ValidationError:
        return ""
    return text


def _url(value: Any) -> str:
    text = _text(value, 200)
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return ""
    return text


def _coordinate(value: Any, limit: int) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None
    return number if -limit <= number <= limit else None


@dataclass
class Terms:
    """What a record's taxonomy terms mean here."""

    need_types: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    fixed: dict[str, set[str]] = field(default_factory=dict)  # kind -> values
    unmapped: list[dict[str, str]] = field(default_factory=list)


class TermResolver:
    """Maps a feed's terms: ours by id, then the officers' mapping table, filling it in as it meets new terms."""

    def __init__(self, source: str):
        self.source = source
        self.need_by_uuid = {row.uuid: row.slug for row in NeedType.objects.all()}
        self.need_by_name = {row.name.lower(): row for row in NeedType.objects.all()}
        self.category_by_uuid = {row.uuid: row.slug for row in ServiceCategory.objects.all()}
        self.category_by_name = {row.name.lower(): row for row in ServiceCategory.objects.all()}
        self.areas_by_uuid = set(AreaOfNeed.objects.values_list("uuid", flat=True))
        self.area_names = {name.lower() for name in AreaOfNeed.objects.values_list("name", flat=True)}
        self.mappings = {
            row.external_id: row
            for row in TermMapping.objects.filter(source_url=source).select_related("need_type", "category")
        }

    def resolve(self, attributes: Iterable[Json]) -> Terms:
        terms = Terms()
        for item in attributes:
            raw = item.get("taxonomy_term")
            term: Json = raw if isinstance(raw, dict) else {}
            external_id = str(term.get("id") or item.get("taxonomy_term_id") or "")[:200]
            if not external_id:
                continue
            self._add(terms, external_id, _text(term.get("name"), 255), _text(term.get("taxonomy"), 255))
        return terms

    def _add(self, terms: Terms, external_id: str, name: str, taxonomy: str) -> None:
        try:
            as_uuid: UUID | None = UUID(external_id)
        except ValueError:
            as_uuid = None
        fixed = FIXED_BY_ID.get(as_uuid) if as_uuid else None
        if fixed is not None:
            terms.fixed.setdefault(fixed.kind, set()).add(fixed.value)
            return
        if as_uuid in self.need_by_uuid:
            terms.need_types.add(self.need_by_uuid[as_uuid])
            return
        if as_uuid in self.category_by_uuid:
            terms.categories.add(self.category_by_uuid[as_uuid])
            return
        if as_uuid in self.areas_by_uuid:
            return  # an area of need: implied by the need types
        mapping = self.mappings.get(external_id)
        if mapping is None:
            mapping = self._new_mapping(external_id, name, taxonomy)
            self.mappings[external_id] = mapping
        if mapping.need_type:
            terms.need_types.add(mapping.need_type.slug)
        elif mapping.category:
            terms.categories.add(mapping.category.slug)
        elif mapping.fixed:
            kind, _, value = mapping.fixed.partition(":")
            terms.fixed.setdefault(kind, set()).add(value)
        elif not mapping.ignore:
            terms.unmapped.append({"id": external_id, "name": mapping.name, "taxonomy": mapping.taxonomy})

    def _new_mapping(self, external_id: str, name: str, taxonomy: str) -> TermMapping:
        """A term met for the first time: mapped at once when its name is exactly one of ours, else left for an
        officer (saved when the run's writes are)."""
        key = name.lower()
        return TermMapping(
            source_url=self.source,
            external_id=external_id,
            name=name or external_id,
            taxonomy=taxonomy,
            need_type=self.need_by_name.get(key),
            category=self.category_by_name.get(key) if key not in self.need_by_name else None,
            ignore=key in self.area_names,  # an area of need: implied by the need types
        )

    def save_new(self) -> None:
        for mapping in self.mappings.values():
            if mapping.pk is None:
                mapping.save()


@dataclass
class Incoming:
    """A record turned into what our service page holds; `state()` is what is compared and hashed."""

    external_id: str
    fields: dict[str, Any]
    organisation: dict[str, str] | None
    need_types: list[str]
    categories: list[str]
    contacts: list[dict[str, str]]
    venues: list[dict[str, Any]]

    def state(self) -> Json:
        return {
            "fields": self.fields,
            "organisation": self.organisation["name"] if self.organisation else "",
            "need_types": self.need_types,
            "categories": self.categories,
            "contacts": self.contacts,
            "venues": self.venues,
        }


def digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def split_description(text: str) -> tuple[str, str]:
    """(summary of at most 300 characters, the rest as rich text): the first paragraph is the summary."""
    text = (text or "").strip()
    first, _, rest = text.partition("\n\n")
    first = " ".join(first.split())
    if len(first) > 300:
        cut = first[:297].rsplit(" ", 1)[0]
        rest, first = text, f"{cut}..."
    paragraphs = [" ".join(line.split()) for line in rest.splitlines() if line.strip()]
    return first, "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def check_and_map(
    record: Any, resolver: TermResolver, base: str, area: str
) -> tuple[Incoming | None, list[str], list[str], Terms]:
    """(what the record becomes, or None; why it cannot be imported; notes; its terms)."""
    reasons: list[str] = []
    notes: list[str] = []
    if not isinstance(record, dict):
        return None, ["the record is not an object"], notes, Terms()
    external_id = record.get("id")
    if not isinstance(external_id, str | int) or not str(external_id).strip():
        reasons.append("it has no id")
    name = _text(record.get("name"), 255)
    if not name:
        reasons.append("it has no name")
    status = record.get("status", "active")
    if status != "active":
        reasons.append(f"its status is {status!r}, not 'active'")
    for key in ("description", "eligibility_description", "application_process"):
        if record.get(key) is not None and not isinstance(record.get(key), str):
            reasons.append(f"'{key}' is not text")
    min_age = _age(record.get("minimum_age"), "minimum_age", reasons, notes)
    max_age = _age(record.get("maximum_age"), "maximum_age", reasons, notes)
    if min_age is not None and max_age is not None and min_age > max_age:
        reasons.append(f"minimum_age {min_age} is more than maximum_age {max_age}")
    lists = {
        key: _list(record, key, reasons)
        for key in ("attributes", "contacts", "service_at_locations", "schedules", "cost_options", "languages")
    }
    organisation = record.get("organization")
    if organisation is not None and not isinstance(organisation, dict):
        reasons.append("'organization' is not an object")
        organisation = None
    assured = record.get("assured_date")
    last_reviewed: date | None = None
    if isinstance(assured, str) and assured:
        try:
            last_reviewed = date.fromisoformat(assured[:10])
        except ValueError:
            notes.append(f"assured_date {assured!r} is not a date: left out")
    if reasons:
        return None, reasons, notes, Terms()

    terms = resolver.resolve(lists["attributes"])
    summary, description = split_description(record.get("description") or "")
    tiers = sorted(terms.fixed.get(TIER, set()))
    if not tiers:
        notes.append("no tier: taken as universal")
    areas = sorted(terms.fixed.get(AREA, set()))
    access = terms.fixed.get(ACCESS_ROUTE, set())
    delivery = terms.fixed.get(DELIVERY_KIND, set())
    cost: str = Cost.FREE
    cost_details = ""
    if lists["cost_options"]:
        option = lists["cost_options"][0]
        label = _text(option.get("option")).lower()
        amount = option.get("amount")
        cost = COSTS_BY_LABEL.get(label) or (
            Cost.FREE
            if amount in (0, "0")
            else Cost.CHARGED
            if isinstance(amount, int | float) and amount > 0
            else Cost.SOME
        )
        cost_details = _lines(option.get("amount_description"))
    languages = ", ".join(_text(item.get("name")) for item in lists["languages"] if _text(item.get("name")))
    fields = {
        "title": name,
        "summary": summary or name,
        "description": description,
        "tier": tiers[0] if tiers else Tier.UNIVERSAL,
        "min_age": min_age,
        "max_age": max_age,
        "eligibility": _lines(record.get("eligibility_description")) or DEFAULT_ELIGIBILITY,
        "access_steps": _lines(record.get("application_process")) or DEFAULT_ACCESS_STEPS,
        "cost": cost,
        "cost_details": cost_details,
        "area": areas[0] if areas else area,
        "languages": languages[:255],
        "last_reviewed": last_reviewed.isoformat() if last_reviewed else None,
        **{name: name in access for name in ACCESS_FIELDS},
        **{name: name in delivery for name in DELIVERY_FIELDS},
    }
    if not access:
        fields["other_route"] = True  # the steps say how
    if not delivery:
        fields["delivery_in_person"] = True

    own_site = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    contacts = []
    for item in lists["contacts"]:
        raw_phones = item.get("phones")
        phones: list[Any] = raw_phones if isinstance(raw_phones, list) else []
        phone = next((_text(p.get("number"), 40) for p in phones if isinstance(p, dict) and p.get("number")), "")
        contacts.append(
            {
                "name": _text(item.get("name") or item.get("title"), 200) or "Contact",
                "phone": phone,
                "email": _email(item.get("email")),
                "website": "",
            }
        )
    website = _url(record.get("url"))
    if website and website.startswith(own_site):
        website = ""  # a page of the other directory, not the service's own website
    email = _email(record.get("email"))
    if not contacts and (website or email):
        contacts.append({"name": "Enquiries", "phone": "", "email": email, "website": ""})
    if website and contacts:
        contacts[0]["website"] = website

    schedules: dict[str, list[str]] = {}
    for item in lists["schedules"]:
        text = _lines(item.get("description"))
        if text:
            schedules.setdefault(str(item.get("service_at_location_id") or ""), []).append(text)
    venues = []
    for item in lists["service_at_locations"]:
        raw_location = item.get("location")
        location: Json = raw_location if isinstance(raw_location, dict) else {}
        raw_addresses = location.get("addresses")
        addresses = [a for a in raw_addresses if isinstance(a, dict)] if isinstance(raw_addresses, list) else []
        address: Json = addresses[0] if addresses else {}
        lines = [_text(address.get(key)) for key in ("address_1", "address_2", "city")]
        flags = {name: False for name, _label in ServiceVenue.ACCESSIBILITY}
        other = []
        features = location.get("accessibility")
        for feature in features if isinstance(features, list) else []:
            if not isinstance(feature, dict):
                continue
            label = _text(feature.get("accessibility") or feature.get("description"))
            if label.lower() in ACCESSIBILITY_BY_LABEL:
                flags[ACCESSIBILITY_BY_LABEL[label.lower()]] = True
            elif _lines(feature.get("details") or feature.get("description")):
                other.append(_lines(feature.get("details") or feature.get("description")))
        times = schedules.get(str(item.get("id") or ""), [])
        if not times and len(lists["service_at_locations"]) == 1:
            times = schedules.get("", [])
        venues.append(
            {
                "name": _text(location.get("name"), 200) or _text(address.get("address_1"), 200) or "Venue",
                "address": "\n".join(line for line in lines if line),
                "postcode": _text(address.get("postal_code"), 10).upper(),
                "latitude": str(_coordinate(location.get("latitude"), 90) or "") or None,
                "longitude": str(_coordinate(location.get("longitude"), 180) or "") or None,
                "opening_times": "\n".join(times),
                **flags,
                "accessibility_notes": "\n".join(other),
            }
        )
    org = None
    if organisation and _text(organisation.get("name")):
        org = {
            "name": _text(organisation.get("name"), 200),
            "website": _url(organisation.get("website")),
            "provider_type": PROVIDER_TYPES_BY_LABEL.get(_text(organisation.get("description")).lower(), "other"),
        }
    incoming = Incoming(
        str(external_id).strip()[:200],
        fields,
        org,
        sorted(terms.need_types),
        sorted(terms.categories),
        contacts,
        venues,
    )
    return incoming, [], notes, terms


# Our pages, read the same way ----------------------------------------------------------------------------------------


VENUE_FIELDS = (
    ["name", "address", "postcode", "latitude", "longitude", "opening_times"]
    + [name for name, _label in ServiceVenue.ACCESSIBILITY]
    + ["accessibility_notes"]
)


def page_state(page: ServicePage) -> Json:
    """What the import manages on a page, in the shape of `Incoming.state()`, from the page as given (the latest
    revision's object, so a draft edit counts as an edit)."""
    fields = {
        "title": page.title,
        "summary": page.summary,
        "description": page.description,
        "tier": page.tier,
        "min_age": page.min_age,
        "max_age": page.max_age,
        "eligibility": page.eligibility,
        "access_steps": page.access_steps,
        "cost": page.cost,
        "cost_details": page.cost_details,
        "area": page.area,
        "languages": page.languages,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        **{name: getattr(page, name) for name in ACCESS_FIELDS + DELIVERY_FIELDS},
    }
    venues = []
    for venue in page.venues.all():
        data = {name: getattr(venue, name) for name in VENUE_FIELDS}
        for name in ("latitude", "longitude"):
            data[name] = (
                str(Decimal(data[name]).quantize(Decimal("0.000001"))) if data[name] not in (None, "") else None
            )
        venues.append(data)
    return {
        "fields": fields,
        "organisation": page.organisation.name if page.organisation else "",
        "need_types": sorted(need.slug for need in page.need_types.all()),
        "categories": sorted(category.slug for category in page.categories.all()),
        "contacts": [
            {"name": c.name, "phone": c.phone, "email": c.email, "website": c.website} for c in page.contacts.all()
        ],
        "venues": venues,
    }


def latest(page: ServicePage) -> ServicePage:
    latest_object = page.get_latest_revision_as_object()
    return latest_object if isinstance(latest_object, ServicePage) else page


class Lookups:
    """Our organisations, need types and categories, read once a run (an organisation the feed names that we do not
    have is made when first met)."""

    def __init__(self) -> None:
        self.organisations = {org.name: org for org in Organisation.objects.all()}
        self.need_types = {need.slug: need for need in NeedType.objects.all()}
        self.categories = {category.slug: category for category in ServiceCategory.objects.all()}

    def organisation(self, data: dict[str, str] | None) -> Organisation | None:
        if not data:
            return None
        if data["name"] not in self.organisations:
            self.organisations[data["name"]] = Organisation.objects.get_or_create(
                name=data["name"], defaults={"website": data["website"], "provider_type": data["provider_type"]}
            )[0]
        return self.organisations[data["name"]]


def field_values(incoming: Incoming) -> dict[str, Any]:
    return {
        name: date.fromisoformat(value) if name == "last_reviewed" and value else value
        for name, value in incoming.fields.items()
    }


def new_service(incoming: Incoming, lookups: Lookups) -> NewService:
    return NewService(
        fields=field_values(incoming),
        organisation=lookups.organisation(incoming.organisation),
        need_types=[lookups.need_types[slug] for slug in incoming.need_types if slug in lookups.need_types],
        categories=[lookups.categories[slug] for slug in incoming.categories if slug in lookups.categories],
        venues=[ServiceVenue(**data) for data in incoming.venues],
        contacts=[ServiceContact(**data) for data in incoming.contacts],
    )


def apply(page: ServicePage, incoming: Incoming, lookups: Lookups) -> None:
    """Write what the feed says onto `page` (unsaved), keeping the ids of venues and contacts it already has."""
    for name, value in field_values(incoming).items():
        setattr(page, name, value)
    page.organisation = lookups.organisation(incoming.organisation)
    page.need_types = [lookups.need_types[slug] for slug in incoming.need_types if slug in lookups.need_types]
    page.categories = [lookups.categories[slug] for slug in incoming.categories if slug in lookups.categories]
    old_contacts = list(page.contacts.all())
    page.contacts = [  # type: ignore[misc]
        _reuse(old_contacts, i, ServiceContact, {**data, "sort_order": i}) for i, data in enumerate(incoming.contacts)
    ]
    old_venues = list(page.venues.all())
    page.venues = [  # type: ignore[misc]
        _reuse(old_venues, i, ServiceVenue, {**data, "sort_order": i}) for i, data in enumerate(incoming.venues)
    ]


def _reuse(old: list[Any], index: int, model: type[Any], data: dict[str, Any]) -> Any:
    item = old[index] if index < len(old) else model()
    for name, value in data.items():
        setattr(item, name, value)
    return item


def current_states(page_ids: list[int]) -> dict[int, Json]:
    """{page id: `page_state` of its latest revision}, read in a few queries for many pages: a page with no
    unpublished changes is its latest revision; only a page with a draft is read from its revision."""
    states: dict[int, Json] = {}
    for start in range(0, len(page_ids), 500):
        pages = (
            ServicePage.objects.filter(pk__in=page_ids[start : start + 500])
            .select_related("organisation")
            .prefetch_related("venues", "contacts", "need_types", "categories")
        )
        for page in pages:
            states[page.pk] = page_state(latest(page) if page.has_unpublished_changes else page)
    return states


# The run -----------------------------------------------------------------------------------------------------------


@dataclass
class Checked:
    """A record that passed the checks, waiting to be written."""

    incoming: Incoming
    record: Json
    rid: str
    label: str


def import_feed_url(
    url: str,
    area: str = Area.OUTSIDE,
    user: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the feed at `url`; returns the report. Raises FeedError (nothing written) if the feed cannot be read.

    Records already imported are compared with their pages in bulk and updated one by one (Wagtail's own
    save_revision and publish: few change from one run to the next); new ones are created in bulk (bulk.py)."""
    base = feed_base(url)
    report = ImportReport(source=base)
    version, records = read_feed(base)
    report.version = version
    report.records = len(records)
    directory = DirectoryPage.objects.first()
    if directory is None:
        raise FeedError("There is no service directory page to import services into. Make one first.")
    now = timezone.now()
    report.imported_at = now.isoformat()
    unmapped: dict[str, dict[str, str]] = {}
    with transaction.atomic():
        resolver = TermResolver(base)
        lookups = Lookups()
        known = {item.external_id: item for item in ImportedService.objects.filter(source_url=base)}
        seen: set[str] = set()
        checked: list[Checked] = []
        for record in records:
            incoming, reasons, notes, terms = check_and_map(record, resolver, base, area)
            label = _text(record.get("name")) if isinstance(record, dict) else ""
            rid = str(record.get("id")) if isinstance(record, dict) else "?"
            for item in terms.unmapped:
                unmapped.setdefault(item["id"], item)
            if incoming is not None and incoming.external_id in seen:
                reasons = ["the feed sends this id twice; the first was imported"]
                incoming = None
            if incoming is None:
                report.rejected.append({"id": rid[:200], "name": label, "reasons": reasons})
                continue
            seen.add(incoming.external_id)
            report.notes += [f"{incoming.fields['title']}: {note}" for note in notes]
            checked.append(Checked(incoming, record, rid, label))
        for one in checked:  # made here, outside the savepoints below, so a record refused leaves none half-made
            lookups.organisation(one.incoming.organisation)
        done = len(records) - len(checked)
        states = current_states(
            [known[one.incoming.external_id].page_id for one in checked if one.incoming.external_id in known]
        )
        new: list[Checked] = []
        for one in checked:
            existing = known.get(one.incoming.external_id)
            if existing is None:
                new.append(one)
                continue
            try:  # a savepoint only around a page that is written (update's own): most records are unchanged
                outcome = update(one, existing, states[existing.page_id], lookups, user, now)
            except (ValidationError, DatabaseError, ValueError) as error:
                report.rejected.append({"id": one.rid[:200], "name": one.label, "reasons": [f"not saved: {error}"]})
            else:
                getattr(report, outcome[0]).append(outcome[1])
            done += 1
            if progress:
                progress(done, len(records))
        for start in range(0, len(new), BATCH):
            create(directory, base, new[start : start + BATCH], lookups, user, now, report)
            done += len(new[start : start + BATCH])
            if progress:
                progress(done, len(records))
        resolver.save_new()
        gone = [item.page_id for external_id, item in known.items() if external_id not in seen]
        report.no_longer_in_feed = sorted(ServicePage.objects.filter(pk__in=gone).values_list("title", flat=True))
    report.unmapped_terms = sorted(unmapped.values(), key=lambda item: (item["taxonomy"], item["name"]))
    return report


def create(
    directory: DirectoryPage,
    base: str,
    items: list[Checked],
    lookups: Lookups,
    user: Any,
    now: Any,
    report: ImportReport,
) -> None:
    """Create a batch of new services in bulk; if the database refuses the batch, one by one, so the record it
    refuses is rejected alone."""
    try:
        with transaction.atomic():
            pages, refusals = create_services(
                directory, [new_service(item.incoming, lookups) for item in items], user=user, now=now
            )
    except (ValidationError, DatabaseError, ValueError):
        pages, refusals = [], []
        for item in items:
            try:
                with transaction.atomic():
                    [page], [reasons] = create_services(
                        directory, [new_service(item.incoming, lookups)], user=user, now=now
                    )
            except (ValidationError, DatabaseError, ValueError) as error:
                page, reasons = None, [str(error)]
            pages.append(page)
            refusals.append(reasons)
    imported = []
    for item, page, reasons in zip(items, pages, refusals, strict=True):
        if page is None:
            report.rejected.append(
                {"id": item.rid[:200], "name": item.label, "reasons": [f"not saved: {reason}" for reason in reasons]}
            )
            continue
        report.created.append(page.title)
        imported.append(
            ImportedService(
                page=page,
                source_url=base,
                external_id=item.incoming.external_id,
                record_hash=digest(item.record),
                written_hash=digest(page_state(page)),
                imported_at=now,
            )
        )
    ImportedService.objects.bulk_create(imported)


def update(
    item: Checked, existing: ImportedService, current: Json, lookups: Lookups, user: Any, now: Any
) -> tuple[str, Any]:
    """Update or leave one page imported before; returns (the report list it goes in, what to put there)."""
    incoming = item.incoming
    wanted = digest(incoming.state())
    record_hash = digest(item.record)
    title = incoming.fields["title"]
    edited_here = digest(current) != existing.written_hash
    if wanted == existing.written_hash:
        if existing.record_hash != record_hash:
            ImportedService.objects.filter(pk=existing.pk).update(record_hash=record_hash)
        return ("kept_local_edits" if edited_here else "unchanged", title)
    if edited_here:
        return (
            "conflicts",
            {
                "id": incoming.external_id,
                "name": title,
                "reason": "changed here since the last import and changed in the feed too: the page was left "
                "as it is. Compare them, make the page right, and the next import will leave it alone.",
            },
        )
    with transaction.atomic():  # a page the database refuses is rejected alone
        page = latest(ServicePage.objects.get(pk=existing.page_id))
        apply(page, incoming, lookups)
        page.save_revision(user=user, log_action=True).publish(user=user)
        ImportedService.objects.filter(pk=existing.pk).update(
            record_hash=record_hash,
            written_hash=digest(page_state(ServicePage.objects.get(pk=page.pk))),
            imported_at=now,
        )
    return ("updated", title)
