"""Explaining glossary terms where a page first uses them.

The first use of each term in a page's body text, under any of its names, is marked with <dfn>, and a small
disclosure (<details>: it opens without JavaScript) follows the paragraph or list item it is in: "What 'EHC plan'
means", with the plain-English explanation and a link to the term in the A to Z glossary. Never in headings, links,
buttons, summaries, labels or contact cards. What the editor wrote is stored as it was; only what is shown changes.

The explained HTML is cached per page revision and glossary version (localoffer.glossary.models.glossary_version),
so a page costs two cache lookups a request; a preview, or a page never published through a revision, is explained
afresh each time."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from bs4 import BeautifulSoup, NavigableString, Tag
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from ..visibility import visible_pages
from .models import GlossaryTerm, glossary_version

# Text inside these is never explained: headings, links, controls, labels and code.
SKIP_TAGS = frozenset(
    {
        "a",
        "button",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "dt",
        "th",
        "label",
        "legend",
        "caption",
        "dfn",
        "abbr",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "select",
        "option",
        "template",
        "svg",
        "math",
        "time",
    }
)
SKIP_CLASSES = frozenset({"contact-card", "visually-hidden", "details--explainer", "no-explain"})
# An explanation follows the paragraph its term is in; text directly in one of the others gets it at its end.
AFTER_TAGS = frozenset({"p"})
INSIDE_TAGS = frozenset({"li", "dd", "td", "blockquote", "figcaption", "div", "details", "section", "aside"})
CACHE_SECONDS = 24 * 3600
TEMPLATE = "localoffer/glossary/explainer.html"


@dataclass(frozen=True)
class Term:
    """What an explanation needs to know about a term (plain data, so matchers can be kept between requests)."""

    pk: int
    term: str
    slug: str
    explanation: str
    page_id: int | None = None  # the page that says more, when the public can see it
    page_url: str = ""
    page_title: str = ""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term
    name: str  # as written in the text, without a plural "s"


def name_pattern(name: str) -> str:
    """A regular expression for one name: any spaces between its words, either apostrophe, and any case unless the
    name is written in capitals (so "SEND" never matches "send")."""
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    pattern = pattern.replace("'", "['\u2019]").replace(r"\-", "[-\u2011]")
    return f"(?i:{pattern})" if any(char.islower() for char in name) else pattern


class Matcher:
    """Finds the terms' names in text, the longest name first where two start at the same place ("SEN Support"
    before "SEN"), as whole words, with or without a plural "s"."""

    def __init__(self, terms: Iterable[tuple[Term, list[str]]]):
        names = sorted(((name, term) for term, term_names in terms for name in term_names), key=lambda n: -len(n[0]))
        self.groups: dict[str, Term] = {}
        parts = []
        for index, (name, term) in enumerate(names):
            self.groups[f"n{index}"] = term
            parts.append(f"(?P<n{index}>{name_pattern(name)})")
        self.regex = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})s?(?![\w-])") if parts else None

    def finditer(self, text: str) -> Iterator[Match]:
        if self.regex is None:
            return
        for found in self.regex.finditer(text):
            group = found.lastgroup or ""
            yield Match(found.start(), found.end(), self.groups[group], found.group(group))

    def search(self, text: str) -> bool:
        return bool(self.regex and self.regex.search(text))


def load_terms() -> list[tuple[Term, list[str]]]:
    rows = list(GlossaryTerm.objects.select_related("page"))
    linked = {row.page_id for row in rows if row.page_id}
    visible = set(visible_pages().filter(pk__in=linked).values_list("pk", flat=True)) if linked else set()
    terms = []
    for row in rows:
        page = row.page if row.page_id in visible else None
        url = page.url if page is not None else None
        if page is not None and url:
            term = Term(row.pk, row.term, row.slug, row.explanation, page.pk, url, page.title)
        else:
            term = Term(row.pk, row.term, row.slug, row.explanation)
        terms.append((term, row.names))
    return terms


@lru_cache(maxsize=4)
def _matcher(version: str) -> Matcher:
    return Matcher(load_terms())


def current_matcher() -> Matcher:
    """The matcher for the glossary as it is now (built once per process for each version of the glossary)."""
    return _matcher(glossary_version())


# Explaining HTML ------------------------------------------------------------------------------------------------


def _skipped(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in SKIP_TAGS or SKIP_CLASSES.intersection(parent.get("class") or ()):
            return True
        if parent.has_attr("hidden") or parent.get("aria-hidden") == "true":
            return True
    return False


def _host(node: NavigableString) -> Tag | None:
    for parent in node.parents:
        if parent.name in AFTER_TAGS or parent.name in INSIDE_TAGS:
            return parent
    return None


def _introduced_list(paragraph: Tag) -> Tag | None:
    """The list a paragraph introduces ("Tell us:"), so the explanation does not come between them."""
    following = paragraph.find_next_sibling()
    if paragraph.get_text().rstrip().endswith(":") and following is not None and following.name in ("ul", "ol"):
        return following
    return None


def _explainer(match: Match, glossary_url: str, current_page_id: int | None) -> Tag:
    term = match.term
    written = match.name
    # "'SALT' is another name for 'speech and language therapy'": for a short form or another word the explanation
    # does not use itself. (A longer, full name needs no such line: the explanation that follows explains it.)
    also = len(written) < len(term.term) and written.casefold() not in term.explanation.casefold()
    html = render_to_string(
        TEMPLATE,
        {
            "term": term,
            "written": written,
            "also": also,
            "glossary_url": glossary_url,
            "page_url": term.page_url if term.page_id and term.page_id != current_page_id else "",
        },
    )
    details = BeautifulSoup(html, "html.parser").find("details")
    assert isinstance(details, Tag), f"{TEMPLATE} must render a <details> element"
    return details.extract()


def _explain_html(html: str, matcher: Matcher, seen: dict[int, Term], glossary_url: str, page_id: int | None) -> str:
    if not html or not matcher.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    hosts: dict[int, tuple[Tag | None, list[Tag]]] = {}  # in document order
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or _skipped(node):
            continue
        text = str(node)
        pieces: list[NavigableString | Tag] = []
        last = 0
        for match in matcher.finditer(text):
            if match.term.pk in seen:
                continue
            seen[match.term.pk] = match.term
            if match.start > last:
                pieces.append(NavigableString(text[last : match.start]))
            dfn = soup.new_tag("dfn", attrs={"class": "glossary-term"})
            dfn.string = text[match.start : match.end]
            pieces.append(dfn)
            last = match.end
            host = _host(node)
            hosts.setdefault(id(host), (host, []))[1].append(_explainer(match, glossary_url, page_id))
        if not pieces:
            continue
        if last < len(text):
            pieces.append(NavigableString(text[last:]))
        node.replace_with(*pieces)
    if not hosts:
        return html
    for host, explainers in hosts.values():
        if host is None:
            for explainer in explainers:
                soup.append(explainer)
        elif host.name in AFTER_TAGS:
            anchor = _introduced_list(host) or host
            for explainer in explainers:
                anchor.insert_after(explainer)
                anchor = explainer
        else:
            for explainer in explainers:
                host.append(explainer)
    return str(soup)


def explain_fragments(
    fragments: Iterable[tuple[str, str]], matcher: Matcher, glossary_url: str, page_id: int | None = None
) -> tuple[dict[str, str], list[Term]]:
    """Explain the first use of each term across a page's fragments of body text, in reading order.

    Returns the fragments' HTML by name (a fragment with nothing to explain is returned exactly as it came) and the
    terms explained, in order."""
    seen: dict[int, Term] = {}
    texts = {name: _explain_html(html, matcher, seen, glossary_url, page_id) for name, html in fragments}
    return texts, list(seen.values())


def explained_text(page, context=None, request=None) -> dict[str, SafeString]:
    """The page's body text by fragment name, with glossary terms explained unless the page turns that off."""
    if not page.explain_terms:
        return {name: mark_safe(html) for name, html in page.body_text_html(context)}  # noqa: S308 (our own render)
    version = glossary_version()
    revision_id = None if getattr(request, "is_preview", False) else page.live_revision_id
    key = f"localoffer:explained:{page.pk}:{revision_id}:{version}" if page.pk and revision_id else None
    texts = cache.get(key) if key else None
    if texts is None:
        texts, _terms = explain_fragments(page.body_text_html(context), _matcher(version), reverse("glossary"), page.pk)
        if key:
            cache.set(key, texts, CACHE_SECONDS)
    return {name: mark_safe(html) for name, html in texts.items()}  # noqa: S308 (rendered by us, then parsed)
