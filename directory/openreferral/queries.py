"""Which services, locations and organisations a request to the open data API asks for: querysets built on
ServicePage.objects.visible() (the one answer to what the public may see), filtered by the standard's query
parameters, all ANDed, in a stable order (name, then id), and cut into pages.

The number of queries a page costs does not grow with the number of services or the page size: a count, the page's
rows, and one prefetch per related list."""

import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from django.db.models import Max, Prefetch, Q, QuerySet

from ..services.models import ServiceContact, ServicePage, ServiceVenue
from ..services.search import keyword_ranking
from ..taxonomy.models import Organisation
from .taxonomies import TAXONOMIES_BY_ID, Vocabulary, taxonomy_q

T = TypeVar("T")


@dataclass(frozen=True)
class ServiceFilters:
    search: str = ""
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    organization_id: UUID | None = None
    modified_after: datetime | None = None


def filter_services(queryset: QuerySet[ServicePage], filters: ServiceFilters, vocabulary: Vocabulary) -> QuerySet[Any]:
    """The services of `queryset` that pass every filter given."""
    if filters.taxonomy_term_id is not None:
        term = vocabulary.by_id.get(filters.taxonomy_term_id)
        queryset = queryset.filter(term.service_q()) if term else queryset.none()
    if filters.taxonomy_id is not None:
        taxonomy = TAXONOMIES_BY_ID.get(filters.taxonomy_id)
        queryset = queryset.filter(taxonomy_q(taxonomy)) if taxonomy else queryset.none()
    if filters.organization_id is not None:
        queryset = queryset.filter(organisation__uuid=filters.organization_id)
    if filters.modified_after is not None:
        queryset = queryset.filter(last_published_at__gte=filters.modified_after)
    if filters.search:
        queryset = queryset.filter(pk__in=keyword_ranking(filters.search))
    return queryset


def visible_services(filters: ServiceFilters, vocabulary: Vocabulary) -> QuerySet[Any]:
    return filter_services(ServicePage.objects.visible(), filters, vocabulary).order_by("title", "pk")


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


def visible_venues(filters: ServiceFilters, vocabulary: Vocabulary) -> QuerySet[Any]:
    """The venues (service_at_locations) of the visible services that pass the filters. The search matches the
    service (as /services does) or the venue's name, address or postcode."""
    search = filters.search
    services = filter_services(ServicePage.objects.visible(), replace(filters, search=""), vocabulary)
    venues: QuerySet[Any] = ServiceVenue.objects.filter(page__in=services.values("pk"))
    if search:
        venues = venues.filter(
            Q(page_id__in=keyword_ranking(search))
            | Q(name__icontains=search)
            | Q(address__icontains=search)
            | Q(postcode__icontains=search)
        )
    return venues.order_by("page__title", "page_id", "sort_order", "pk")


def visible_organisations(search: str = "") -> QuerySet[Organisation]:
    """Organisations that run at least one service the public can see; no other organisation is ever sent."""
    organisations = Organisation.objects.filter(pk__in=ServicePage.objects.visible().values("organisation_id"))
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations.order_by("name", "pk")


def latest_change(queryset: QuerySet[Any]) -> datetime | None:
    """When the newest of these services was published: with the log below, the Last-Modified of a response."""
    latest: datetime | None = queryset.order_by().aggregate(latest=Max("last_published_at"))["latest"]
    return latest


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


def paginate(items: QuerySet[Any] | list[Any], page_number: int, per_page: int) -> Page[Any]:
    total = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page_number - 1) * per_page
    window = list(items[start : start + per_page]) if start < total else []
    return Page(window, total, page_number, per_page)
