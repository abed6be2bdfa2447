"""Reading age and plain-English advice (localoffer/readability/analysis.py): the figures are textstat's."""

import pytest
import textstat

from localoffer.glossary.explain import Matcher, Term
from localoffer.readability import analysis

EASY = (
    "We can help your child. Ask us for help. We will call you back in a few days. We will talk about what your "
    "child needs. Then we will make a plan with you. The plan says who will help and when. You can ask to change "
    "the plan at any time. It is free."
)
HARD = (
    "The local authority is statutorily obliged to determine, following consultation with educational "
    "professionals and relevant health and social care practitioners, whether the educational provision "
    "necessary to meet the child's special educational needs necessitates the preparation of an education, "
    "health and care plan, notwithstanding any interim arrangements that the institution may previously have "
    "implemented."
)
TRIBUNAL = Term(1, "tribunal", "tribunal", "A court.")
EHC_PLAN = Term(2, "EHC plan", "ehc-plan", "A legal document.")
MATCHER = Matcher([(TRIBUNAL, ["tribunal", "SEND Tribunal"]), (EHC_PLAN, ["EHC plan", "EHCP"])])


@pytest.mark.parametrize("text", [EASY, HARD, EASY + " " + HARD])
def test_reading_age_is_textstats_flesch_kincaid_grade_plus_five(text):
    assert analysis.reading_age(text) == pytest.approx(textstat.flesch_kincaid_grade(text) + 5)


def test_known_texts_fall_either_side_of_the_target():
    assert analysis.whole_years(analysis.reading_age(EASY)) <= 9
    assert analysis.whole_years(analysis.reading_age(HARD)) > 18


def test_too_few_words_have_no_reading_age():
    assert analysis.reading_age("A short page. Only a few words.") is None


def test_whole_years_round_halves_up_and_over_means_over_as_shown():
    assert [analysis.whole_years(age) for age in (11.49, 11.5, 12.5, None)] == [11, 12, 13, None]
    assert not analysis.is_over(12.49, 12) and analysis.is_over(12.5, 12) and not analysis.is_over(None, 12)


def test_measured_text_is_paragraphs_and_list_items_as_sentences_without_headings_or_contact_cards():
    html = (
        "<h2>Who can ask</h2><p>Anyone can ask:</p><ul><li>a parent</li><li>a young person aged 16 to 25</li></ul>"
        '<div class="contact-card"><h3>SEN team</h3><p>Phone 01632 960 410</p></div><p>It is <b>free</b>.</p>'
        "<details><summary>What happens next?</summary><p>We call you</p></details>"
    )
    assert analysis.readable_text(html) == (
        "Anyone can ask. a parent. a young person aged 16 to 25. It is free. What happens next? We call you."
    )


def test_longest_sentences_longest_first_with_their_word_counts():
    longest = analysis.longest_sentences("One two three. One two three four five. One. One two.", count=2)
    assert longest == [(5, "One two three four five."), (3, "One two three.")]


def test_capitals_not_in_the_glossary_are_reported_once_each():
    text = "Ask the SALT team or the NHS. Your EHCP and EHCPs. The SEND Tribunal. SALT again. CWD."
    assert analysis.unknown_acronyms(text, MATCHER) == ["SALT", "CWD"]


def test_analysis_finds_terms_used_without_explanation():
    fragments = [("body", "<h2>The tribunal</h2><p>Your EHC plan is checked each year. " + EASY + "</p>")]
    explained = analysis.analyse(fragments, explains_terms=True, matcher=MATCHER)
    assert explained.unexplained_terms == ["tribunal"]  # only in a heading, where terms are never explained
    assert explained.reading_age == pytest.approx(
        textstat.flesch_kincaid_grade("Your EHC plan is checked each year. " + EASY) + 5
    )
    not_explained = analysis.analyse(fragments, explains_terms=False, matcher=MATCHER)
    assert not_explained.unexplained_terms == ["tribunal", "EHC plan"]
