"""Which services, locations and organisations a request to the open data API asks for: the services the public may
see (ServicePage.objects.visible(), the one answer), filtered by the standard's query parameters, all ANDed, in a
stable order (name, then id), and cut into pages.

/services reads the directory's facet index (services/facet_index.py: the visible services, A to Z, as bitsets built
from visible(), with per-request expiry), as the directory's own results page does: a need type, area of need,
category, tier, delivery or area filter is a bitset, the keyword one query (services/search.py), and only the
filters the index does not hold (organisation, modified_after, the ways to get a service other than self-referral)
ask the database for their ids. So counting and paging cost no SQL scan of every service, whatever their number.
The other lists are querysets on visible().

The number of queries a page costs does not grow with the number of services or the page size: the page's rows and
one prefetch per related list, plus a fixed few."""

import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from ..places.geo import METRES_PER_MILE, Point, bounding_box, distance_metres
from ..services.facet_index import FacetIndex, get_index
from ..services.keywords import keyword_ids
from ..services.models import ServiceContact, ServicePage, ServiceVenue
from ..taxonomy.models import Organisation
from .taxonomies import (
    ACCESS,
    ACCESS_ROUTE,
    AREA,
    AREA_OF_NEED,
    AREAS,
    CATEGORIES,
    CATEGORY,
    DELIVERY,
    DELIVERY_METHODS,
    NEED_TYPE,
    SEND_NEEDS,
    TAXONOMIES_BY_ID,
    TIER,
    TIERS,
    Taxonomy,
    Term,
    find_term,
    taxonomy_q,
)

T = TypeVar("T")


@dataclass(frozen=True)
class ServiceFilters:
    search: str = ""
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    organization_id: UUID | None = None
    modified_after: datetime | None = None


def filter_services(queryset: QuerySet[ServicePage], filters: ServiceFilters) -> QuerySet[Any]:
    """The services of `queryset` that pass every filter given."""
    if filters.taxonomy_term_id is not None:
        term = find_term(filters.taxonomy_term_id)
        queryset = queryset.filter(term.service_q()) if term else queryset.none()
    if filters.taxonomy_id is not None:
        taxonomy = TAXONOMIES_BY_ID.get(filters.taxonomy_id)
        queryset = queryset.filter(taxonomy_q(taxonomy)) if taxonomy else queryset.none()
    if filters.organization_id is not None:
        queryset = queryset.filter(organisation__uuid=filters.organization_id)
    if filters.modified_after is not None:
        queryset = queryset.filter(last_published_at__gte=filters.modified_after)
    if filters.search:
        queryset = queryset.filter(pk__in=keyword_ids(filters.search))
    return queryset


# The facet index's group for each kind of term (facet_index.build); access routes but self-referral are not in it.
INDEX_GROUPS = {NEED_TYPE: "need", AREA_OF_NEED: "area_of_need", CATEGORY: "category", TIER: "tier", AREA: "area"}
TAXONOMY_GROUPS = {
    SEND_NEEDS: "need",
    CATEGORIES: "category",
    TIERS: "tier",
    AREAS: "area",
    DELIVERY_METHODS: "delivery",
}


def term_mask(index: FacetIndex, term: Term) -> int | None:
    """The services carrying `term` as a bitset, or None if the index does not hold it."""
    if term.kind in INDEX_GROUPS:
        return index.mask(INDEX_GROUPS[term.kind], term.value)
    if term.kind == DELIVERY:
        return index.mask("delivery", term.value.removeprefix("delivery_"))
    if term.kind == ACCESS_ROUTE and term.value == "self_referral":
        return index.mask("self_referral", "on")
    return None


def taxonomy_mask(index: FacetIndex, taxonomy: Taxonomy) -> int | None:
    group = TAXONOMY_GROUPS.get(taxonomy)
    if group is None:
        return None
    mask = 0
    for (name, _value), bits in index.masks.items():
        if name == group:
            mask |= bits
    return mask


def service_ids(filters: ServiceFilters) -> list[int]:
    """The ids of the visible services that pass every filter, in order (name, then id)."""
    index = get_index()
    mask = index.visible_mask()
    sql = Q()
    if filters.taxonomy_term_id is not None:
        term = find_term(filters.taxonomy_term_id)
        bits = term_mask(index, term) if term else 0
        if term is not None and bits is None:
            sql &= term.service_q()
        else:
            mask &= bits or 0
    if filters.taxonomy_id is not None:
        taxonomy = TAXONOMIES_BY_ID.get(filters.taxonomy_id)
        bits = taxonomy_mask(index, taxonomy) if taxonomy else 0
        if taxonomy is ACCESS:
            sql &= taxonomy_q(taxonomy)
        else:
            mask &= bits or 0
    if filters.organization_id is not None:
        sql &= Q(organisation__uuid=filters.organization_id)
    if filters.modified_after is not None:
        sql &= Q(last_published_at__gte=filters.modified_after)
    if filters.search and mask:
        mask &= index.mask_of_pks(keyword_ids(filters.search))
    if sql and mask:
        mask &= index.mask_of_pks(ServicePage.objects.visible().filter(sql).values_list("pk", flat=True))
    return [index.pks[i] for i in index.positions(mask)]


def services_by_ids(ids: list[int], full: bool, minimal: bool = False) -> list[ServicePage]:
    """These services (one page of them), in the order given, with what mapping reads."""
    queryset: QuerySet[Any] = ServicePage.objects.filter(pk__in=ids)
    if minimal:
        queryset = queryset.only("uuid", "title", "last_published_at")
    else:
        queryset = with_related(queryset, full=full)
    found = {service.pk: service for service in queryset}
    return [found[pk] for pk in ids if pk in found]


def with_related(queryset: QuerySet[Any], full: bool, prefix: str = "") -> QuerySet[Any]:
    """What mapping a service reads, fetched in a fixed number of queries whatever the page size."""
    queryset = queryset.select_related(f"{prefix}organisation")
    lookups: list[Any] = [Prefetch(f"{prefix}contacts", queryset=ServiceContact.objects.order_by("sort_order", "pk"))]
    if full:
        lookups += [
            Prefetch(f"{prefix}venues", queryset=ServiceVenue.objects.order_by("sort_order", "pk")),
            f"{prefix}need_types",
            f"{prefix}categories",
        ]
    return queryset.prefetch_related(*lookups)


def visible_venues(filters: ServiceFilters) -> QuerySet[Any]:
    """The venues (service_at_locations) of the visible services that pass the filters. The search matches the
    service (as /services does) or the venue's name, address or postcode."""
    search = filters.search
    services = filter_services(ServicePage.objects.visible(), replace(filters, search=""))
    venues: QuerySet[Any] = ServiceVenue.objects.filter(page__in=services.values("pk"))
    if search:
        venues = venues.filter(
            Q(page_id__in=keyword_ids(search))
            | Q(name__icontains=search)
            | Q(address__icontains=search)
            | Q(postcode__icontains=search)
        )
    return venues.order_by("page__title", "page_id", "sort_order", "pk")


def venues_near(venues: QuerySet[Any], centre: Point, metres: float) -> list[int]:
    """The ids of `venues` within `metres` of `centre`, nearest first. One query: the database answers a box around
    the centre from the venues' map positions, then the exact distance (directory/places, as the directory's own
    postcode search measures it) is worked out here. Venues with no map position are never near anything."""
    south, north, west, east = bounding_box(centre, metres / METRES_PER_MILE)
    rows = venues.filter(
        latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    ).values_list("pk", "latitude", "longitude")
    found: list[tuple[float, int, int]] = []
    for order, (pk, latitude, longitude) in enumerate(rows):
        distance = distance_metres(centre, Point(float(latitude), float(longitude)))
        if distance <= metres:
            found.append((distance, order, pk))
    return [pk for _distance, _order, pk in sorted(found)]


def visible_organisations(search: str = "") -> QuerySet[Organisation]:
    """Organisations that run at least one service the public can see; no other organisation is ever sent."""
    organisations = Organisation.objects.filter(pk__in=ServicePage.objects.visible().values("organisation_id"))
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations.order_by("name", "pk")


@dataclass
class Page(Generic[T]):
    items: list[T]
    total_items: int
    page_number: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total_items / self.per_page)

    def envelope(self, contents: list[Any]) -> dict[str, Any]:
        return {
            "total_items": self.total_items,
            "total_pages": self.total_pages,
            "page_number": self.page_number,
            "size": len(contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= self.total_pages,
            "empty": not contents,
            "contents": contents,
        }


def paginate(items: QuerySet[Any] | list[Any], page_number: int, per_page: int, total: int | None = None) -> Page[Any]:
    """One page of `items`; `total` when the caller has counted them already."""
    if total is None:
        total = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page_number - 1) * per_page
    window = list(items[start : start + per_page]) if start < total else []
    return Page(window, total, page_number, per_page)
