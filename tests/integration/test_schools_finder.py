"""The schools finder: filters by keyword, age, type, phase, provision by need and area; shareable GET addresses;
bad parameters never cause an error page; schools in the site search; a school page shows its report link."""

import pytest

from directory.models import SchoolPage
from tests.factories import PostcodeFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db

SCHOOLS = [
    # urn, name, type, phase, min, max, provision, needs, in_area, closed
    (110001, "Oakfield Primary School", "maintained", "primary", 4, 11, "resourced", ["autism"], True, False),
    (110002, "Riverside Academy", "academy", "secondary", 11, 16, "", [], True, False),
    (110003, "Hollybank Special School", "maintained_special", "all_through", 4, 19, "", [], True, False),
    (110004, "Meadow View School", "academy_special", "secondary", 11, 19, "", [], False, False),
    (110005, "Little Acorns Nursery", "early_years_provider", "early_years", 0, 4, "", [], True, False),
    (110006, "Old Mill Special School", "maintained_special", "secondary", 11, 16, "", [], True, True),
    (110007, "Northbrook College", "post16_college", "fe", 16, 25, "unit", ["hearing-impairment"], True, False),
]


@pytest.fixture
def finder(schools_index):
    for urn, name, kind, phase, low, high, provision, needs, in_area, closed in SCHOOLS:
        SchoolPageFactory(
            title=name,
            urn=urn,
            school_type=kind,
            phase=phase,
            min_age=low,
            max_age=high,
            provision=provision,
            provision_need_types=needs,
            in_area=in_area,
            is_closed=closed,
            address="1 High Street\nNorthbrook",
            postcode="NB1 2AB" if urn % 2 else "NB9 9ZZ",
            publish_revision=True,
        )
    return schools_index


def names(response):
    return [school.title for school in response.context["schools"]]


def test_finder_lists_open_schools_only(client, finder):
    response = client.get(finder.url)
    assert response.status_code == 200
    assert "Old Mill Special School" not in names(response)
    assert len(names(response)) == len(SCHOOLS) - 1


def test_special_school_for_a_twelve_year_old(client, finder):
    response = client.get(finder.url, {"age": "12", "type": "special"})
    assert sorted(names(response)) == ["Hollybank Special School", "Meadow View School"]
    # The address is shareable: the same query string gives the same list.
    assert "?age=12&amp;type=special" in response.content.decode() or response.wsgi_request.GET.urlencode()


FILTER_CASES = [
    ({"q": "oakfield"}, ["Oakfield Primary School"]),
    ({"q": "110002"}, ["Riverside Academy"]),
    ({"q": "NB9"}, ["Meadow View School", "Riverside Academy"]),
    # A postcode typed without its space, or in small letters, is the same postcode.
    ({"q": "NB99ZZ"}, ["Meadow View School", "Riverside Academy"]),
    ({"q": "nb9 9zz"}, ["Meadow View School", "Riverside Academy"]),
    ({"q": " nb99zz "}, ["Meadow View School", "Riverside Academy"]),
    ({"q": "NB99ZY"}, []),
    ({"phase": "early_years"}, ["Little Acorns Nursery"]),
    ({"phase": ["primary", "fe"]}, ["Northbrook College", "Oakfield Primary School"]),
    ({"type": "mainstream"}, ["Oakfield Primary School", "Riverside Academy"]),
    ({"provision": "on"}, ["Northbrook College", "Oakfield Primary School"]),
    ({"need": "autism"}, ["Oakfield Primary School"]),
    ({"area": "out"}, ["Meadow View School"]),
    ({"age": "17-19", "type": "special"}, ["Hollybank Special School", "Meadow View School"]),
    # A range of ages finds every school whose ages overlap it, not only those covering all of it.
    ({"age": "2-4", "type": "special"}, ["Hollybank Special School"]),
    (
        {"age": "5-11"},
        ["Hollybank Special School", "Meadow View School", "Oakfield Primary School", "Riverside Academy"],
    ),
    ({"age": "0-1"}, ["Little Acorns Nursery"]),
    ({"age": "20-25"}, ["Northbrook College"]),
]


def test_filters(client, finder):
    for params, expected in FILTER_CASES:
        response = client.get(finder.url, params)
        assert response.status_code == 200
        assert sorted(names(response)) == sorted(expected), params


BAD_CASES = [
    ({"age": "twelve"}, "Enter an age in years"),
    ({"age": "99"}, "Enter an age in years"),
    ({"age": "16-11"}, "Enter an age in years"),
    ({"type": "castle"}, "Choose a type of school from the list"),
    ({"phase": "<script>"}, "Choose a phase from the list"),
    ({"need": "nonsense"}, "Choose a need from the list"),
    ({"area": "moon"}, "Choose in our area"),
    ({"q": "x" * 300}, "characters or fewer"),
]


def test_bad_parameters_are_explained_never_an_error_page(client, finder):
    for params, message in BAD_CASES:
        response = client.get(finder.url, params)
        assert response.status_code == 200, params
        page = response.content.decode()
        assert "There is a problem" in page and message in page, params
        assert len(names(response)) == len(SCHOOLS) - 1, params  # the bad filter is ignored
    for number in ["0", "-1", "abc", "99999", "1.5"]:
        assert client.get(finder.url, {"page": number}).status_code == 200


def test_digits_that_are_not_ascii_are_words_not_a_urn(client, finder):
    """Digits to str.isdigit() but not ASCII ("²²²²²²", "①①①①①①", Arabic-Indic) are searched for as words: they
    find nothing, never a server error (int() refuses the first two) nor a URN."""
    for query in ["²²²²²²", "①①①①①①", "١١٠٠٠٢"]:
        response = client.get(finder.url, {"q": query})
        assert response.status_code == 200, query
        assert names(response) == [], query


def test_only_real_choices_count_as_filtering(client, finder):
    """The empty form sends a distance (its select always has one) and empty boxes: nothing is chosen, so the page
    is the unfiltered finder. A postcode is a search; the panel's "(N chosen)" counts only the panel's boxes."""
    empty = client.get(finder.url, {"q": "", "age": "", "postcode": "", "distance": "5", "area": ""})
    page = empty.content.decode()
    assert empty.context["filtered"] is False and empty.context["panel_chosen"] == 0
    assert "chosen)" not in page and "your choices" not in page and "Clear all filters" not in page
    assert "Special schools by age" in page
    assert len(names(empty)) == len(SCHOOLS) - 1

    PostcodeFactory(postcode="NB1 2AB")
    near = client.get(finder.url, {"postcode": "NB1 2AB", "distance": "5"})
    page = near.content.decode()
    assert near.context["filtered"] is True and near.context["panel_chosen"] == 0
    assert "Clear all filters" in page and "chosen)" not in page

    panel = client.get(
        finder.url, {"q": "school", "age": "12", "type": "special", "phase": ["primary", "secondary"], "distance": "5"}
    )
    assert panel.context["filtered"] is True and panel.context["panel_chosen"] == 3
    assert "Filter results (3 chosen)" in panel.content.decode()


def test_school_page_and_site_search(client, finder):
    school = SchoolPage.objects.get(urn=110001)
    page = client.get(school.url).content.decode()
    assert "<h1" in page and page.count("<h1") == 1
    assert "Resourced provision for autism" in page or "Resourced provision" in page
    assert "We do not have a link to this school's report yet" in page
    results = client.get("/search/", {"q": "Hollybank"}).content.decode()
    assert "Hollybank Special School" in results
