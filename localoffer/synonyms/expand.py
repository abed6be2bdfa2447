"""Search words expanded with families' own words (models.py): what someone typed becomes a short list of searches,
their own words first, then each with a family's phrase replaced by the words our pages use. Callers run each search
and merge the results, so the search functions themselves stay as they are.

The synonyms are read once and kept in the shared cache until an officer changes one (LocalOfferConfig.ready)."""

import re
from collections.abc import Iterable

from django.core.cache import cache

from .models import Synonym

CACHE_KEY = "localoffer:synonyms:pairs"
MAX_SEARCHES = 4  # what was typed, and at most three rewordings: the query count per search stays small

Pairs = list[tuple[str, str]]  # (a family's phrase, the words our pages use), longest phrase first


def pairs_from(entries: Iterable[tuple[str, Iterable[str]]]) -> Pairs:
    pairs = [(phrase, means) for means, phrasings in entries for phrase in phrasings if phrase.strip()]
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0].casefold()))


def current_pairs() -> Pairs:
    pairs = cache.get(CACHE_KEY)
    if pairs is None:
        pairs = pairs_from((s.means, s.phrasings) for s in Synonym.objects.all())
        cache.set(CACHE_KEY, pairs, timeout=None)
    return pairs


def synonyms_changed(**kwargs) -> None:
    """Signal receiver (connected in LocalOfferConfig.ready): a synonym was saved or deleted."""
    cache.delete(CACHE_KEY)


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"[\s,-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def expand(words: str, pairs: Pairs | None = None) -> list[str]:
    """The searches to run for `words`: the words as typed, then with each family phrase found replaced by the words
    our pages use (one at a time, then all together), without repeats, at most MAX_SEARCHES. Longer phrases win
    ("respite care" before "respite"), and words already replaced are not matched again."""
    if not words.strip():
        return [words]
    pairs = current_pairs() if pairs is None else pairs
    spans: list[tuple[int, int, str]] = []
    for phrase, means in pairs:
        for found in _pattern(phrase).finditer(words):
            if not any(found.start() < end and start < found.end() for start, end, _ in spans):
                spans.append((found.start(), found.end(), means))
    spans.sort()

    def replaced(chosen: list[tuple[int, int, str]]) -> str:
        text = words
        for start, end, means in reversed(chosen):
            text = text[:start] + means + text[end:]
        return text

    searches = [words]
    for candidate in [*(replaced([span]) for span in spans), replaced(spans)]:
        if candidate.casefold() not in {search.casefold() for search in searches}:
            searches.append(candidate)
    return searches[:MAX_SEARCHES]
