"""One search for everything (the home page's and the header's box): information pages, services and schools,
grouped, the best of each group first; families' own words applied to it and to the directory's search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.schools.views import site_search_schools
from directory.services.facet_index import get_index
from directory.services.search import match
from localoffer.sitesearch.groups import (
    GROUPS,
    MAX_RESULTS,
    information_pages,
    load_pages,
    merged,
    ordered_groups,
    titles_first,
)
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


def test_every_rewording_costs_no_more_queries_and_the_count_does_not_grow_with_services(client, site, directory):
    # Issue 11: at most 10 queries on any public page. "respite for ASD" is four searches (as typed, "short breaks"
    # for "respite", "autism" for "ASD", both), each group runs them in one query, and every group finds something,
    # so every group's results are loaded too. With a session, as a family with My list: no page cache.
    searched = "respite for ASD"
    assert len(expand(searched)) == 4
    InformationPageFactory(title="Short breaks for autism", summary="Breaks for autistic children.")
    SchoolPageFactory(title="Oak School", summary="A base for autism, with short breaks for autism.")
    ServicePageFactory(title="Respite for ASD", summary="Overnight respite.", need_types=["autism"])
    client.post(directory.url + "my-list/add/", {"service": ServicePageFactory(title="Swim club").pk})

    def count():
        client.get("/search/", {"q": searched})  # warm: the facet index, the synonyms, the site shell
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"q": searched})
        assert all(section.count for section in response.context["sections"])  # every group found and loaded
        return len(queries)

    before = count()
    assert before <= 10
    for number in range(20):
        ServicePageFactory(title=f"Short breaks for autism {number}", need_types=["autism"])
    for number in range(5):
        InformationPageFactory(title=f"Respite for ASD {number}")
        SchoolPageFactory(title=f"Short breaks school {number}", summary="Short breaks for autism.")
    assert count() == before


def test_each_group_finds_in_one_query_what_one_search_per_rewording_finds_in_the_same_order(rf, site):
    # The best of what was typed first, then the best of each rewording in turn (merged), as when each search was a
    # query of its own: the searches one at a time are the reference.
    for n in range(6):
        words = ("respite for autistic children " * (n % 3 + 1)) + ("short breaks for ASD " * (n % 2))
        InformationPageFactory(title=f"Guide {n} to respite" if n % 2 else f"Autism guide {n}", summary=words)
        ServicePageFactory(title=f"Short breaks for autism {n}", summary=words, need_types=["autism"])
        ServicePageFactory(title=f"Respite club {n}", summary=words)
        SchoolPageFactory(title=f"Autism base {n}", summary=words)
    request = rf.get("/search/")
    index = get_index()
    for typed in ("respite for ASD", "autistic", "anxiety", "short breaks", "respite", "nothing like it"):
        searches = expand(typed)
        for group in ordered_groups():
            if group.key == "services":
                one_each = merged([match(index, {}, words, "relevance")[1] for words in searches])
            else:
                queryset = {"information": information_pages, "schools": site_search_schools}[group.key](request)
                one_each = merged(
                    [
                        titles_first([(page.pk, page.title) for page in queryset.search(words)[:MAX_RESULTS]], words)
                        for words in searches
                    ]
                )
            assert group.find(request, searches) == one_each, (typed, group.key)
    assert len(expand("respite for ASD")) == 4 and GROUPS["services"].find(request, expand("respite for ASD"))


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
