"""Search for the service directory: which services match, in what order, and how many each filter option would
leave. It takes the live services as a queryset or as the facet index's bitsets and returns the same, never a page.

The filters of a request are ANDed bitsets from the facet index (facet_index.py); the count of an option is the
count with every *other* chosen group applied plus that option alone (so "Autism (12)" means "choose Autism here and
you will see 12"). The keyword is the one part that asks the database: on PostgreSQL one GIN index lookup on each
service's weighted search document for the matches (title A, summary B, the rest C; written by the database after
every save of a service, search_document.py), then ts_rank over the results that survive the filters only, when
sorting by relevance; on SQLite Wagtail's full-text index."""

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any, cast

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Case, F, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from localoffer.ranked import rows_in_one_query

from ..ages import AGE_BAND_CHOICES
from .facet_index import FacetIndex, Nearby, invalidate, memo_lock
from .filters import AREA_CHOICES, DELIVERY_CHOICES, TIER_CHOICES
from .models import ServicePage
from .search_document import update_search_documents

# A chosen filter group's cleaned value (DirectoryFilterSet.active): "age" is a whole number of years, "free" and
# "self_referral" are True, every other group is the list of option values chosen.
FilterValue = int | bool | list[str]


def keyword_matches(keyword: str) -> list[int] | None:
    """The ids of services whose search document holds every word of the keyword, in no order: one GIN index
    lookup on PostgreSQL (any service, visible or not: the caller ANDs them with the facet index's visible set),
    brought back as one array; [] when nothing matches. None elsewhere: the caller ranks with `keyword_ranking`,
    which matches too."""
    if connection.vendor != "postgresql":
        return None
    every_word = _tsquery(get_search_backend(), keyword, "and")
    if every_word is None:  # no words left to search for
        return []
    found = ServicePage.objects.filter(search_document=every_word).order_by().aggregate(ids=ArrayAgg("pk"))
    return found["ids"] or []


def keyword_ranks(keyword: str, candidates: Collection[int]) -> dict[int, float]:
    """{id: ts_rank} of the candidates (services already known to match) over their weighted documents, computed
    for those rows only; the ids go to the database as one array (an IN list of thousands costs more to send and
    plan than the ranking). PostgreSQL."""
    every_word = _tsquery(get_search_backend(), keyword, "and")
    if not candidates or every_word is None:
        return {}
    ids = RawSQL("SELECT unnest(%s::integer[])", (list(candidates),))  # noqa: S611 (no text from outside: ids)
    ranked = (
        ServicePage.objects.filter(pk__in=ids)
        .order_by()
        .annotate(rank=SearchRank(F("search_document"), every_word))
        .values_list("pk", "rank")
    )
    return dict(ranked)


def keyword_rank(keyword: str, candidates: Collection[int]) -> list[int]:
    """The candidates (services already known to match), best match first (ties by id). PostgreSQL."""
    ranks = keyword_ranks(keyword, candidates)
    return sorted(ranks, key=lambda pk: (-ranks[pk], pk))


def keyword_ids(keyword: str) -> list[int]:
    """The ids of services matching every word of the keyword, when their order does not matter (the open data
    API's filter): no ranking on PostgreSQL."""
    matches = keyword_matches(keyword)
    return matches if matches is not None else keyword_ranking(keyword)


def keyword_ranking(keyword: str) -> list[int]:
    """The ids of services matching every word of the keyword, best match first, of every service (the caller ANDs
    them with the visible set). PostgreSQL: the search document and its GIN index; elsewhere (SQLite FTS) Wagtail's
    backend over the words split between title and body as there."""
    matches = keyword_matches(keyword)
    if matches is not None:
        return keyword_rank(keyword, matches)
    return list(keyword_search(ServicePage.objects.visible(), keyword).values_list("pk", flat=True))


@dataclass
class KeywordMatch:
    """What one keyword matches in one facet index, kept on the index (`keyword_match`)."""

    mask: int  # the services that match, visible or not, as a bitset
    titled: int  # those of them whose title holds every word (they come first when sorting by best match)
    # position -> its sort key among the matches, smallest first: (-ts_rank, id) on PostgreSQL, filled in as results
    # need them; on SQLite (place in Wagtail's ranking, id), given at once.
    order: dict[int, tuple[float, int]] = field(default_factory=dict)


KEYWORD_MEMO_SIZE = 64  # keywords kept per process (each a few bitsets and the ranks asked for so far)
KEYWORD_MEMO_RANKS = 100_000  # ranks kept per process in all (about 10 MB): the oldest keywords go first


def keyword_match(index: FacetIndex, keyword: str) -> KeywordMatch:
    """The keyword's matches in this index: asked of the database once per index version and keyword, then kept on
    the index (families search for the same few words; a change to any service, organisation, need type or category
    makes a new index, so what is kept never outlives what it was read from)."""
    key = ("keyword", keyword)
    found: KeywordMatch | None = index.memo.get(key)
    if found is not None:
        return found
    matches = keyword_matches(keyword)
    order = {}
    if matches is None:  # SQLite: matching and ranking are one query
        matches = keyword_ranking(keyword)
        position = index.position
        order = {position[pk]: (float(place), pk) for place, pk in enumerate(matches) if pk in position}
    mask = index.mask_of_pks(matches)
    titled = index.mask_of_positions(i for i in index.positions(mask) if _title_holds(index, i, keyword.lower()))
    found = KeywordMatch(mask, titled, order)
    index.keep(key, found, KEYWORD_MEMO_SIZE)
    return found


def _ranked(index: FacetIndex, keyword: str, found: KeywordMatch, positions: list[int]) -> dict[int, tuple[float, int]]:
    """The sort keys of these matches, asking the database only for those not ranked before (PostgreSQL)."""
    order = found.order
    missing = [index.pks[i] for i in positions if i not in order]
    if missing:
        ranks = keyword_ranks(keyword, missing)
        position = index.position
        for pk in missing:  # one gone from the database since the index was built goes last
            order[position[pk]] = (-ranks[pk], pk) if pk in ranks else (math.inf, pk)
        with memo_lock:
            memo = index.memo
            kept = [k for k in memo if k[0] == "keyword"]
            total = sum(len(memo[k].order) for k in kept)
            for old in kept:
                if total <= KEYWORD_MEMO_RANKS or memo[old] is found:
                    break
                total -= len(memo.pop(old).order)
    return order


def keyword_rankings(keywords: Sequence[str]) -> list[list[int]]:
    """`keyword_ranking` of each keyword (what was typed and its rewordings), all in one query. PostgreSQL: one GIN
    index lookup for a document matching any of them, each keyword's ts_rank computed only where it matches;
    elsewhere each keyword's own ranked search (Wagtail's backend), joined in one query."""
    if connection.vendor != "postgresql":
        visible = ServicePage.objects.visible()
        found = rows_in_one_query([keyword_search(visible, keyword) for keyword in keywords], ("pk",))
        return [[pk for (pk,) in rows] for rows in found]
    queries = _tsqueries(keywords)
    if not queries:
        return [[] for _ in keywords]
    return _ranked_each(keywords, queries, ServicePage.objects.filter(search_document=reduce(or_, queries.values())))


def keyword_matches_each(keywords: Sequence[str]) -> list[list[int]] | None:
    """`keyword_matches` of each keyword, in one query: one GIN index lookup for a document matching any of them,
    then which of them each matches. PostgreSQL; None elsewhere (the caller uses `keyword_rankings`)."""
    if connection.vendor != "postgresql":
        return None
    queries = _tsqueries(keywords)
    found: list[list[int]] = [[] for _ in keywords]
    if not queries:
        return found
    flags = {
        f"matches_{n}": Case(When(search_document=query, then=Value(True)), default=Value(False))
        for n, query in queries.items()
    }
    rows = (
        ServicePage.objects.filter(search_document=reduce(or_, queries.values()))
        .order_by()
        .annotate(**flags)
        .values_list("pk", *flags)
    )
    for pk, *matched in rows:
        for n, yes in zip(queries, matched, strict=True):
            if yes:
                found[n].append(pk)
    return found


def keyword_rank_each(keywords: Sequence[str], candidates: Sequence[list[int]]) -> list[list[int]]:
    """`keyword_rank` of each keyword over its own candidates, in one query (ts_rank computed for the candidates of
    any of them only, each keyword's where it matches). PostgreSQL."""
    queries = _tsqueries(keywords)
    wanted = set().union(*candidates)
    if not queries or not wanted:
        return [[] for _ in keywords]
    return _ranked_each(keywords, queries, ServicePage.objects.filter(pk__in=wanted))


def _tsqueries(keywords: Sequence[str]) -> dict[int, Any]:
    """{the keyword's place: its tsquery}, leaving out keywords with no words to search for."""
    backend = get_search_backend()
    queries = {n: _tsquery(backend, keyword, "and") for n, keyword in enumerate(keywords)}
    return {n: query for n, query in queries.items() if query is not None}


def _ranked_each(keywords: Sequence[str], queries: Mapping[int, Any], rows: QuerySet[Any]) -> list[list[int]]:
    """The rows' ids for each keyword that matches them, best first as keyword_rank orders (rank, then id)."""
    ranks = {
        f"rank_{n}": Case(When(search_document=query, then=SearchRank(F("search_document"), query)), default=None)
        for n, query in queries.items()
    }
    scored: list[list[tuple[float, int]]] = [[] for _ in keywords]
    for pk, *row_ranks in rows.order_by().annotate(**ranks).values_list("pk", *ranks):
        for n, rank in zip(queries, row_ranks, strict=True):
            if rank is not None:
                scored[n].append((-rank, pk))
    return [[pk for _rank, pk in sorted(each)] for each in scored]


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
    ranking: list[int] | None = None,
) -> tuple[int, list[int]]:
    """(the visible services the keyword and distance let through, as a bitset; the ids of the results, in order).

    `active` is {filter group: cleaned value}; `sort` is "relevance" (with a keyword), "az", "reviewed" or
    "distance" (with `near`). `near` is FacetIndex.near()'s {position: miles} for a postcode search: then the
    results are the services with a venue that near, followed by those with no venue on the map (online, by phone,
    at home), each group in the chosen order; "distance" puts the first group nearest first. `ranking` is the
    keyword's `keyword_ranking` when the caller has it already (keyword_rankings: several keywords in one query)."""
    if ranking is not None or not keyword:
        matches = None if ranking is None else index.mask_of_pks(ranking)
        base, result_mask = _masks(index, active, matches, near)
        return base, _ordered(index, result_mask, sort, near, _by_ranking(index, keyword, ranking or []))
    # The keyword's matches and the ranks asked for so far are kept on the index (keyword_match).
    found = keyword_match(index, keyword)
    base, result_mask = _masks(index, active, found.mask, near)

    def best_first(mask: int) -> list[int]:
        # Titles holding every word first, then the full-text rank (ties by id), computed for the results only.
        order = _ranked(index, keyword, found, index.positions(mask))
        by_rank = order.__getitem__
        return sorted(index.positions(mask & found.titled), key=by_rank) + sorted(
            index.positions(mask & ~found.titled), key=by_rank
        )

    return base, _ordered(index, result_mask, sort, near, best_first)


def match_each(
    index: FacetIndex,
    active: Mapping[str, FilterValue],
    keywords: Sequence[str],
    sort: str,
    near: Mapping[int, float] | None = None,
) -> list[tuple[int, list[int]]]:
    """`match` of each keyword (what was typed and each rewording from the families' words) in at most two queries
    whatever their number: on PostgreSQL one GIN index lookup for all of them, then (best match first) one ts_rank
    query over each one's own results only; elsewhere each one's ranked search, in one query."""
    matches_each = keyword_matches_each(keywords)
    if matches_each is None:
        rankings = keyword_rankings(keywords)
        return [match(index, active, kw, sort, near, ranking) for kw, ranking in zip(keywords, rankings, strict=True)]
    masks = [_masks(index, active, index.mask_of_pks(matches), near) for matches in matches_each]
    ranks: list[list[int]] = [[] for _ in keywords]
    if sort == "relevance":
        results = [[index.pks[i] for i in index.positions(result_mask)] for _base, result_mask in masks]
        ranks = list(keyword_rank_each(keywords, results))
    return [
        (base, _ordered(index, result_mask, sort, near, _by_ranking(index, keyword, ranking)))
        for keyword, (base, result_mask), ranking in zip(keywords, masks, ranks, strict=True)
    ]


def _masks(
    index: FacetIndex,
    active: Mapping[str, FilterValue],
    matches: int | None,
    near: Mapping[int, float] | None,
) -> tuple[int, int]:
    """(the visible services the keyword's matches (a bitset), if any, and the distance let through; those of them
    the filters let through), as bitsets."""
    base = index.visible_mask()
    if matches is not None:
        base &= matches
    if near is not None:
        near_mask = near.mask if isinstance(near, Nearby) else index.mask_of_positions(near)
        base &= near_mask | index.unlocated_mask
    result_mask = base
    for group, value in active.items():
        result_mask &= group_mask(index, group, value)
    return base, result_mask


def _ordered(
    index: FacetIndex,
    result_mask: int,
    sort: str,
    near: Mapping[int, float] | None,
    best_first: Callable[[int], list[int]],
) -> list[int]:
    """The ids of the results in the chosen order (`match`); by relevance, `best_first(mask)` orders them."""
    if sort == "relevance":
        positions = best_first(result_mask)
    elif sort == "reviewed":
        positions = index.reviewed_first(index.positions(result_mask))
    elif sort == "distance" and near is not None:
        positions = sorted(index.positions(result_mask), key=lambda i: (near.get(i, math.inf), i))
    else:
        positions = index.positions(result_mask)
    if near is not None and sort != "distance":
        positions = [i for i in positions if i in near] + [i for i in positions if i not in near]
    return [index.pks[i] for i in positions]


def _title_holds(index: FacetIndex, position: int, keyword: str) -> bool:
    """Whether that service's title holds every word of the keyword (in lower case, as the titles are held; its
    first ten words)."""
    title = index.titles[position]
    return all(word in title for word in keyword.split()[:10])


def _by_ranking(index: FacetIndex, keyword: str, ranking: list[int]) -> Callable[[int], list[int]]:
    """Best match first from a keyword's whole ranking (ids, best first): titles holding every word first, then the
    ranking's order, then A to Z."""

    def best_first(mask: int) -> list[int]:
        rank = {pk: i for i, pk in enumerate(ranking)}
        lowered = keyword.lower()
        return sorted(
            index.positions(mask),
            key=lambda i: (not _title_holds(index, i, lowered), rank.get(index.pks[i], len(rank)), i),
        )

    return best_first


def reindex_service(sender: type[ServicePage], instance: ServicePage, **kwargs: Any) -> None:
    """Index a service again in Wagtail's index once it is published: its need types and categories (many-to-many,
    saved after the page row) are searchable words, and the save-time index entry was made before they were saved.
    (The search document needs nothing here: the publish's own save wrote it, after the relations.)"""
    index.insert_or_update_object(instance)


def terms_renamed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An organisation, need type or category was saved: the search documents of its services hold its name, and
    the keyword matches each process keeps on its facet index were read from them."""
    update_search_documents(instance.services.values_list("pk", flat=True))
    invalidate()
