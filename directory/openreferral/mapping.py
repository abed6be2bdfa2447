"""Our services as Open Referral UK 3.0 objects (shared/oruk-3.0/schema): one function per object, from rows the
caller has already fetched (queries.py prefetches what each needs), so mapping a page of results asks nothing more.

Every object has an id that never changes: services, venues (each is a service_at_location, with the venue's id, at a
location whose id is derived from it), contacts, organisations and managed taxonomy terms have their own `uuid` column; what has no row of its
own (an address, a schedule, a cost option, a language, a phone, an accessibility feature, a taxonomy attribute) gets
an id derived from its owner's id and what it is (taxonomies.derived_id), so it is the same in every response.

What is published: only what the service page shows families. Contacts are the public team contacts kept on the
service; nothing else (no SENCO, provider or comment contact details) is read here. Fields the UK profile's files do
not list but HSDS 3.0 defines (a service's `eligibility_description` and `application_process`, a contact's `email`
and `phones`, a language's `name`) are sent with their HSDS 3.0 names: the schemas allow them.

A venue without a postcode is sent as a location without an address (an ORUK address needs a postal code); its name,
map position and accessibility still travel."""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cached_property
from html import unescape
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.html import strip_tags

from ..choices import Area, Cost
from ..services.models import ServiceContact, ServicePage, ServiceVenue
from ..taxonomy.models import Organisation
from .taxonomies import Taxonomy, Term, Vocabulary, derived_id, load_vocabulary

Json = dict[str, Any]

COST_NAMES = dict(Cost.choices)
AREA_NAMES = dict(Area.choices)
PROVIDER_TYPES = dict(Organisation.PROVIDER_TYPES)
BLOCK_END = re.compile(r"</(p|h\d|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def text_of(rich_text: str) -> str:
    """Plain text of rich text, a line per paragraph or list item."""
    text = unescape(strip_tags(BLOCK_END.sub("\n", rich_text or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def drop_empty(data: Json) -> Json:
    """Leave out optional fields we have nothing for (None or ""), rather than send nulls the schemas refuse."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


class Context:
    """What mapping needs beyond the rows: the request (for the services' web addresses) and the vocabulary (read
    the first time a full service needs its terms: a list of one-to-one fields costs no query for it)."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return load_vocabulary()

    def page_url(self, service: ServicePage) -> str | None:
        url = service.get_full_url(self.request)
        return str(url) if url else None


# Taxonomies ------------------------------------------------------------------------------------------------------


def taxonomy(item: Taxonomy, terms: Iterable[Term] | None = None) -> Json:
    data: Json = {"id": str(item.id), "name": item.name, "description": item.description}
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term(term) for term in terms]
    return data


def taxonomy_term(term: Term) -> Json:
    return drop_empty(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description or term.name,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.id),
            "term": term.value,
        }
    )


def attribute(owner_id: UUID, link_type: str, term: Term) -> Json:
    return {
        "id": str(derived_id("attribute", owner_id, term.id)),
        "link_id": str(owner_id),
        "link_type": link_type,
        "taxonomy_term_id": str(term.id),
        "taxonomy_term": taxonomy_term(term),
    }


# Organisations -----------------------------------------------------------------------------------------------------


def organization(org: Organisation) -> Json:
    return drop_empty(
        {
            "id": str(org.uuid),
            "name": org.name,
            # The standard requires a description; ours say what kind of provider they are (SEND Regulations).
            "description": PROVIDER_TYPES.get(org.provider_type, ""),
            "website": org.website,
        }
    )


# Services ----------------------------------------------------------------------------------------------------------


def _first_email(contacts: list[ServiceContact]) -> str:
    return next((contact.email for contact in contacts if contact.email), "")


def _website(service: ServicePage, contacts: list[ServiceContact], ctx: Context) -> str | None:
    """The service's own website when a contact gives one, else its page in this Local Offer."""
    return next((contact.website for contact in contacts if contact.website), None) or ctx.page_url(service)


def minimal_service(service: ServicePage) -> Json:
    return drop_empty(
        {
            "id": str(service.uuid),
            "name": service.title,
            "status": "active",
            "last_modified": timestamp(service.last_published_at),
        }
    )


def service(service: ServicePage, ctx: Context, full: bool = False) -> Json:
    """A service: its one-to-one fields (and its organisation) in lists; with `full`, everything nested."""
    contacts = list(service.contacts.all())
    description = "\n\n".join(part for part in (service.summary, text_of(service.description)) if part)
    data = drop_empty(
        {
            "id": str(service.uuid),
            "organization_id": str(service.organisation.uuid) if service.organisation else None,
            "name": service.title,
            "description": description,
            "url": _website(service, contacts, ctx),
            "email": _first_email(contacts),
            # Only services the public can see are ever sent, so every one is active.
            "status": "active",
            "minimum_age": service.min_age,
            "maximum_age": service.max_age,
            "eligibility_description": service.eligibility,
            "application_process": service.access_steps,
            "assured_date": service.last_reviewed.isoformat() if isinstance(service.last_reviewed, date) else None,
            "last_modified": timestamp(service.last_published_at),
        }
    )
    if service.organisation:
        data["organization"] = organization(service.organisation)
    if not full:
        return data
    venues = list(service.venues.all())
    data["schedules"] = [schedule for venue in venues for schedule in venue_schedules(service, venue)]
    data["service_areas"] = [
        {
            "id": str(derived_id("service_area", service.uuid)),
            "service_id": str(service.uuid),
            "name": AREA_NAMES.get(service.area, service.area),
        }
    ]
    data["service_at_locations"] = [service_at_location(service, venue, ctx, full=True) for venue in venues]
    data["languages"] = languages(service)
    data["cost_options"] = [cost_option(service)]
    data["contacts"] = [contact(service, item) for item in contacts]
    terms = ctx.vocabulary.service_terms(
        service,
        [need.pk for need in service.need_types.all()],
        [category.pk for category in service.categories.all()],
    )
    data["attributes"] = [attribute(service.uuid, "service", term) for term in terms]
    return data


def languages(service: ServicePage) -> list[Json]:
    names: list[str] = []
    for name in re.split(r"[,;\n]| and ", service.languages or ""):
        name = name.strip()
        if name and name.lower() not in [seen.lower() for seen in names]:
            names.append(name)
    return [
        {"id": str(derived_id("language", service.uuid, name.lower())), "service_id": str(service.uuid), "name": name}
        for name in names
    ]


def cost_option(service: ServicePage) -> Json:
    return drop_empty(
        {
            "id": str(derived_id("cost_option", service.uuid)),
            "service_id": str(service.uuid),
            "option": COST_NAMES.get(service.cost, service.cost),
            "amount": 0 if service.cost == Cost.FREE else None,
            "amount_description": service.cost_details,
        }
    )


def contact(service: ServicePage, item: ServiceContact) -> Json:
    data = drop_empty({"id": str(item.uuid), "service_id": str(service.uuid), "name": item.name, "email": item.email})
    if item.phone:
        data["phones"] = [
            {"id": str(derived_id("phone", item.uuid)), "contact_id": str(item.uuid), "number": item.phone}
        ]
    return data


# Venues: locations and service_at_locations -------------------------------------------------------------------------


def location_id(venue: ServiceVenue) -> UUID:
    """A venue is a service_at_location (its own id) at a location of its own (an id derived from it)."""
    return derived_id("location", venue.uuid)


def venue_schedules(service: ServicePage, venue: ServiceVenue) -> list[Json]:
    if not venue.opening_times:
        return []
    return [
        {
            "id": str(derived_id("schedule", venue.uuid)),
            "service_id": str(service.uuid),
            "service_at_location_id": str(venue.uuid),
            "description": venue.opening_times,
        }
    ]


def address(venue: ServiceVenue) -> Json | None:
    """The venue's postal address, or None without a postcode (the standard requires one)."""
    postcode = " ".join(venue.postcode.upper().split())
    if not postcode:
        return None
    lines = [line.strip(" ,") for line in venue.address.splitlines() if line.strip(" ,")]
    data: Json = {
        "id": str(derived_id("address", venue.uuid)),
        "location_id": str(location_id(venue)),
        "address_1": lines[0] if lines else venue.name,
        # Required by the standard; a UK address has no state and our venues keep the town as their last line.
        "city": lines[-1] if len(lines) > 1 else "",
        "state_province": "",
        "postal_code": postcode,
        "country": "GB",
        "address_type": "physical",
    }
    if len(lines) > 2:
        data["address_2"] = ", ".join(lines[1:-1])
    return data


def accessibility(venue: ServiceVenue) -> list[Json]:
    items = [
        {
            "id": str(derived_id("accessibility", venue.uuid, name)),
            "location_id": str(location_id(venue)),
            "accessibility": label,
            "description": label,
        }
        for name, label in ServiceVenue.ACCESSIBILITY
        if getattr(venue, name)
    ]
    if venue.accessibility_notes:
        items.append(
            {
                "id": str(derived_id("accessibility", venue.uuid, "notes")),
                "location_id": str(location_id(venue)),
                "description": venue.accessibility_notes,
                "details": venue.accessibility_notes,
            }
        )
    return items


def location(venue: ServiceVenue, full: bool = True) -> Json:
    data = drop_empty(
        {
            "id": str(location_id(venue)),
            "location_type": "physical",
            "name": venue.name,
            "latitude": number(venue.latitude),
            "longitude": number(venue.longitude),
        }
    )
    if full:
        venue_address = address(venue)
        data["addresses"] = [venue_address] if venue_address else []
        data["accessibility"] = accessibility(venue)
    return data


def service_at_location(
    service_page: ServicePage, venue: ServiceVenue, ctx: Context, full: bool = False, with_service: bool = False
) -> Json:
    data: Json = {
        "id": str(venue.uuid),
        "service_id": str(service_page.uuid),
        "location_id": str(location_id(venue)),
        "location": location(venue, full=full or not with_service),
    }
    if with_service:
        data["service"] = service(service_page, ctx, full=full)
    return data
