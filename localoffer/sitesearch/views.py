"""The one site search (the home page's and the header's box): information pages, services and schools, grouped,
the best match of each group first, each group paged on its own (?group=services). The families' words in
localoffer/synonyms/ are applied first, so "anxiety" also finds social, emotional and mental health services."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..search_words import clean_search_words
from ..synonyms.expand import expand
from .groups import GROUPS, MAX_RESULTS, Loader, SearchGroup, ordered_groups

SEARCH_QUERY_MAX_LENGTH = 200
BEST_PER_GROUP = 5
RESULTS_PER_PAGE = 20


@dataclass
class Section:
    group: SearchGroup
    count: int
    items: list
    all_url: str
    elsewhere_url: str | None

    @property
    def count_text(self) -> str:
        noun = self.group.singular if self.count == 1 else self.group.plural
        more = " or more" if self.count >= MAX_RESULTS else ""
        return f"{self.count}{more} {noun}"


def _page_number(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number > 0 else 1


@require_GET
def search(request):
    query = clean_search_words(request.GET.get("q", ""))
    error = None
    if len(query) > SEARCH_QUERY_MAX_LENGTH:
        error = f"Search words must be {SEARCH_QUERY_MAX_LENGTH} characters or fewer"
        query = query[:SEARCH_QUERY_MAX_LENGTH]
    group = GROUPS.get(request.GET.get("group", ""))
    context = {"query": query, "error": error, "group": group, "sections": None, "page_obj": None, "searches": []}
    if query and not error:
        searches = expand(query)
        context["searches"] = searches[1:]
        if group:
            section, page_obj = _one_group(request, group, query, searches)
            context.update(sections=[section], page_obj=page_obj)
        else:
            context["sections"] = _best_of_each(request, ordered_groups(), query, searches)
        context["total"] = sum(section.count for section in context["sections"])
    return render(request, "localoffer/search.html", context)


def _urls(request, group: SearchGroup, query: str) -> tuple[str, str | None]:
    all_url = "?" + urlencode({"q": query, "group": group.key})
    return all_url, group.elsewhere(request, query) if group.elsewhere else None


def _best_of_each(request, groups: list[SearchGroup], query: str, searches: list[str]) -> list[Section]:
    """Each group's count and best few. Groups with the same loader (the information pages and schools: pages of
    any type) are loaded together, in one query rather than one a group."""
    found = {group.key: group.find(request, searches) for group in groups}
    loaders: dict[Loader, list[int]] = {}
    for group in groups:
        loaders.setdefault(group.load, []).extend(found[group.key][:BEST_PER_GROUP])
    loaded = {}
    for load, pks in loaders.items():
        if pks:
            loaded[load] = {item.pk: item for item in load(pks)}
    sections = []
    for group in groups:
        by_pk = loaded.get(group.load, {})
        best = [by_pk[pk] for pk in found[group.key][:BEST_PER_GROUP] if pk in by_pk]
        sections.append(Section(group, len(found[group.key]), best, *_urls(request, group, query)))
    return sections


def _one_group(request, group: SearchGroup, query: str, searches: list[str]):
    pks = group.find(request, searches)
    page_obj = Paginator(pks, RESULTS_PER_PAGE).get_page(_page_number(request.GET.get("page", "1")))
    items = group.load(list(page_obj.object_list))
    return Section(group, len(pks), items, *_urls(request, group, query)), page_obj
