"""Families' own words (localoffer/synonyms/): every seeded phrasing leads to the words our pages use."""

import pytest

from localoffer.synonyms.data import SYNONYMS
from localoffer.synonyms.expand import MAX_SEARCHES, expand, pairs_from

PAIRS = pairs_from(SYNONYMS)
SEEDED = [(phrase, means) for means, phrasings in SYNONYMS for phrase in phrasings]


def test_at_least_forty_families_phrasings_are_seeded_each_once():
    phrases = [phrase.casefold() for phrase, _means in SEEDED]
    assert len(phrases) >= 40
    assert len(phrases) == len(set(phrases))


@pytest.mark.parametrize(("phrase", "means"), SEEDED, ids=[phrase for phrase, _ in SEEDED])
def test_each_seeded_phrasing_also_searches_the_words_our_pages_use(phrase, means):
    assert expand(phrase, PAIRS) == [phrase, means]
    # In a sentence, in capitals or not: the rest of the words are kept.
    searches = expand(f"help with {phrase.upper()} please", PAIRS)
    assert searches[0] == f"help with {phrase.upper()} please"
    assert f"help with {means} please" in searches


def test_the_named_examples_of_the_issue():
    assert expand("anxiety", PAIRS)[1] == "social emotional and mental health"
    assert expand("worry", PAIRS)[1] == "social emotional and mental health"
    assert expand("speech therapy", PAIRS)[1] == "speech and language"
    assert expand("respite", PAIRS)[1] == "short breaks"
    assert expand("dyslexia", PAIRS)[1] == "specific learning difficulties"


def test_whole_words_only_and_longest_phrase_first():
    assert expand("blindness", PAIRS) == ["blindness"]  # "blind" is not inside another word
    assert expand("classroom", PAIRS) == ["classroom"]  # nor "ASC"
    assert expand("respite care", PAIRS) == ["respite care", "short breaks"]  # not "short breaks care"
    assert expand("speech-therapy", PAIRS) == ["speech-therapy", "speech and language"]


def test_words_already_replaced_are_not_matched_again_and_searches_are_few():
    # "mental health" is a family phrasing too, and it sits inside what "anxiety" becomes.
    assert expand("anxiety", PAIRS) == ["anxiety", "social emotional and mental health"]
    many = expand("anxiety dyslexia respite deaf wheelchair", PAIRS)
    assert len(many) == MAX_SEARCHES and many[0] == "anxiety dyslexia respite deaf wheelchair"


@pytest.mark.parametrize("words", ["", "   ", "autism", "zzzz qqqq", "<script>", "ملف 😀", "a(b)c*"])
def test_words_with_no_synonym_are_searched_as_typed(words):
    assert expand(words, PAIRS) == [words]
