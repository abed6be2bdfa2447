"""One search for everything (the home page's and the header's box): information pages, services and schools,
grouped, the best of each group first; families' own words applied to it and to the directory's search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from localoffer.sitesearch.groups import load_pages
from localoffer.synonyms.expand import expand
from tests.factories import (
    InformationPageFactory,
    SchoolPageFactory,
    ServicePageFactory,
    SynonymFactory,
    get_home,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(directory, schools_index):
    InformationPageFactory(title="Disagreements and complaints", summary="If the school is not meeting needs.")
    InformationPageFactory(title="Short breaks for disabled children", summary="Time away from caring.")
    ServicePageFactory(
        title="Teen wellbeing service",
        summary="Support with feelings and mood.",
        need_types=["social-emotional-mental-health"],
    )
    ServicePageFactory(title="Parent workshops on anxiety", summary="Evening workshops for parents.")
    ServicePageFactory(
        title="Saturday short breaks club", summary="Play and a break.", categories=["leisure-and-short-breaks"]
    )
    SchoolPageFactory(title="Brook Special School", summary="A special school for pupils with anxiety.")
    return get_home()


def sections(response):
    return {section.group.key: section for section in response.context["sections"]}


def titles(section):
    return [item.title for item in section.items]


def test_one_search_groups_information_services_and_schools(client, site):
    response = client.get("/search/", {"q": "short breaks"})
    assert response.status_code == 200
    found = sections(response)
    assert list(found) == ["information", "services", "schools"]
    assert titles(found["information"]) == ["Short breaks for disabled children"]
    assert titles(found["services"]) == ["Saturday short breaks club"]
    assert found["schools"].count == 0
    html = response.content.decode()
    assert html.index('id="group-information"') < html.index('id="group-services"') < html.index('id="group-schools"')
    assert "No schools and colleges match" in html
    assert "1 page" in html and "1 service" in html  # singular counts


def test_a_search_with_no_services_still_shows_the_information_pages(client, site):
    response = client.get("/search/", {"q": "school not meeting needs"})
    found = sections(response)
    assert "Disagreements and complaints" in titles(found["information"])
    assert found["services"].count == 0
    assert "No services match" in response.content.decode()


def test_a_page_named_for_what_was_asked_comes_before_pages_that_only_mention_it(client, directory, schools_index):
    # SQLite's search ranks a title no higher than the text and matches whole words only ("disagreements" is not
    # "disagree"); PostgreSQL's does both. Either way the page named for it is among the best shown.
    for n in range(6):
        InformationPageFactory(title=f"Guide {n}", summary="Disagreements: disagreements and more disagreements.")
    InformationPageFactory(title="If you disagree or want to complain", summary="What to do about disagreements.")
    found = sections(client.get("/search/", {"q": "school not meeting needs"}))
    assert titles(found["information"])[0] == "If you disagree or want to complain"


def test_families_words_find_what_our_pages_call_something_else_in_both_searches(client, site):
    # "anxiety" is in one service's title; the synonym leads to the social, emotional and mental health one too.
    found = sections(client.get("/search/", {"q": "anxiety"}))
    assert titles(found["services"]) == ["Parent workshops on anxiety", "Teen wellbeing service"]  # typed words first
    assert titles(found["schools"]) == ["Brook Special School"]
    directory = client.get("/services/", {"q": "anxiety"})
    assert [s.title for s in directory.context["services"]] == ["Parent workshops on anxiety", "Teen wellbeing service"]
    az = client.get("/services/", {"q": "anxiety", "sort": "az"})
    assert [s.title for s in az.context["services"]] == ["Parent workshops on anxiety", "Teen wellbeing service"]
    assert "the words our pages use" in client.get("/search/", {"q": "respite"}).content.decode()
    assert titles(sections(client.get("/search/", {"q": "respite"}))["services"]) == ["Saturday short breaks club"]


def test_officers_edit_the_synonyms_and_the_change_applies_at_once(client, site):
    assert client.get("/services/", {"q": "chill out"}).context["result_count"] == 0
    synonym = SynonymFactory(means="short breaks")  # the seeded one
    synonym.family_words += "\nchill out"
    synonym.save()
    assert expand("chill out")[1] == "short breaks"
    assert client.get("/services/", {"q": "chill out"}).context["result_count"] == 1


def test_one_group_pages_on_its_own_and_bad_input_never_fails(client, site):
    for number in range(25):
        InformationPageFactory(title=f"Short breaks guide {number}")
    response = client.get("/search/", {"q": "short breaks"})
    information = sections(response)["information"]
    assert len(information.items) == 5 and information.count == 26
    assert "See all 26 pages" in response.content.decode()
    one = client.get("/search/", {"q": "short breaks", "group": "information", "page": "2"})
    assert [s.group.key for s in one.context["sections"]] == ["information"]
    assert len(one.context["sections"][0].items) == 6
    for params in ({"group": "nope"}, {"group": "services", "page": "abc"}, {"group": "schools", "page": "-1"}):
        assert client.get("/search/", {"q": "short breaks", **params}).status_code == 200


def test_queries_do_not_grow_with_the_data(client, site):
    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get("/search/", {"q": "anxiety"})
        return len(queries)

    InformationPageFactory(title="Anxiety and worry")  # every group has something to show
    client.get("/search/", {"q": "anxiety"})  # the facet index and the synonyms are cached once
    before = count()
    for number in range(10):
        ServicePageFactory(title=f"Anxiety group {number}", need_types=["social-emotional-mental-health"])
        InformationPageFactory(title=f"Anxiety and worry {number}")
    client.get("/search/", {"q": "anxiety"})
    assert count() == before


def test_a_page_of_results_of_every_page_type_loads_in_one_query(site, directory, schools_index):
    school = SchoolPageFactory(title="Oak School")
    info = InformationPageFactory(title="Oak leaflets", summary="About oaks.")
    wanted = [school.pk, site.pk, info.pk, directory.pk, schools_index.pk]
    load_pages(wanted)  # content types are cached once per process
    with CaptureQueriesContext(connection) as queries:
        loaded = load_pages(wanted)
    assert len(queries) == 1
    assert [page.pk for page in loaded] == wanted  # in the order given
    assert [type(page) for page in loaded] == [type(p.specific) for p in (school, site, info, directory, schools_index)]
    assert loaded[2].summary == "About oaks."  # the page type's own fields are there
