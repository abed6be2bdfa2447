"""The Open Referral UK 3.0 API (HSDS-UK-3.0): our services as open data, read-only, for anyone, at
/api/openreferral/v3/ (shared/oruk-3.0/openapi.json lists the endpoints; README, "Open data", says what we send).

Built with django-ninja: it is what Wagtail 8's own API is built on (so it comes with Wagtail, at Wagtail's
version), it declares each query parameter once with its type and bounds (the same declaration checks a request and
writes our OpenAPI document, served beside the API at openapi.json), and it is typed, as the house asks of APIs.
Responses are built by mapping.py as plain JSON, not validated again on the way out: the tests check them against the
standard's own schemas, and a page of 50 full services stays cheap.

Every response: `Access-Control-Allow-Origin: *` (urls.py adds it, to errors too), no key, JSON errors (400 with what
was wrong for a bad parameter, 404 for an unknown id), and an `ETag` (a hash of the body: exact), so a consumer polls
with If-None-Match and gets 304 Not Modified while nothing changed. No `Last-Modified`, and If-Modified-Since is not
honoured: a body depends on more than any date we keep (an organisation, need type or category renamed, a service
passing its expiry date), and a date that missed one of them answered 304 with the old body. HEAD is GET without the
body."""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from localoffer.search_words import clean_search_words

from ..places.forms import DEFAULT_DISTANCE
from ..places.geo import METRES_PER_MILE, Point
from ..places.postcodes import PostcodeError, lookup
from ..services.models import ServicePage, ServiceVenue
from . import mapping
from .queries import (
    ServiceFilters,
    paginate,
    service_ids,
    services_by_ids,
    venues_near,
    visible_organisations,
    visible_venues,
    with_related,
)
from .taxonomies import TAXONOMIES, TAXONOMIES_BY_ID, load_vocabulary

VERSION = "HSDS-UK-3.0"
MAX_PROXIMITY = 200_000  # metres (about 124 miles)
DEFAULT_PROXIMITY = round(DEFAULT_DISTANCE * METRES_PER_MILE)  # the directory's default distance
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
SCHEMA_BASE = "https://openreferraluk.org/specifications/3.0/schema/"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000  # also the default with `minimal`, which the standard asks to send in as few pages as it can
MAX_PAGE = 1_000_000
MAX_SEARCH_LENGTH = 200

api = NinjaAPI(
    title="Local Offer open data: Open Referral UK",
    version=VERSION,
    description="The services of this SEND Local Offer in the Open Referral UK 3.0 format (HSDS-UK-3.0). "
    "Read-only; no key; any origin. Lists take `page` and `per_page` (at most 1000); filters are ANDed.",
    urls_namespace="openreferral",
    docs_url=None,  # the interactive docs page loads scripts from a CDN, which the site's policy forbids
)


class BadRequest(HttpError):
    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(400, message)
        self.parameter = parameter


class NotFound(HttpError):
    def __init__(self, message: str):
        super().__init__(404, message)


def error_response(status: int, message: str, problems: list[dict[str, str]] | None = None) -> HttpResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if problems:
        body["problems"] = problems
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = [
        {"parameter": str(error.get("loc", ["", "?"])[-1]), "message": str(error.get("msg", "not valid"))}
        for error in exc.errors
    ]
    return error_response(400, "A query parameter is not valid.", problems)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    parameter = getattr(exc, "parameter", None)
    problems = [{"parameter": parameter, "message": str(exc)}] if parameter else None
    return error_response(exc.status_code, str(exc), problems)


def respond(request: HttpRequest, payload: Any) -> HttpResponse:
    """JSON with an exact ETag, and 304 when the consumer already has it (If-None-Match). No Last-Modified: with no
    date, Django never answers If-Modified-Since with 304, so only the body itself decides."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified or HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    return response


def parse_id(value: str, what: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise NotFound(f"No {what} has the id {value[:60]!r}.") from None


def clean_search(search: str | None) -> str:
    words = clean_search_words(search or "")
    if len(words) > MAX_SEARCH_LENGTH:
        raise BadRequest(f"search must be {MAX_SEARCH_LENGTH} characters or fewer.", "search")
    return words


def check_format(format: str | None) -> None:
    if format not in (None, "", "json"):
        raise BadRequest("Only format=json is supported.", "format")


def page_size(per_page: int | None, minimal: bool = False) -> int:
    return per_page or (MAX_PER_PAGE if minimal else DEFAULT_PER_PAGE)


def make_aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def schema_ref(name: str, description: str) -> dict[str, Any]:
    """Our OpenAPI document says which of the standard's schemas each response follows."""
    content = {"application/json": {"schema": {"$ref": f"{SCHEMA_BASE}{name}.json"}}}
    return {"responses": {"200": {"description": description, "content": content}}}


Page = Query(1, ge=1, le=MAX_PAGE, description="Page number of paginated result.")
PerPage = Query(None, ge=1, le=MAX_PER_PAGE, description="Number of results requested in a single page.")
Search = Query(None, description="Full text search.")
Format = Query(None, description="Only `json` is supported.")


# The endpoints ---------------------------------------------------------------------------------------------------


@api.get("/", tags=["required"], openapi_extra=schema_ref("api_details", "Information about this API."))
def api_details(request: HttpRequest) -> HttpResponse:
    openapi_url = request.build_absolute_uri(reverse("openreferral:openapi-json"))
    return respond(request, {"version": VERSION, "profile": PROFILE_URL, "openapi_url": openapi_url})


@api.get("/services", tags=["required"], openapi_extra=schema_ref("service_list", "A page of services."))
def services(
    request: HttpRequest,
    search: str | None = Search,
    page: int = Page,
    per_page: int | None = PerPage,
    format: str | None = Format,
    taxonomy_term_id: UUID | None = None,
    taxonomy_id: UUID | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
    minimal: bool = False,
    full: bool = False,
) -> HttpResponse:
    check_format(format)
    filters = ServiceFilters(
        clean_search(search), taxonomy_term_id, taxonomy_id, organization_id, make_aware(modified_after)
    )
    ids = service_ids(filters)
    window = paginate(ids, page, page_size(per_page, minimal))
    items = services_by_ids(window.items, full=full, minimal=minimal)
    ctx = mapping.Context(request)
    if minimal:
        contents = [mapping.minimal_service(item) for item in items]
    else:
        contents = [mapping.service(item, ctx, full=full) for item in items]
    return respond(request, window.envelope(contents))


@api.get("/services/{id}", tags=["required"], openapi_extra=schema_ref("service", "A service, fully nested."))
def service(request: HttpRequest, id: str) -> HttpResponse:
    uuid = parse_id(id, "service")
    item = with_related(ServicePage.objects.visible().filter(uuid=uuid), full=True).first()
    if item is None:
        raise NotFound(f"No service has the id {id!r}.")
    ctx = mapping.Context(request)
    return respond(request, mapping.service(item, ctx, full=True))


@api.get(
    "/service_at_locations",
    tags=["optional"],
    openapi_extra=schema_ref("service_at_location_list", "A page of services at their locations."),
)
def service_at_locations(
    request: HttpRequest,
    search: str | None = Search,
    taxonomy_term_id: UUID | None = None,
    taxonomy_id: UUID | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
    full: bool = False,
    page: int = Page,
    per_page: int | None = PerPage,
    format: str | None = Format,
    postcode: str | None = Query(
        None,
        description="A full postcode (its centre) or the first half of one (the centre of that district): only "
        "venues within `proximity` metres of it, nearest first.",
    ),
    proximity: str | None = Query(
        None,
        description=f"With `postcode`: how far, in whole metres from 1 to {MAX_PROXIMITY:,} "
        f"(default {DEFAULT_PROXIMITY:,}, 5 miles, as the directory's search).",
    ),
) -> HttpResponse:
    check_format(format)
    near = near_point(postcode, proximity)
    filters = ServiceFilters(
        clean_search(search), taxonomy_term_id, taxonomy_id, organization_id, make_aware(modified_after)
    )
    venues = visible_venues(filters)
    size = page_size(per_page)
    if near is None:
        venues = with_related(venues.select_related("page"), full=full, prefix="page__")
        result = paginate(venues, page, size)
    else:
        pks = venues_near(venues, *near)
        result = paginate(pks, page, size)
        fetched = with_related(
            ServiceVenue.objects.filter(pk__in=result.items).select_related("page"), full=full, prefix="page__"
        ).in_bulk()
        result.items = [fetched[pk] for pk in result.items]
    ctx = mapping.Context(request)
    contents = [
        mapping.service_at_location(venue.page, venue, ctx, full=full, with_service=True) for venue in result.items
    ]
    return respond(request, result.envelope(contents))


def near_point(postcode: str | None, proximity: str | None) -> tuple[Point, float] | None:
    """(the postcode's centre, the distance in metres) for `postcode` and `proximity`, None without a postcode, or
    a 400: a postcode that is badly formed, unknown or no longer used (the directory's own messages), a proximity
    that is not a whole number of metres in range, or a proximity without a postcode."""
    if postcode is None or not postcode.strip():
        if proximity is not None and proximity.strip():
            raise BadRequest("proximity needs a postcode to measure from.", "proximity")
        return None
    try:
        place = lookup(postcode)
    except PostcodeError as error:
        raise BadRequest(f"postcode: {error.message}.", "postcode") from None
    text = (proximity or "").strip()
    if not text:
        return place.point, DEFAULT_PROXIMITY
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PROXIMITY:
        raise BadRequest(f"proximity must be a whole number of metres from 1 to {MAX_PROXIMITY}.", "proximity")
    return place.point, int(text)


@api.get(
    "/service_at_locations/{id}",
    tags=["optional"],
    openapi_extra=schema_ref("service_at_location", "A service at a location, fully nested."),
)
def service_at_location(request: HttpRequest, id: str) -> HttpResponse:
    uuid = parse_id(id, "service at location")
    venues = ServiceVenue.objects.filter(uuid=uuid, page__in=ServicePage.objects.visible().values("pk"))
    venue = with_related(venues.select_related("page"), full=True, prefix="page__").first()
    if venue is None:
        raise NotFound(f"No service at location has the id {id!r}.")
    ctx = mapping.Context(request)
    data = mapping.service_at_location(venue.page, venue, ctx, full=True, with_service=True)
    return respond(request, data)


@api.get("/organizations", tags=["optional"], openapi_extra=schema_ref("organization_list", "A page of organisations."))
def organizations(
    request: HttpRequest,
    search: str | None = Search,
    full_service: bool = False,
    full: bool = False,
    page: int = Page,
    per_page: int | None = PerPage,
    format: str | None = Format,
) -> HttpResponse:
    check_format(format)
    result = paginate(visible_organisations(clean_search(search)), page, page_size(per_page))
    contents = organisations_json(request, result.items, with_services=full or full_service, full_service=full_service)
    return respond(request, result.envelope(contents))


@api.get(
    "/organizations/{id}",
    tags=["optional"],
    openapi_extra=schema_ref("organization", "An organisation, with its services."),
)
def organization(request: HttpRequest, id: str, full_service: bool = False) -> HttpResponse:
    uuid = parse_id(id, "organization")
    found = list(visible_organisations().filter(uuid=uuid))
    if not found:
        raise NotFound(f"No organization has the id {id!r}.")
    data = organisations_json(request, found, with_services=True, full_service=full_service)[0]
    return respond(request, data)


def organisations_json(
    request: HttpRequest, organisations: list[Any], with_services: bool, full_service: bool
) -> list[dict[str, Any]]:
    """Organisations, each with its visible services (ids and names, or in full) when asked: one query for all."""
    contents = [mapping.organization(org) for org in organisations]
    if not with_services:
        return contents
    ctx = mapping.Context(request)
    services = ServicePage.objects.visible().filter(organisation__in=[org.pk for org in organisations])
    services = with_related(services, full=True) if full_service else services.select_related("organisation")
    by_org: dict[int, list[dict[str, Any]]] = {}
    for item in services.order_by("title", "pk"):
        if full_service:
            data = mapping.service(item, ctx, full=True)
        else:
            data = {"id": str(item.uuid), "name": item.title, "status": "active"}
        by_org.setdefault(item.organisation_id, []).append(data)
    for org, data in zip(organisations, contents, strict=True):
        data["services"] = by_org.get(org.pk, [])
    return contents


@api.get("/taxonomies", tags=["optional"], openapi_extra=schema_ref("taxonomy_list", "A page of taxonomies."))
def taxonomies(
    request: HttpRequest,
    search: str | None = Search,
    page: int = Page,
    per_page: int | None = PerPage,
    format: str | None = Format,
) -> HttpResponse:
    check_format(format)
    words = clean_search(search).lower()
    found = [item for item in TAXONOMIES if not words or words in item.name.lower()]
    result = paginate(found, page, page_size(per_page))
    return respond(request, result.envelope([mapping.taxonomy(item) for item in result.items]))


@api.get("/taxonomies/{id}", tags=["optional"], openapi_extra=schema_ref("taxonomy", "A taxonomy and its terms."))
def taxonomy(request: HttpRequest, id: str) -> HttpResponse:
    item = TAXONOMIES_BY_ID.get(parse_id(id, "taxonomy"))
    if item is None:
        raise NotFound(f"No taxonomy has the id {id!r}.")
    terms = [term for term in load_vocabulary().terms if term.taxonomy is item]
    return respond(request, mapping.taxonomy(item, terms))


@api.get("/taxonomy_terms", tags=["optional"], openapi_extra=schema_ref("taxonomy_term_list", "A page of terms."))
def taxonomy_terms(
    request: HttpRequest,
    search: str | None = Search,
    page: int = Page,
    per_page: int | None = PerPage,
    format: str | None = Format,
    taxonomy_id: UUID | None = None,
    top_only: bool = Query(False, description="Only terms with no parent (the top of each taxonomy)."),
    parent_id: UUID | None = None,
) -> HttpResponse:
    check_format(format)
    words = clean_search(search).lower()
    terms = [
        term
        for term in load_vocabulary().terms
        if (taxonomy_id is None or term.taxonomy.id == taxonomy_id)
        and (not top_only or term.parent_id is None)
        and (parent_id is None or term.parent_id == parent_id)
        and (not words or words in term.name.lower())
    ]
    result = paginate(terms, page, page_size(per_page))
    return respond(request, result.envelope([mapping.taxonomy_term(term) for term in result.items]))


@api.get("/taxonomy_terms/{id}", tags=["optional"], openapi_extra=schema_ref("taxonomy_term", "A taxonomy term."))
def taxonomy_term(request: HttpRequest, id: str) -> HttpResponse:
    term = load_vocabulary().by_id.get(parse_id(id, "taxonomy term"))
    if term is None:
        raise NotFound(f"No taxonomy term has the id {id!r}.")
    return respond(request, mapping.taxonomy_term(term))


def with_cors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Any origin may read the API (urls.py wraps every view with this, error pages included). A browser's
    preflight (OPTIONS, sent when a script adds If-None-Match) is answered here, and so is HEAD: django-ninja routes
    GET only, so HEAD is answered as GET (same status and headers, Content-Length the GET body's) without the body."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method == "HEAD":
            request.method = "GET"
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        elif request.method != "GET":
            response = error_response(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return error_response(404, "There is nothing at this address in the Open Referral API.")
