"""Explaining glossary terms where a page first uses them (localoffer/glossary/explain.py), on HTML alone."""

import pytest
from bs4 import BeautifulSoup

from localoffer.glossary.explain import Matcher, Term, explain_fragments

EHC_PLAN = Term(1, "EHC plan", "ehc-plan", "An EHC plan is a legal document that sets out the help a child must get.")
SEN_SUPPORT = Term(2, "SEN Support", "sen-support", "Extra help a school gives from its own budget.")
SEN = Term(3, "SEN", "sen", "Short for special educational needs.")
SEND = Term(4, "SEND", "send", "Short for special educational needs and disabilities.")
SALT = Term(5, "speech and language therapy", "speech-and-language-therapy", "Help with talking and swallowing.")
NAMES = {
    EHC_PLAN: ["EHC plan", "EHCP", "education, health and care plan"],
    SEN_SUPPORT: ["SEN Support"],
    SEN: ["SEN", "special educational needs"],
    SEND: ["SEND"],
    SALT: ["speech and language therapy", "SALT"],
}
MATCHER = Matcher(NAMES.items())
GLOSSARY = "/glossary/"


def explain(*fragments, page_id=None):
    named = [(f"f{index}", html) for index, html in enumerate(fragments)]
    texts, terms = explain_fragments(named, MATCHER, GLOSSARY, page_id)
    return [texts[name] for name, _html in named], terms


def soup(html):
    return BeautifulSoup(html, "html.parser")


def test_a_term_is_explained_at_its_first_use_only():
    [html], terms = explain("<p>We write an EHC plan. The EHC plan says what help your child gets.</p>")
    page = soup(html)
    assert [dfn.get_text() for dfn in page.find_all("dfn")] == ["EHC plan"]
    explainers = page.find_all("details")
    assert len(explainers) == 1
    assert explainers[0]["data-glossary-term"] == "ehc-plan"
    assert "What ‘EHC plan’ means" in explainers[0].summary.get_text()
    assert EHC_PLAN.explanation in explainers[0].get_text()
    assert explainers[0].find("a", href="/glossary/#ehc-plan")
    assert terms == [EHC_PLAN]


@pytest.mark.parametrize("name", NAMES[EHC_PLAN])
def test_each_other_name_is_explained(name):
    [html], terms = explain(f"<p>Ask about an {name} today.</p><p>Another {name} here.</p>")
    page = soup(html)
    assert [dfn.get_text() for dfn in page.find_all("dfn")] == [name]
    assert page.find("details")["data-glossary-term"] == "ehc-plan"
    assert f"What ‘{name}’ means" in page.find("summary").get_text()
    assert terms == [EHC_PLAN]


def test_first_use_counts_across_the_fragments_of_a_page():
    first, second = explain("<p>No terms here.</p>", "<p>Your EHCP.</p><p>EHC plan again.</p>")[0]
    assert first == "<p>No terms here.</p>"
    assert [dfn.get_text() for dfn in soup(second).find_all("dfn")] == ["EHCP"]


def test_only_body_text_never_headings_links_buttons_or_summaries():
    html = (
        "<h2>Your EHC plan</h2>"
        '<p><a href="/ehc/">EHC plan</a> and <button type="button">EHC plan</button></p>'
        "<details><summary>What is SEN Support?</summary><p>More.</p></details>"
        "<dl><dt>SEND</dt><dd>Nothing.</dd></dl>"
        '<div class="contact-card"><p>SEN Support team</p></div>'
        "<p>Then your EHC plan is written.</p>"
    )
    [out], terms = explain(html)
    page = soup(out)
    assert page.h2.get_text() == "Your EHC plan" and not page.h2.find("dfn")
    assert not page.a.find("dfn") and not page.button.find("dfn")
    assert not page.summary.find("dfn") and not page.dt.find("dfn")
    assert not page.find(class_="contact-card").find("dfn")
    assert [dfn.get_text() for dfn in page.find_all("dfn")] == ["EHC plan"]
    assert terms == [EHC_PLAN]


def test_text_without_terms_is_returned_unchanged():
    for html in (
        "<p>Your child's nursery&nbsp;can help. <br>Ask them.</p><ul><li>One</li></ul>",
        '<p title="EHC plan">A title is not text.</p>',
        "<h2>EHC plan</h2><p>Only in the heading.</p>",
        "",
    ):
        assert explain(html)[0] == [html]


def test_names_in_capitals_match_only_in_capitals_and_only_whole_words():
    [html], _terms = explain("<p>Please send us the form. SENDIASS can help. The SENCOs know.</p>")
    assert "<dfn" not in html
    [html], _terms = explain("<p>Your SEND support.</p>")
    assert [dfn.get_text() for dfn in soup(html).find_all("dfn")] == ["SEND"]


def test_other_names_match_in_any_case_and_plural_and_across_line_breaks():
    [html], _terms = explain("<p>Two Education, health and\ncare plans and some Speech and Language Therapy.</p>")
    assert [dfn.get_text() for dfn in soup(html).find_all("dfn")] == [
        "Education, health and\ncare plans",
        "Speech and Language Therapy",
    ]
    assert "What ‘Education, health and\ncare plan’ means" in html


def test_the_longest_name_wins_where_two_start_together():
    [html], terms = explain("<p>SEN Support comes first; then SEN on its own.</p>")
    assert [dfn.get_text() for dfn in soup(html).find_all("dfn")] == ["SEN Support", "SEN"]
    assert terms == [SEN_SUPPORT, SEN]


def test_the_explanation_follows_the_paragraph_or_ends_the_list_item():
    [html], _terms = explain(
        "<p>Ask for an <strong>EHC plan</strong> now.</p><p>Next.</p>"
        "<ul><li>SEN Support at school</li><li>Other</li></ul>"
        "<p>Tell us about SALT:</p><ol><li>one</li></ol><p>After.</p>"
    )
    page = soup(html)
    blocks = [child.name for child in page.children]
    assert blocks == ["p", "details", "p", "ul", "p", "ol", "details", "p"]
    assert page.find("ul", recursive=False).li.find("details")["data-glossary-term"] == "sen-support"
    # A short form the explanation does not use is named as another name for the term.
    assert "‘SALT’ is another name for ‘speech and language therapy’." in page.find_all("details")[-1].get_text()


def test_the_page_that_says_more_is_linked_unless_it_is_this_page():
    term = Term(
        9, "short breaks", "short-breaks", "Time off for carers.", page_id=7, page_url="/sb/", page_title="Breaks"
    )
    matcher = Matcher([(term, ["short breaks"])])
    texts, _terms = explain_fragments([("a", "<p>Short breaks help.</p>")], matcher, GLOSSARY, page_id=3)
    assert soup(texts["a"]).find("a", href="/sb/").get_text() == "More about this: Breaks"
    texts, _terms = explain_fragments([("a", "<p>Short breaks help.</p>")], matcher, GLOSSARY, page_id=7)
    assert not soup(texts["a"]).find("a", href="/sb/")


def test_explanations_are_escaped():
    term = Term(9, "tribunal", "tribunal", "A court <script>alert(1)</script> & more.")
    texts, _terms = explain_fragments([("a", "<p>The tribunal decides.</p>")], Matcher([(term, ["tribunal"])]), "/g/")
    assert "<script>" not in texts["a"] and "&lt;script&gt;" in texts["a"]


def test_an_empty_glossary_changes_nothing():
    texts, terms = explain_fragments([("a", "<p>EHC plan</p>")], Matcher([]), GLOSSARY)
    assert texts == {"a": "<p>EHC plan</p>"} and terms == []
