"""Search for the service directory: which services match, in what order, and how many each filter option would
leave. It takes the live services as the facet index's bitsets and returns the same, never a page.

The filters of a request are ANDed bitsets from the facet index (facet_index.py); the count of an option is the
count with every *other* chosen group applied plus that option alone (so "Autism (12)" means "choose Autism here and
you will see 12"). The keyword is the one part that asks the database (keywords.py): its matches once per index
version, kept on the index, and ranks only for the results that survive the filters, when sorting by relevance."""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from wagtail.search import index

from ..ages import AGE_BAND_CHOICES
from .facet_index import FacetIndex, Nearby, invalidate, memo_lock
from .filters import AREA_CHOICES, DELIVERY_CHOICES, TIER_CHOICES
from .keywords import (
    keyword_matches,
    keyword_matches_each,
    keyword_rank_each,
    keyword_ranking,
    keyword_rankings,
    keyword_ranks,
)
from .models import ServicePage
from .search_document import update_search_documents

# A chosen filter group's cleaned value (DirectoryFilterSet.active): "age" is a whole number of years, "free" and
# "self_referral" are True, every other group is the list of option values chosen.
FilterValue = int | bool | list[str]


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
