"""How plain a page is, for its editors: reading age, longest sentences and jargon.

Reading age is the Flesch-Kincaid grade as textstat (a maintained library) computes it, plus 5: the usual way to turn
a US school grade into the age of a reader who can manage it. It is measured on the page's body text as families read
it: every paragraph, list item and table cell counts as at least one sentence (a list item needs no full stop), and
headings and contact cards are left out. Pages with fewer than MIN_WORDS words are not given one: the formula means
little on so few. The target is READING_AGE_TARGET (12 by default; GOV.UK aims at 9). This is advice: nothing here
stops a page being published."""

import math
import re
from dataclasses import dataclass, field

import textstat
from bs4 import BeautifulSoup, NavigableString, Tag
from django.conf import settings

from ..glossary.explain import Matcher, current_matcher, explain_fragments

MIN_WORDS = 50
LONG_SENTENCE_WORDS = 25  # GOV.UK's advice: no more than 25 words in a sentence
LONGEST_SHOWN = 3
GRADE_TO_AGE = 5

SKIP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "template"})
SKIP_CLASSES = frozenset({"contact-card", "visually-hidden"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "div",
        "section",
        "aside",
        "table",
        "tr",
        "td",
        "th",
        "blockquote",
        "details",
        "summary",
        "figure",
        "figcaption",
        "br",
    }
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
ACRONYM = re.compile(r"\b([A-Z]{2,})s?\b")
# Short forms everyone knows: not jargon, whether or not the glossary has them.
COMMON_SHORT_FORMS = frozenset({"UK", "OK", "TV", "NHS", "PDF", "AM", "PM"})


def whole_years(age: float | None) -> int | None:
    """A reading age as shown to people: whole years, halves rounded up."""
    return None if age is None else math.floor(age + 0.5)


def is_over(age: float | None, target: int) -> bool:
    """Over the target as shown (12.4 is 12, not over a target of 12): the same as age >= target + 0.5."""
    shown = whole_years(age)
    return shown is not None and shown > target


def text_blocks(html: str) -> list[str]:
    """The readable text of some HTML, one string per paragraph, list item or cell; headings and contact cards
    left out."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush():
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            blocks.append(text)

    def walk(node: Tag):
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name in SKIP_TAGS or SKIP_CLASSES.intersection(child.get("class") or ()):
                flush()
                continue
            block = child.name in BLOCK_TAGS
            if block:
                flush()
            walk(child)
            if block:
                flush()

    walk(BeautifulSoup(html, "html.parser"))
    flush()
    return blocks


def as_sentences(block: str) -> str:
    """A block ends as a sentence does, so a list item without a full stop is not run into the next one."""
    block = block.rstrip(" :;,-\u2013\u2014")
    return block if block.endswith((".", "!", "?")) else block + "."


def readable_text(html: str) -> str:
    """What the reading age is measured on."""
    return " ".join(as_sentences(block) for block in text_blocks(html))


def reading_age(text: str) -> float | None:
    """The reading age of some plain text (textstat's Flesch-Kincaid grade + 5), or None under MIN_WORDS words."""
    if textstat.lexicon_count(text) < MIN_WORDS:
        return None
    return textstat.flesch_kincaid_grade(text) + GRADE_TO_AGE


def sentences(text: str) -> list[str]:
    return [sentence for sentence in SENTENCE_BREAK.split(text) if sentence.strip()]


def longest_sentences(text: str, count: int = LONGEST_SHOWN) -> list[tuple[int, str]]:
    """The longest sentences as (words, sentence), longest first."""
    measured = [(len(sentence.split()), sentence) for sentence in sentences(text)]
    return sorted(measured, key=lambda item: -item[0])[:count]


def unknown_acronyms(text: str, matcher: Matcher) -> list[str]:
    """Words in capitals (EHCP, SALT) that the glossary does not explain, in the order they first appear. One that
    is part of a longer glossary name where it appears ("CWD team") counts as explained."""
    explained_spans = [(match.start, match.end) for match in matcher.finditer(text)]
    found: list[str] = []
    for occurrence in ACRONYM.finditer(text):
        acronym = occurrence.group(1)
        if acronym in found or acronym in COMMON_SHORT_FORMS:
            continue
        if any(start <= occurrence.start() and occurrence.end() <= end for start, end in explained_spans):
            continue
        found.append(acronym)
    return found


@dataclass
class Analysis:
    reading_age: float | None
    target: int
    words: int
    longest: list[tuple[int, str]] = field(default_factory=list)
    unexplained_terms: list[str] = field(default_factory=list)  # glossary terms the page uses but does not explain
    unknown_acronyms: list[str] = field(default_factory=list)
    explains_terms: bool = True

    @property
    def rounded_age(self) -> int | None:
        return whole_years(self.reading_age)

    @property
    def over_target(self) -> bool:
        return is_over(self.reading_age, self.target)

    @property
    def long_sentences(self) -> list[tuple[int, str]]:
        return [item for item in self.longest if item[0] > LONG_SENTENCE_WORDS]

    @property
    def longest_sentence_words(self) -> int:
        return self.longest[0][0] if self.longest else 0


def analyse(fragments: list[tuple[str, str]], explains_terms: bool = True, matcher: Matcher | None = None) -> Analysis:
    """Reading age, longest sentences and jargon of a page's body text ((name, HTML) fragments, in reading order)."""
    matcher = matcher or current_matcher()
    html = "\n".join(fragment for _name, fragment in fragments)
    text = readable_text(html)
    everything = BeautifulSoup(html, "html.parser").get_text(" ")  # headings and links too: jargon anywhere counts
    used = {match.term.pk: match.term for match in matcher.finditer(everything)}
    explained = set()
    if explains_terms:
        _texts, terms = explain_fragments(fragments, matcher, glossary_url="")
        explained = {term.pk for term in terms}
    return Analysis(
        reading_age=reading_age(text),
        target=settings.READING_AGE_TARGET,
        words=textstat.lexicon_count(text),
        longest=longest_sentences(text),
        unexplained_terms=[term.term for pk, term in used.items() if pk not in explained],
        unknown_acronyms=unknown_acronyms(everything, matcher),
        explains_terms=explains_terms,
    )


def analyse_page(page, context=None) -> Analysis:
    return analyse(page.body_text_html(context), explains_terms=page.explain_terms)
