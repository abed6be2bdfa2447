"""What the database says of a keyword typed into the directory's search: which services match it and how well.

On PostgreSQL each service's weighted search document (title A, summary B, the rest C; written by the database after
every save of a service, search_document.py) and its GIN index: one lookup for the matches, then ts_rank over the
candidates the caller names only; on SQLite Wagtail's full-text index, which matches and ranks in one query. Each
question comes for one keyword and for several at once (what was typed and its rewordings, in one query). The
answers are ids of any service, visible or not: the caller ANDs them with what the public may see (search.py)."""

from collections.abc import Collection, Mapping, Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Case, F, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from wagtail.search.backends import get_search_backend

from localoffer.ranked import rows_in_one_query

from .models import ServicePage


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
