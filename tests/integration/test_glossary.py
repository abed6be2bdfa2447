"""The glossary: seeded terms, explanations on information, service and school pages (cached per revision and
glossary version), and the public A to Z page."""

import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from localoffer.glossary import explain
from localoffer.glossary.data import TERMS
from localoffer.models import GlossaryTerm, InformationPage
from tests.factories import (
    GlossaryTermFactory,
    InformationPageFactory,
    SchoolPageFactory,
    ServicePageFactory,
    stream,
)

pytestmark = pytest.mark.django_db

# GUIDE.md section 2, and the words families meet on our pages that the issue names.
GUIDE_TERMS = [
    "SEND",
    "EHC plan",
    "EHCP",
    "EHC needs assessment",
    "SEN Support",
    "SENCO",
    "SEN information report",
    "SENDIASS",
    "parent carer forum",
    "universal services",
    "targeted services",
    "specialist services",
    "areas of need",
    "s41 institution",
    "short breaks",
    "preparing for adulthood",
    "annual review",
    "mediation",
    "tribunal",
    "personal budget",
    "resourced provision",
    "Year 9 review",
]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def glossary(db):
    """A small glossary of our own instead of the seeded one."""
    GlossaryTerm.objects.all().delete()
    return {
        "ehc": GlossaryTermFactory(
            term="EHC plan",
            other_names=["EHCP", "education, health and care plan"],
            explanation="A legal document that says what help a child must get.",
        ),
        "senco": GlossaryTermFactory(term="SENCO", other_names=["SENCo"], explanation="The teacher in charge of SEN."),
        "tribunal": GlossaryTermFactory(term="tribunal", other_names=["SEND Tribunal"], explanation="A court."),
    }


def body_page(text, **kwargs):
    return InformationPageFactory(body=stream([("text", text)]), publish_revision=True, **kwargs)


# The seeded glossary -------------------------------------------------------------------------------------------


def test_the_migration_seeds_at_least_sixty_terms_covering_the_guide_and_our_pages():
    assert GlossaryTerm.objects.count() == len(TERMS) >= 60
    names = {name.casefold() for term in GlossaryTerm.objects.all() for name in term.names}
    missing = [term for term in GUIDE_TERMS if term.casefold() not in names]
    assert not missing, missing


def test_every_seeded_term_is_valid_and_each_name_explains_one_term():
    seen = {}
    for term in GlossaryTerm.objects.all():
        term.full_clean()
        assert term.slug and 1 <= len(re.findall(r"[.!?](?:\s|$)", term.explanation + " ")) <= 3, term
        for name in term.names:
            assert seen.setdefault(name.casefold(), term.term) == term.term, f"{name}: {seen[name.casefold()]}"


def test_a_term_must_be_short_and_names_cannot_be_shared(glossary):
    too_long = GlossaryTerm(term="appeal", explanation="One. Two. Three. Four.")
    with pytest.raises(ValidationError) as error:
        too_long.full_clean()
    assert "explanation" in error.value.message_dict
    shared = GlossaryTerm(term="plan", other_names="EHCP", explanation="A plan.")
    with pytest.raises(ValidationError) as error:
        shared.full_clean()
    assert "'EHCP' is already a name of 'EHC plan'" in str(error.value.message_dict["other_names"])


# Explained where it appears -----------------------------------------------------------------------------------


def test_an_information_page_explains_the_first_use_and_stores_its_text_unchanged(client, glossary):
    text = "<h2>Your EHC plan</h2><p>We write an EHC plan for your child.</p><p>The EHC plan is reviewed yearly.</p>"
    page = body_page(text)
    html = soup(client.get(page.url))
    prose = html.find(class_="prose")
    assert [dfn.get_text() for dfn in prose.find_all("dfn")] == ["EHC plan"]
    explainer = prose.find("details", attrs={"data-glossary-term": "ehc-plan"})
    assert explainer.find_previous_sibling("p").find("dfn")
    assert glossary["ehc"].explanation in explainer.get_text()
    assert explainer.find("a", href="/glossary/#ehc-plan")
    page.refresh_from_db()
    assert page.body.raw_data[0]["value"] == text


def test_a_page_without_terms_is_shown_exactly_as_before(client, glossary):
    page = body_page("<p>Nothing here needs explaining.</p><ul><li>One</li></ul>")
    html = client.get(page.url).content.decode()
    assert "<p>Nothing here needs explaining.</p><ul><li>One</li></ul>" in html
    assert "<dfn" not in html and "details--explainer" not in html


def test_editors_can_turn_explanations_off_for_a_page(client, glossary):
    page = body_page("<p>We write an EHC plan.</p>", explain_terms=False)
    html = client.get(page.url).content.decode()
    assert "<p>We write an EHC plan.</p>" in html and "<dfn" not in html


def test_a_service_page_explains_terms_in_its_running_text_in_reading_order(client, glossary):
    service = ServicePageFactory(
        description="<h2>With a SENCO</h2><p>Ask your child's SENCO.</p>",
        who_for="Children with an EHCP.",
        eligibility="You need an EHC plan. Ask your SENCo.",
        access_steps="1. Appeal to the SEND Tribunal if we say no.",
        publish_revision=True,
    )
    html = soup(client.get(service.url))
    dfns = [dfn.get_text() for dfn in html.find("main").find_all("dfn")]
    assert dfns == ["EHCP", "SENCO", "SEND Tribunal"]
    assert not html.find("h2", string=re.compile("With a SENCO")).find("dfn")


def test_a_school_page_explains_terms_in_what_it_says_about_its_provision(client, glossary, schools_index):
    school = SchoolPageFactory(
        provision="resourced", provision_details="Twelve places for pupils with an EHC plan.", publish_revision=True
    )
    html = soup(client.get(school.url))
    assert [dfn.get_text() for dfn in html.find("main").find_all("dfn")] == ["EHC plan"]


def test_explanations_are_cached_per_revision_and_glossary_version(client, glossary):
    page = body_page("<p>We write an EHC plan.</p>")
    with mock.patch.object(explain, "explain_fragments", wraps=explain.explain_fragments) as explaining:
        first = client.get(page.url).content.decode()
        second = client.get(page.url).content.decode()
        assert explaining.call_count == 1
        assert first == second

        # A new revision is explained afresh...
        page.body = stream([("text", "<p>Ask your SENCO.</p>")])
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert explaining.call_count == 2
        assert glossary["senco"].explanation in html

        # ...and so is every page when a term changes.
        glossary["senco"].explanation = "The person at school who makes sure your child gets help."
        glossary["senco"].save()
        html = client.get(page.url).content.decode()
        assert explaining.call_count == 3
        assert "The person at school who makes sure your child gets help." in html


def test_a_preview_is_never_served_from_the_cache(admin_client, glossary):
    page = body_page("<p>We write an EHC plan.</p>")
    admin_client.get(page.url)
    page.body = stream([("text", "<p>Ask the SEND Tribunal.</p>")])
    with mock.patch.object(explain.cache, "get", wraps=explain.cache.get) as cache_get:
        html = page.make_preview_request().content.decode()
    assert ">SEND Tribunal</dfn>" in html and "EHC plan" not in html
    assert not [call for call in cache_get.call_args_list if "explained" in str(call)]


# The A to Z page ------------------------------------------------------------------------------------------------


def test_the_glossary_page_lists_every_term_in_order_with_working_anchors(client):
    html = soup(client.get("/glossary/"))
    terms = list(GlossaryTerm.objects.all())
    listed = [dt.get_text(strip=True) for dt in html.find_all("dt", class_="glossary-list__term")]
    assert listed == sorted((term.term for term in terms), key=str.casefold)
    assert len(listed) == len(terms)
    ids = {element["id"] for element in html.find_all(id=True)}
    assert {term.slug for term in terms} <= ids
    letters = html.find(class_="az-nav").find_all("a")
    assert letters and all(link["href"].lstrip("#") in ids for link in letters)
    assert [link.get_text() for link in letters] == sorted({term.term[0].upper() for term in terms})
    assert len(html.find_all("h1")) == 1


def test_glossary_links_in_explanations_land_on_an_anchor(client):
    page = InformationPageFactory(
        body=stream([("text", "<p>Ask the SENCO about SEN Support, an EHCP, mediation or short breaks.</p>")]),
        publish_revision=True,
    )
    explained = soup(client.get(page.url))
    targets = [a["href"] for a in explained.select(".details--explainer a[href^='/glossary/#']")]
    assert len(targets) == 5
    ids = {element["id"] for element in soup(client.get("/glossary/")).find_all(id=True)}
    assert all(target.split("#")[1] in ids for target in targets)


def test_the_glossary_links_to_the_page_that_says_more_only_when_the_public_can_see_it(client, glossary):
    visible = InformationPageFactory(title="All about tribunals")
    hidden = InformationPageFactory(title="Draft about plans", draft=True)
    GlossaryTerm.objects.filter(pk=glossary["tribunal"].pk).update(page=visible)
    GlossaryTerm.objects.filter(pk=glossary["ehc"].pk).update(page=hidden)
    html = soup(client.get("/glossary/"))
    assert html.find(id="tribunal").find("a", href=visible.url)
    assert not html.find(id="ehc-plan").find("a")


def test_the_glossary_is_linked_from_every_footer_the_home_page_and_the_sitemap(client, home_page):
    page = InformationPageFactory()
    for url in ("/", page.url, "/search/", "/no-such-page/"):
        response = client.get(url)
        assert 'href="/glossary/"' in response.content.decode(), url
    home = soup(client.get("/"))
    assert home.find(class_="hero").find("a", href="/glossary/")
    assert "/glossary/</loc>" in client.get("/sitemap.xml").content.decode()


def test_information_pages_still_render_every_kind_of_block(client, glossary):
    page = InformationPageFactory(
        body=stream(
            [
                ("text", "<p>Intro.</p>"),
                ("callout", {"heading": "Timing", "text": "<p>Your EHC plan in 20 weeks.</p>", "style": "important"}),
                ("details", {"summary": "The SEND Tribunal?", "content": "<p>Ask the SEND Tribunal.</p>"}),
                ("contact", {"name": "SENCO line", "description": "Ask a SENCO.", "phone": "01632 960 000"}),
            ]
        ),
        publish_revision=True,
    )
    html = soup(client.get(page.url))
    prose = html.find(class_="prose")
    assert prose.find(class_="callout--important") and prose.find(class_="contact-card")
    assert [dfn.get_text() for dfn in prose.find_all("dfn")] == ["EHC plan", "SEND Tribunal"]
    assert not prose.find(class_="contact-card").find("dfn")


def test_demo_information_page_is_explained(client):
    """The seeded glossary on a page like the demo's: 'EHC plan' is explained where it first appears."""
    page = body_page(
        "<p>An education, health and care (EHC) needs assessment is how we find out what help your child needs.</p>"
        "<p>If the assessment shows your child needs more, we write an EHC plan. This is a legal document.</p>"
    )
    html = soup(client.get(page.url))
    explainer = html.find("details", attrs={"data-glossary-term": "ehc-plan"})
    assert "we write an EHC plan" in explainer.find_previous_sibling("p").get_text()
    assert isinstance(page, InformationPage)
