"""The groups of the one site search (information pages, services, schools): each app registers the groups it owns
in its AppConfig.ready, with the function that finds them, so the site shell never imports the apps above it.

A finder takes the request and the searches to run (what was typed first, then rewordings from the synonyms) and
returns the ids of what matched, best first; the group's `load` turns one page of ids into objects to show."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page, Site, get_page_models

from ..ranked import rows_in_one_query
from ..visibility import visible_pages

MIN_WORD = 4  # shorter words are left out when matching titles (titles_first)
MAX_RESULTS = 500  # per group and search: enough to page through; counts above it read "500 or more"

Finder = Callable[[HttpRequest, Sequence[str]], list[int]]
Loader = Callable[[Sequence[int]], list]
LinkMaker = Callable[[HttpRequest, str], str | None]


@dataclass(frozen=True)
class SearchGroup:
    key: str  # in the address: /search/?q=...&group=services
    heading: str  # "Services"
    singular: str  # "service"
    plural: str  # "services"
    find: Finder
    load: Loader
    order: int = 50
    page_models: tuple[type[Page], ...] = ()  # page types this group holds (the information group leaves them out)
    elsewhere: LinkMaker | None = field(default=None, compare=False)  # a fuller search for the same words, if any


GROUPS: dict[str, SearchGroup] = {}


def register(group: SearchGroup) -> None:
    GROUPS[group.key] = group


def ordered_groups() -> list[SearchGroup]:
    return sorted(GROUPS.values(), key=lambda group: (group.order, group.key))


def merged(rankings: Sequence[Sequence[int]]) -> list[int]:
    """Ids from several searches, each once, taking the best of each search in turn (what was typed first): a
    family's phrase and the words our pages use for it are both good answers, so neither buries the other."""
    found: dict[int, None] = {}
    for rank in range(max((len(ranking) for ranking in rankings), default=0)):
        for ranking in rankings:
            if rank < len(ranking):
                found.setdefault(ranking[rank], None)
    return list(found)


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if len(word) >= MIN_WORD}


def titles_first(pages: Sequence[tuple[int, str]], words: str) -> list[int]:
    """The ids of `pages` ((id, title), best first, as the search ranked them), those whose title has one of the
    searched words moved to the front. PostgreSQL's search already ranks a title above the text and matches a word's
    other forms ("disagreements" finds "disagree"); SQLite's ranks every field alike and matches whole words only,
    so without this a page named for what was asked could fall below pages that merely mention it. A word matches a
    title word when one starts with the other (plurals and other endings); short words ("if", "or", "not") are left
    out."""
    wanted = _words(words)

    def named(page: tuple[int, str]) -> bool:
        return any(a.startswith(b) or b.startswith(a) for a in _words(page[1]) for b in wanted)

    return [pk for pk, _title in sorted(pages, key=lambda page: not named(page))]  # sorted() is stable


def page_finder(queryset_for: Callable[[HttpRequest], Any]) -> Finder:
    """A finder for pages: Wagtail's search over the visible queryset the group gives, every search (what was typed
    and each rewording) in one SQL query, each search's ranking kept apart for `merged`."""

    def find(request: HttpRequest, searches: Sequence[str]) -> list[int]:
        queryset = queryset_for(request)
        ranked = [queryset.search(words)[:MAX_RESULTS].get_queryset() for words in searches]
        found = rows_in_one_query(ranked, ("pk", "title"))
        return merged([titles_first(rows, words) for rows, words in zip(found, searches, strict=True)])[:MAX_RESULTS]

    return find


def load_pages(pks: Sequence[int]) -> list:
    """The pages, in the order given, each as its own type, in one query: every page type's table is joined.
    (Wagtail's `specific()` asks once for the types, then once per type found, so a page of results took up to
    seven queries.) A page type deriving from another page type is read the usual way, one query each."""
    direct = {model: model._meta.model_name for model in get_page_models() if list(model._meta.parents) == [Page]}
    found = {}
    for page in Page.objects.filter(pk__in=list(pks)).select_related(*direct.values()):
        model = page.specific_class
        if model is Page or model is None:
            found[page.pk] = page
        elif model in direct:
            found[page.pk] = getattr(page, direct[model])  # joined: no query
        else:
            found[page.pk] = page.specific
    return [found[pk] for pk in pks if pk in found]


def information_pages(request: HttpRequest):
    """Every page the public may see that no other group holds: information pages, the glossary's pages..."""
    held = [model for group in GROUPS.values() for model in group.page_models]
    pages = visible_pages(Site.find_for_request(request))
    return pages.not_type(*held) if held else pages


INFORMATION = SearchGroup(
    "information", "Information", "page", "pages", find=page_finder(information_pages), load=load_pages, order=10
)
