"""Search by postcode on the service directory: distances and nearest venues, the group of services with no venue,
messages for postcodes that cannot be used, hostile input, and a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import ServiceVenue
from directory.services import views as directory_views
from tests.factories import PostcodeFactory, SchoolPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def venue(name, latitude, longitude, postcode=""):
    return ServiceVenue(name=name, postcode=postcode, latitude=latitude, longitude=longitude)


@pytest.fixture
def town(directory):
    """Postcodes around Northbrook and services at known distances from NB4 2EF (53.4825, -2.201)."""
    PostcodeFactory(postcode="NB4 2EF", latitude=53.4825, longitude=-2.201)
    PostcodeFactory(postcode="NB4 2EG", latitude=53.4845, longitude=-2.199)
    PostcodeFactory(postcode="NB1 1AA", latitude=53.48, longitude=-2.24)
    PostcodeFactory(postcode="NB4 9ZZ", latitude=53.483, longitude=-2.199, terminated=True)
    services = {
        # 1.6 miles away (Civic Centre), with a second venue 3.7 miles away: the nearest one counts.
        "civic": ServicePageFactory(
            title="Civic club",
            venues=[
                venue("Westmoor Centre", "53.478100", "-2.289500"),
                venue("Civic Centre", "53.480000", "-2.240000"),
            ],
        ),
        "hub": ServicePageFactory(title="Hub club", venues=[venue("Eastfield Hub", "53.482500", "-2.201000")]),
        "far": ServicePageFactory(title="Far club", venues=[venue("Leeds College", "53.800800", "-1.549100")]),
        "online": ServicePageFactory(title="Online chat", delivery_online=True),
        "phone": ServicePageFactory(title="Phone line", delivery_phone=True),
        # A venue with no map position (no postcode we know) counts as no venue to measure from.
        "unplaced": ServicePageFactory(title="Unplaced club", venues=[venue("Somewhere", None, None)]),
    }
    return directory, services


def get(client, directory, query):
    response = client.get(f"{directory.url}?{query}")
    assert response.status_code == 200
    return response


def titles(services):
    return [service.title for service in services]


def test_results_are_nearest_first_with_the_distance_to_the_nearest_venue(client, town):
    directory, _services = town
    response = get(client, directory, "postcode=nb42ef")
    assert response.context["sort"] == "distance"
    assert titles(response.context["near_services"]) == ["Hub club", "Civic club"]
    html = response.content.decode()
    distances = re.findall(r'result-distance"><strong>([^<]*)</strong>([^<]*)', html)
    assert distances == [("less than 0.1 miles", " away, at Eastfield Hub"), ("1.6 miles", " away, at Civic Centre")]
    assert "2 with a venue within 5 miles of NB4 2EF, nearest first" in html
    assert "with no venue to travel to (online, by phone or at home)" in html  # the phone line and the rest
    # Where every result has a venue, the page does not speak of "0 with no venue".
    html = get(client, directory, "postcode=nb42ef&q=hub").content.decode()
    assert "1 with a venue within 5 miles" in html and "no venue to travel to" not in html
    # Further out, the far venue is still too far, and Civic club's nearest venue is still the Civic Centre.
    response = get(client, directory, "postcode=NB4+2EF&distance=25")
    assert titles(response.context["near_services"]) == ["Hub club", "Civic club"]
    response = get(client, directory, "postcode=NB4+2EF&distance=1")
    assert titles(response.context["near_services"]) == ["Hub club"]


def test_services_with_no_venue_are_a_labelled_group_after_the_near_ones_never_hidden(client, town):
    directory, services = town
    response = get(client, directory, "postcode=NB4+2EF&distance=1")
    assert titles(response.context["unlocated_services"]) == ["Online chat", "Phone line", "Unplaced club"]
    assert response.context["result_count"] == 4
    html = response.content.decode()
    assert "Online, by phone or at home: no venue to travel to" in html
    assert html.index("Hub club") < html.index('id="no-venue-heading"') < html.index("Online chat")
    # Other filters still apply to the group.
    response = get(client, directory, "postcode=NB4+2EF&delivery=phone")
    assert titles(response.context["unlocated_services"]) == ["Phone line"]


def test_the_no_venue_group_is_complete_across_pages(client, town, monkeypatch):
    directory, _services = town
    monkeypatch.setattr(directory_views, "RESULTS_PER_PAGE", 2)
    seen_near, seen_unlocated = [], []
    for page in (1, 2, 3):
        response = get(client, directory, f"postcode=NB4+2EF&page={page}")
        seen_near += titles(response.context["near_services"])
        seen_unlocated += titles(response.context["unlocated_services"])
    assert seen_near == ["Hub club", "Civic club"]
    assert seen_unlocated == ["Online chat", "Phone line", "Unplaced club"]


def test_other_sorts_still_work_within_each_group(client, town):
    directory, _services = town
    response = get(client, directory, "postcode=NB4+2EF&sort=az")
    assert titles(response.context["near_services"]) == ["Civic club", "Hub club"]
    assert titles(response.context["unlocated_services"]) == ["Online chat", "Phone line", "Unplaced club"]
    assert ("distance", "Nearest first") in response.context["sort_choices"]
    # Without a postcode there is no nearest-first sort, and asking for it gives the usual order.
    response = get(client, directory, "sort=distance")
    assert response.context["sort"] == "az"
    assert ("distance", "Nearest first") not in response.context["sort_choices"]


def test_a_district_searches_from_the_centre_of_its_postcodes(client, town):
    directory, _services = town
    response = get(client, directory, "postcode=NB4&distance=1")
    assert titles(response.context["near_services"]) == ["Hub club"]
    assert "within 1 mile of NB4" in response.content.decode()


def test_facet_counts_respect_the_distance(client, town):
    directory, _services = town
    response = get(client, directory, "postcode=NB4+2EF&distance=1")
    counts = {(o.name, o.value): o.count for f in response.context["facets"] for o in f.options}
    assert counts[("delivery", "online")] == 1
    # Every service has one tier: the tiers' counts add up to the results (Hub club and the no-venue three).
    assert sum(counts[("tier", tier)] for tier in ("universal", "targeted", "specialist")) == 4
    assert response.context["result_count"] == 4


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("NB4 7XX", "We cannot find NB4 7XX. Check the postcode, or enter just the first half, like NB4"),
        ("ZZ9", "We cannot find ZZ9"),
        ("NB4 9ZZ", "NB4 9ZZ is no longer used. Enter your current postcode"),
        ("not a postcode", "Enter a full postcode, like SW1A 2AA, or just the first half, like SW1A"),
        ("NB4 2", "Enter a full postcode"),
    ],
)
def test_a_postcode_that_cannot_be_used_says_why_beside_the_field_and_results_are_not_filtered(
    client, town, postcode, message
):
    directory, _services = town
    response = get(client, directory, f"postcode={postcode}&distance=1")
    html = response.content.decode()
    assert 'href="#id_postcode"' in html  # the error summary links to the field
    field = html[html.index('for="id_postcode"') : html.index('id="id_postcode"')]
    assert message in field
    assert 'aria-describedby="id_postcode-hint id_postcode-error"' in html
    assert response.context["near"] is None
    assert response.context["result_count"] == 6
    assert "Near" not in [link["group"] for link in response.context["filter_links"]]


def test_a_distance_that_is_not_a_choice_uses_five_miles_and_says_so(client, town):
    directory, _services = town
    response = get(client, directory, "postcode=NB4+2EF&distance=7")
    assert response.context["near"][1] == 5
    assert "We searched within 5 miles because “7” is not one of the distances." in response.context["notices"]


def test_the_postcode_has_a_remove_link(client, town):
    directory, _services = town
    response = get(client, directory, "postcode=NB4+2EF&distance=3&tier=universal")
    links = {(link["group"], link["label"]): link["url"] for link in response.context["filter_links"]}
    assert links[("Near", "within 3 miles of NB4 2EF")] == "?tier=universal"


HOSTILE = [
    '"',
    "'; DROP TABLE directory_postcode; --",
    "NB4\x002EF",
    "x" * 20_000,
    "\u202eFE2 4BN\u202c",
    "ＮＢ４ ２ＥＦ",
    "سلام 🎉",
    "<script>alert('x')</script>",
    "%",
    "NB4 2EF\nNB1 1AA",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_postcodes_and_distances_never_cause_an_error(client, town, value):
    directory, _services = town
    for params in ({"postcode": value}, {"postcode": "NB4 2EF", "distance": value}, {"postcode": value, "sort": value}):
        response = client.get(directory.url, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert('x')" not in html
        assert response.context["result_count"] >= 4
    response = client.get(directory.url, {"postcode": ["NB4 2EF", value], "distance": ["1", value]})
    assert response.status_code == 200


def test_queries_do_not_grow_with_the_services_near(client, town):
    directory, _services = town
    get(client, directory, "postcode=NB4+2EF")  # builds the facet index

    def count():
        with CaptureQueriesContext(connection) as queries:
            get(client, directory, "postcode=NB4+2EF&distance=25")
        return len(queries)

    before = count()
    for n in range(12):
        ServicePageFactory(title=f"More {n}", venues=[venue(f"Hall {n}", "53.482000", "-2.202000")])
    get(client, directory, "postcode=NB4+2EF")  # rebuilds the index once
    assert count() == before


# The schools finder ---------------------------------------------------------------------------------------------


@pytest.fixture
def schools(schools_index):
    PostcodeFactory(postcode="NB4 2EF", latitude=53.4825, longitude=-2.201)
    PostcodeFactory(postcode="NB1 1AA", latitude=53.48, longitude=-2.24)
    PostcodeFactory(postcode="NB7 3WM", latitude=53.4781, longitude=-2.2895)
    SchoolPageFactory(title="Town School", postcode="NB1 1AA")  # 1.6 miles from NB4 2EF
    SchoolPageFactory(title="Eastfield School", postcode="nb4 2ef")  # as typed in an import: normalised to find
    SchoolPageFactory(title="Westmoor School", postcode="NB7 3WM")  # 3.7 miles
    SchoolPageFactory(title="New School", postcode="NB4 8NW")  # a postcode not in our data yet
    return schools_index


def test_schools_finder_lists_schools_nearest_first_with_distances(client, schools):
    response = client.get(schools.url, {"postcode": "NB4 2EF", "distance": "3"})
    assert response.status_code == 200
    assert [s.title for s in response.context["near_schools"]] == ["Eastfield School", "Town School"]
    assert [s.title for s in response.context["unplaced_schools"]] == ["New School"]
    html = response.content.decode()
    assert re.findall(r'result-distance"><strong>([^<]*)</strong>', html) == ["less than 0.1 miles", "1.6 miles"]
    assert "Schools and settings we cannot measure a distance to" in html
    response = client.get(schools.url, {"postcode": "NB4 2EF", "distance": "5", "q": "Westmoor"})
    assert [s.title for s in response.context["schools"]] == ["Westmoor School"]


def test_schools_finder_explains_a_postcode_it_cannot_use(client, schools):
    response = client.get(schools.url, {"postcode": "NB4 9QQ"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_postcode"' in html and "We cannot find NB4 9QQ" in html
    assert response.context["result_count"] == 4


@pytest.mark.parametrize("value", HOSTILE)
def test_schools_finder_takes_hostile_postcodes(client, schools, value):
    response = client.get(schools.url, {"postcode": value, "distance": value})
    assert response.status_code == 200
    assert "<script>alert('x')" not in response.content.decode()


def test_adding_a_postcode_to_the_form_sorts_nearest_first_even_though_the_sort_menu_is_sent(client, town):
    directory, _services = town
    html = get(client, directory, "").content.decode()
    # The default order's option sends no value, so the form does not pin A to Z once a postcode is added.
    assert '<option value="" selected>Name (A to Z)</option>' in html
    response = get(client, directory, "postcode=NB4+2EF&sort=")
    assert response.context["sort"] == "distance"
    html = get(client, directory, "postcode=NB4+2EF&sort=az").content.decode()
    assert '<option value="az" selected>Name (A to Z)</option>' in html  # chosen: kept
