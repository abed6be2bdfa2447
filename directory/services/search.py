"""Search for the service directory: which services match, in what order, and how many each filter option would
leave. It takes the live services as a queryset or as the facet index's bitsets and returns the same, never a page.

The filters of a request are ANDed bitsets from the facet index (facet_index.py); the count of an option is the
count with every *other* chosen group applied plus that option alone (so "Autism (12)" means "choose Autism here and
you will see 12"). The keyword is the one part that asks the database: a full-text query over the search index."""

import math
from collections.abc import Mapping
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import connection
from django.db.models import ExpressionWrapper, F, Func, Q, QuerySet
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from ..ages import AGE_BAND_CHOICES
from .facet_index import FacetIndex
from .filters import AREA_CHOICES, DELIVERY_CHOICES, TIER_CHOICES
from .models import ServicePage

# A chosen filter group's cleaned value (DirectoryFilterSet.active): "age" is a whole number of years, "free" and
# "self_referral" are True, every other group is the list of option values chosen.
FilterValue = int | bool | list[str]


def keyword_ranking(keyword: str) -> list[int]:
    """The ids of services matching every word of the keyword, best match first (on PostgreSQL, of every indexed
    service: the caller ANDs them with the facet index's visible set).

    On PostgreSQL this asks the search index table directly, with its own GIN indexes: entries whose title or body
    hold any of the words (an OR the indexes answer), then of those the ones whose title and body together hold
    every word (so "swimming therapy" finds "Oak swimming club: weekly therapy sessions"), ranked with the
    backend's own weights. The backend's generic path concatenates the two vectors for every entry, which no index
    can answer. Elsewhere (SQLite FTS) it uses the backend."""
    if connection.vendor != "postgresql":
        return list(keyword_search(ServicePage.objects.visible(), keyword).values_list("pk", flat=True))
    backend = get_search_backend()
    every_word = _tsquery(backend, keyword, "and")
    any_word = _tsquery(backend, keyword, "or")
    title_and_body = Func(F("title"), F("body"), template="(%(expressions)s)", arg_joiner=" || ")
    entries = (
        IndexEntry.objects.filter(content_type_id=ContentType.objects.get_for_model(ServicePage).pk)
        .filter(Q(title=any_word) | Q(body=any_word))
        .annotate(document=ExpressionWrapper(title_and_body, output_field=SearchVectorField()))
        .filter(document=every_word)
        .annotate(rank=SearchRank(F("title"), every_word) * F("title_norm") + SearchRank(F("body"), every_word))
        .order_by("-rank", "object_id")
        .values_list("object_id", flat=True)
    )
    return [int(pk) for pk in entries]


def _tsquery(backend: Any, keyword: str, operator: str) -> Any:
    compiler = backend.query_compiler_class(ServicePage.objects.none(), keyword, operator=operator)
    return compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))


def keyword_search(queryset: QuerySet[Any], keyword: str) -> QuerySet[Any]:
    """Full-text search over a filtered queryset with the site's search backend (PostgreSQL full-text search,
    or SQLite FTS), annotated with `_score`, ordered by relevance. The queryset's own filters stay in SQL."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, keyword, operator="and", order_by_relevance=True)
    results = backend.results_class(backend, compiler).annotate_score("_score")
    ranked: QuerySet[Any] = results.get_queryset()  # Wagtail is untyped: its results object is Any
    return ranked


def group_mask(index: FacetIndex, group: str, value: FilterValue) -> int:
    """The services one chosen filter group lets through, as a bitset."""
    if group == "age":
        return index.age_masks[cast(int, value)]
    if group in ("free", "self_referral"):
        return index.mask(group, "on")
    mask = 0
    for item in cast(list[str], value):
        mask |= index.mask(group, item)
    return mask


FACET_OPTIONS: dict[str, list[str]] = {
    "age_band": [slug for slug, _ in AGE_BAND_CHOICES],
    "tier": [value for value, _ in TIER_CHOICES],
    "free": ["on"],
    "self_referral": ["on"],
    "delivery": [value for value, _ in DELIVERY_CHOICES],
    "area": [value for value, _ in AREA_CHOICES],
}


def facet_counts(
    index: FacetIndex, active: Mapping[str, FilterValue], base: int, options: Mapping[str, list[str]]
) -> dict[str, dict[str, int]]:
    """{group: {option: count}}: each option's count with every other chosen group applied. No queries."""
    masks = {group: group_mask(index, group, value) for group, value in active.items()}
    counts: dict[str, dict[str, int]] = {}
    for group, values in options.items():
        others = base
        for other, mask in masks.items():
            if other != group:
                others &= mask
        counts[group] = {value: (others & index.mask(group, value)).bit_count() for value in values}
    return counts


def match(
    index: FacetIndex,
    active: Mapping[str, FilterValue],
    keyword: str,
    sort: str,
    near: Mapping[int, float] | None = None,
) -> tuple[int, list[int]]:
    """(the visible services the keyword and distance let through, as a bitset; the ids of the results, in order).

    `active` is {filter group: cleaned value}; `sort` is "relevance" (with a keyword), "az", "reviewed" or
    "distance" (with `near`). `near` is FacetIndex.near()'s {position: miles} for a postcode search: then the
    results are the services with a venue that near, followed by those with no venue on the map (online, by phone,
    at home), each group in the chosen order; "distance" puts the first group nearest first."""
    base = index.visible_mask()
    ranking: list[int] = []
    if keyword:
        ranking = keyword_ranking(keyword)
        base &= index.mask_of_pks(ranking)
    if near is not None:
        base &= index.mask_of_positions(near) | index.unlocated_mask
    result_mask = base
    for group, value in active.items():
        result_mask &= group_mask(index, group, value)

    if sort == "relevance":
        # Titles holding every word first, then the full-text rank.
        rank = {pk: i for i, pk in enumerate(ranking)}
        words = [w.lower() for w in keyword.split()[:10]]
        positions = index.positions(result_mask)
        positions.sort(
            key=lambda i: (
                not all(w in index.titles[i].lower() for w in words),
                rank.get(index.pks[i], len(rank)),
                i,
            )
        )
    elif sort == "reviewed":
        positions = index.positions(result_mask, index.reviewed_order)
    elif sort == "distance" and near is not None:
        positions = sorted(index.positions(result_mask), key=lambda i: (near.get(i, math.inf), i))
    else:
        positions = index.positions(result_mask)
    if near is not None and sort != "distance":
        positions = [i for i in positions if i in near] + [i for i in positions if i not in near]
    return base, [index.pks[i] for i in positions]


def reindex_service(sender: type[ServicePage], instance: ServicePage, **kwargs: Any) -> None:
    """Index a service again once it is published: its need types and categories (many-to-many, saved after
    the page row) are searchable words, and the save-time index entry was made before they were saved."""
    index.insert_or_update_object(instance)
