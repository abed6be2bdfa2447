"""Search and filters on the service directory, checked against a plain Python filter over the same services."""

import datetime
import random
import re
import threading
import time
from urllib.parse import urlencode

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.ages import AGE_BANDS, AGE_BANDS_BY_SLUG
from directory.models import NeedType, ServiceCategory, ServiceVenue
from directory.places.geo import Point, distance_miles
from directory.services import facet_index
from directory.services import views as directory_views
from tests.factories import (
    LocalityFactory,
    LocalOfferSettingsFactory,
    PostcodeFactory,
    ServicePageFactory,
    ServiceVenueFactory,
)

pytestmark = pytest.mark.django_db

VOCAB = ["swimming", "therapy", "music", "garden", "football", "cookery"]
TIERS = ["universal", "targeted", "specialist"]
DELIVERY = ["in_person", "online", "phone", "home_visits"]
AREAS = ["local", "outside", "national"]
COSTS = ["free", "some", "charged"]
LOCALITIES = ["eastfield", "westmoor", "southgate"]  # the towns and areas venues may be in
# Postcodes a family may type, and where they are; "NB4" is the district of the two NB4 postcodes (their mean).
POSTCODES = {
    "NB1 1AA": Point(53.48, -2.24),
    "NB4 2EF": Point(53.4825, -2.201),
    "NB4 2EG": Point(53.4845, -2.199),
    "SW1A 1AA": Point(51.501009, -0.141588),
}
PLACES = {**POSTCODES, "NB4": Point(53.4835, -2.2)}


def words(text):
    return set(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.fixture
def dataset(directory):
    """About 40 published services with varied attributes, plus drafts, unpublished and expired services that
    must never appear. Returns the directory and a plain-Python description of every visible service."""
    need_slugs = list(NeedType.objects.values_list("slug", flat=True))
    category_slugs = list(ServiceCategory.objects.values_list("slug", flat=True))
    rng = random.Random(20261123)
    for postcode, point in POSTCODES.items():
        PostcodeFactory(postcode=postcode, latitude=point.latitude, longitude=point.longitude)
    localities = {slug: LocalityFactory(name=slug.title()) for slug in LOCALITIES}
    visible = []
    for number in range(40):
        lo = rng.randint(0, 25)
        hi = rng.randint(lo, 25)
        needs = rng.sample(need_slugs, rng.randint(0, 3))
        categories = rng.sample(category_slugs, rng.randint(1, 2))
        delivery = {m: rng.random() < 0.4 for m in DELIVERY}
        fields = {
            "title": f"{rng.choice(['Sunny', 'Bright', 'Oak', 'River'])} {rng.choice(VOCAB)} {number}",
            "summary": f"Weekly {rng.choice(VOCAB)} sessions.",
            "tier": rng.choice(TIERS),
            "min_age": lo,
            "max_age": hi,
            "cost": rng.choice(COSTS),
            "self_referral": rng.random() < 0.5,
            "area": rng.choice(AREAS),
            **{f"delivery_{m}": v for m, v in delivery.items()},
        }
        page = ServicePageFactory(need_types=needs, categories=categories, **fields)
        # No venue (online, by phone), a venue with no map position, or one or two venues within about 15 miles.
        # Each venue in one of the towns or areas, or in none.
        points, in_localities = [], set()
        for sort_order in range(rng.choice([0, 0, 1, 1, 1, 2])):
            locality = rng.choice([None, *LOCALITIES])
            if locality:
                in_localities.add(locality)
            if rng.random() < 0.15:
                ServiceVenueFactory(
                    page=page, postcode="", sort_order=sort_order, locality=localities.get(locality or "")
                )
                continue
            point = Point(round(rng.uniform(53.30, 53.66), 6), round(rng.uniform(-2.56, -1.92), 6))
            ServiceVenueFactory(
                page=page,
                postcode="",
                latitude=point.latitude,
                longitude=point.longitude,
                sort_order=sort_order,
                locality=localities.get(locality or ""),
            )
            points.append(point)
        need_objs = list(page.need_types.all())
        cat_objs = list(page.categories.all())
        haystack = " ".join(
            [page.title, page.summary, page.eligibility, page.who_for, page.languages]
            + [n.name for n in need_objs]
            + [c.name for c in cat_objs]
        )
        visible.append(
            {
                "pk": page.pk,
                "min": lo,
                "max": hi,
                "needs": set(needs),
                "areas": {n.area.slug for n in need_objs},
                "categories": set(categories),
                "tier": fields["tier"],
                "cost": fields["cost"],
                "self_referral": fields["self_referral"],
                "delivery": delivery,
                "area": fields["area"],
                "localities": in_localities,
                "words": words(haystack),
                "points": points,
                "title": page.title,
            }
        )
    # Hidden: they match everything a family could ask for, and must still never appear.
    everything = {"need_types": need_slugs, "categories": category_slugs, "summary": " ".join(VOCAB)}
    hidden = [
        ServicePageFactory(draft=True, title="Draft swimming therapy", **_all(everything)),
        ServicePageFactory(title="Withdrawn swimming therapy", **_all(everything)),
        ServicePageFactory(expired=True, title="Expired swimming therapy", **_all(everything)),
    ]
    hidden[1].unpublish()
    return directory, visible, {p.pk for p in hidden}


def _all(everything):
    return {
        "need_types": everything["need_types"],
        "categories": everything["categories"],
        "summary": everything["summary"],
        "cost": "free",
        "self_referral": True,
        "delivery_online": True,
        "delivery_phone": True,
        "delivery_home_visits": True,
    }


def python_filter(services, params):
    def ok(s):
        if "age" in params and not s["min"] <= params["age"] <= s["max"]:
            return False
        if params.get("age_band") and not any(
            AGE_BANDS_BY_SLUG[b].overlaps(s["min"], s["max"]) for b in params["age_band"]
        ):
            return False
        if params.get("need") and not s["needs"] & set(params["need"]):
            return False
        if params.get("area_of_need") and not s["areas"] & set(params["area_of_need"]):
            return False
        if params.get("tier") and s["tier"] not in params["tier"]:
            return False
        if params.get("category") and not s["categories"] & set(params["category"]):
            return False
        if params.get("free") and s["cost"] != "free":
            return False
        if params.get("self_referral") and not s["self_referral"]:
            return False
        if params.get("delivery") and not any(s["delivery"][m] for m in params["delivery"]):
            return False
        if params.get("locality") and not s["localities"] & set(params["locality"]):
            return False
        if params.get("area") and s["area"] not in params["area"]:
            return False
        if params.get("q") and not set(params["q"].split()) <= s["words"]:
            return False
        if params.get("postcode") and s["points"]:
            return miles_away(s, params) <= params.get("distance", 5)
        return True

    return {s["pk"] for s in services if ok(s)}


def miles_away(service, params):
    """Miles from the postcode searched for to the service's nearest venue (infinity for one with none)."""
    centre = PLACES[params["postcode"]]
    return min((distance_miles(centre, point) for point in service["points"]), default=float("inf"))


def query_string(params):
    pairs = []
    for key, value in params.items():
        if isinstance(value, list):
            pairs += [(key, v) for v in value]
        elif value is True:
            pairs.append((key, "on"))
        else:
            pairs.append((key, value))
    return urlencode(pairs)


def get(client, directory, params):
    response = client.get(f"{directory.url}?{query_string(params)}")
    assert response.status_code == 200
    return response


def result_pks(response):
    return set(response.context["result_pks"])


NEED_SLUGS = [
    "autism", "speech-language-communication", "moderate-learning-difficulties", "severe-learning-difficulties",
    "profound-multiple-learning-difficulties", "specific-learning-difficulties", "adhd",
    "social-emotional-mental-health", "hearing-impairment", "visual-impairment", "multi-sensory-impairment",
    "physical-disability",
]  # fmt: skip
AREA_SLUGS = [
    "communication-and-interaction", "cognition-and-learning", "social-emotional-mental-health",
    "sensory-and-physical",
]  # fmt: skip
CATEGORY_SLUGS = [
    "education", "health", "social-care", "preparing-for-adulthood", "travel-and-transport",
    "information-advice-and-support", "childcare", "leisure-and-short-breaks",
]  # fmt: skip


def subsets(values, max_size=3):
    return st.lists(st.sampled_from(values), min_size=1, max_size=max_size, unique=True)


filter_params = st.fixed_dictionaries(
    {},
    optional={
        "age": st.integers(0, 25),
        "age_band": subsets([b.slug for b in AGE_BANDS], 2),
        "need": subsets(NEED_SLUGS),
        "area_of_need": subsets(AREA_SLUGS, 2),
        "tier": subsets(TIERS, 2),
        "category": subsets(CATEGORY_SLUGS),
        "free": st.just(True),
        "self_referral": st.just(True),
        "delivery": subsets(DELIVERY, 2),
        "area": subsets(AREAS, 2),
        "locality": subsets(LOCALITIES, 2),
        "q": st.sampled_from(VOCAB) | st.lists(st.sampled_from(VOCAB), min_size=2, max_size=2).map(" ".join),
        "sort": st.sampled_from(["relevance", "az", "reviewed", "distance"]),
        "postcode": st.sampled_from(sorted(PLACES)),
        "distance": st.sampled_from([1, 3, 5, 10, 25]),
    },
)

HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@HYPOTHESIS
@given(params=filter_params, click=st.randoms(use_true_random=False))
def test_results_and_facet_counts_match_a_plain_python_filter(client, dataset, params, click):
    """Every result satisfies every active filter, no visible matching service is missing, hidden services never
    appear, and each option's count is the number of results you get by choosing that option."""
    directory, visible, hidden = dataset
    response = get(client, directory, params)
    found = result_pks(response)
    assert not found & hidden, "a draft, unpublished or expired service appeared"
    assert found == python_filter(visible, params)
    assert response.context["result_count"] == len(found)
    if params.get("postcode"):
        # Services with a venue that near come first, then those with no venue on the map; nearest first unless
        # another order was chosen.
        by_pk = {s["pk"]: s for s in visible}
        away = [miles_away(by_pk[pk], params) for pk in response.context["result_pks"]]
        located = [miles != float("inf") for miles in away]
        assert located == sorted(located, reverse=True)
        assert response.context["near_count"] == sum(located)
        if params.get("sort", "distance") == "distance":
            assert away == sorted(away)

    options = [option for facet in response.context["facets"] for option in facet.options]
    assert len(options) > 30
    assert {o.value for o in options if o.name == "locality"} == set(LOCALITIES)  # every town or area is offered
    for option in options:
        applied = dict(params)
        applied[option.name] = True if option.value == "on" else [option.value]
        assert option.count == len(python_filter(visible, applied)), (option.name, option.value)
    # And through the site itself, for one option: following it gives the count it showed.
    option = click.choice(options)
    applied = dict(params)
    applied[option.name] = True if option.value == "on" else [option.value]
    assert get(client, directory, applied).context["result_count"] == option.count


def test_town_or_area_is_offered_only_where_a_service_has_a_venue_there(client, directory):
    eastfield, _empty = LocalityFactory(name="Eastfield"), LocalityFactory(name="Southgate")
    online = ServicePageFactory(title="Online club", venues=[])

    def groups(params=""):
        response = client.get(f"{directory.url}?{params}")
        return {facet.name: facet for facet in response.context["facets"]}, response

    assert "locality" not in groups()[0]  # no service has a venue in a town or area: no group
    swim = ServicePageFactory(
        title="Swim club",
        venues=[ServiceVenueFactory.build(page=None, locality=eastfield), ServiceVenueFactory.build(page=None)],
    )
    facets, response = groups()
    assert [(o.label, o.count) for o in facets["locality"].options] == [("Eastfield", 1)]  # not Southgate: none
    assert facets["locality"].legend == "Town or area"
    html = response.content.decode()
    assert 'name="locality" type="checkbox" value="eastfield"' in html

    facets, response = groups("locality=eastfield")
    assert result_pks(response) == {swim.pk} and online.pk not in result_pks(response)
    assert [link["label"] for link in response.context["filter_links"]] == ["Eastfield"]
    # A town or area with no services, or none at all, is left out with a note, not an error.
    _facets, response = groups("locality=southgate")
    assert result_pks(response) == set()
    _facets, response = groups("locality=nowhere")
    assert result_pks(response) == {swim.pk, online.pk}
    assert "is not one of the options" in response.content.decode()


def test_keyword_results_list_title_matches_first(client, directory):
    body_match = ServicePageFactory(title="Aardvark club", summary="We go swimming every week.")
    title_match = ServicePageFactory(title="Zebra swimming club", summary="Fun in the pool.")
    response = get(client, directory, {"q": "swimming"})
    assert [p.pk for p in response.context["services"]] == [title_match.pk, body_match.pk]
    response = get(client, directory, {"q": "swimming", "sort": "az"})
    assert [p.pk for p in response.context["services"]] == [body_match.pk, title_match.pk]


def test_keyword_finds_services_by_need_type_and_category_names(client, directory):
    service = ServicePageFactory(title="Saturday club", need_types=["hearing-impairment"], categories=["childcare"])
    ServicePageFactory(title="Other club")
    assert result_pks(get(client, directory, {"q": "hearing"})) == {service.pk}
    assert result_pks(get(client, directory, {"q": "childcare"})) == {service.pk}


def test_unfiltered_page_is_indexable_and_filtered_pages_are_not(client, directory):
    ServicePageFactory()
    assert b'name="robots" content="noindex"' not in client.get(directory.url).content
    assert b'name="robots" content="noindex"' in client.get(f"{directory.url}?tier=targeted").content


def test_active_filters_each_have_a_remove_link_and_clear_all_keeps_the_search(client, directory):
    ServicePageFactory(title="Swimming club", need_types=["autism"])
    response = get(client, directory, {"q": "swimming", "need": ["autism", "adhd"], "age": 7, "page": 1})
    links = {(link["group"], link["label"]): link["url"] for link in response.context["filter_links"]}
    assert links[("Type of need", "ADHD")] == "?q=swimming&need=autism&age=7"
    assert links[("Age", "7 years old")] == "?q=swimming&need=autism&need=adhd"
    assert response.context["clear_url"] == "?q=swimming"
    assert 'href="?q=swimming&amp;need=autism&amp;age=7"' in response.content.decode()


@pytest.mark.parametrize("age, said", [("0", "Under 1 year old"), ("1", "1 year old"), ("7", "7 years old")])
def test_a_chosen_age_is_said_as_a_parent_says_it(client, directory, age, said):
    ServicePageFactory(title="Play club", min_age=0, max_age=11)
    assert said in client.get(directory.url, {"age": age}).content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ("age=abc", "Enter the age in years as a number, like 7"),
        ("age=99", "Enter an age from 0 to 25"),
        ("age=-1", "Enter an age from 0 to 25"),
        ("tier=%3Cscript%3Ealert(1)%3C/script%3E", "is not one of the options"),
        ("need=99999&need=autism&need=autism", "is not one of the options"),
        ("category=nope", "is not one of the options"),
        ("page=99999", "so we showed the last one"),
        ("page=abc", "page number was not a number"),
        ("sort=sideways", "Select a valid choice"),
        ("q=" + "x" * 300, "200 characters or fewer"),
        ("age=7&age=8&tier=targeted&tier=targeted", ""),
        ("free=maybe&self_referral=0&delivery=carrier-pigeon&area=moon&age_band=99-100", ""),
        ("unknown=1&q=%00%ff", ""),
    ],
)
def test_bad_parameters_give_a_clear_message_never_an_error(client, directory, query, message):
    ServicePageFactory(title="Swimming club")
    response = client.get(f"{directory.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("number", ["0", "-1"])
def test_a_page_number_below_one_shows_the_first_page_without_a_false_message(client, directory, number):
    for n in range(25):  # two pages
        ServicePageFactory(title=f"Club {n:02d}")
    response = client.get(directory.url, {"page": number, "sort": "az"})
    assert response.context["page_obj"].number == 1
    assert "so we showed the last one" not in response.content.decode()


def test_invalid_age_is_linked_from_the_error_summary_and_other_filters_still_apply(client, directory):
    targeted = ServicePageFactory(tier="targeted")
    ServicePageFactory(tier="specialist")
    response = client.get(f"{directory.url}?age=seven&tier=targeted")
    html = response.content.decode()
    assert 'href="#id_age"' in html and 'id="id_age"' in html and 'value="seven"' in html
    assert result_pks(response) == {targeted.pk}


def test_no_results_offers_to_remove_filters_and_points_to_sendiass(client, directory):
    LocalOfferSettingsFactory(sendiass_name="Testshire SENDIASS", sendiass_phone="01632 960999")
    ServicePageFactory(title="Swimming club")
    html = client.get(f"{directory.url}?q=zzzzqqq&tier=specialist").content.decode()
    assert "0 services" in html
    assert "Testshire SENDIASS" in html and "01632 960 999" in html  # shown formatted
    assert "Clear all filters" in html and "Remove" in html


def test_query_count_does_not_grow_with_results_or_services(client, directory, monkeypatch):
    monkeypatch.setattr(directory_views, "RESULTS_PER_PAGE", 100)
    url = f"{directory.url}?q=club&age_band=5-11&need=autism&category=health&tier=targeted"

    def add(n):
        for _ in range(n):
            ServicePageFactory(
                title="Autism club",
                min_age=5,
                max_age=11,
                need_types=["autism", "adhd"],
                categories=["health", "education"],
                venues=[ServiceVenue(name="Hall", step_free=True)],
            )

    def count():
        client.get(url)  # warm caches that are per process, not per request (site root paths)
        client.get(url)  # the first request made the site settings row: a change, so a new content version
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return response.context["result_count"], len(queries)

    add(10)
    results_10, queries_10 = count()
    add(40)
    results_50, queries_50 = count()
    assert (results_10, results_50) == (10, 50)
    assert queries_50 == queries_10, f"{queries_10} queries for 10 results, {queries_50} for 50"
    assert queries_10 <= 25


def test_results_follow_publishing_unpublishing_and_expiry_at_once(client, directory, monkeypatch):
    first = ServicePageFactory(title="First club")
    assert result_pks(get(client, directory, {})) == {first.pk}
    second = ServicePageFactory(title="Second club")
    assert result_pks(get(client, directory, {})) == {first.pk, second.pk}
    first.unpublish()
    assert result_pks(get(client, directory, {})) == {second.pk}
    first.save_revision().publish()
    third = ServicePageFactory(title="Third club", expire_at=timezone.now() + datetime.timedelta(hours=1))
    assert result_pks(get(client, directory, {})) == {first.pk, second.pk, third.pk}
    # Two hours later its expiry time has passed but the scheduled job has not yet unpublished it: it goes at once.
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr("directory.services.facet_index.timezone.now", lambda: later)
    monkeypatch.setattr("localoffer.visibility.timezone.now", lambda: later)
    assert result_pks(get(client, directory, {})) == {first.pk, second.pk}
    second.unpublish()
    first.refresh_from_db()  # published again above, through a revision
    first.unpublish()
    assert result_pks(get(client, directory, {})) == set()


def test_search_words_may_be_split_between_title_and_summary(client, directory):
    """A family types "swimming therapy": a service called "Oak swimming club" whose summary says therapy matches."""
    service = ServicePageFactory(title="Oak swimming club", summary="Weekly therapy sessions.")
    ServicePageFactory(title="Other club", summary="Weekly sessions.")
    assert result_pks(get(client, directory, {"q": "swimming therapy"})) == {service.pk}
    assert len(result_pks(get(client, directory, {"q": "weekly"}))) == 2


def test_every_rewording_in_two_queries_finds_what_one_match_a_rewording_finds(directory):
    # The families' words: what was typed and each rewording are matched (and ranked) together, in the same order
    # and with the same results as one match() each, whatever the filters and the order chosen.
    from directory.services.facet_index import get_index
    from directory.services.search import match, match_each
    from localoffer.synonyms.expand import expand

    for n in range(6):
        words = "Short breaks and respite for autistic children " * (n % 3 + 1)
        ServicePageFactory(title=f"Autism club {n}", summary=words, need_types=["autism"] if n % 2 else ["adhd"])
        ServicePageFactory(title=f"Short breaks {n}", summary="autism " * n + "x", need_types=["autism"])
        ServicePageFactory(title=f"Respite care {n}", summary="for ASD club " * n + "x", categories=["health"])
    index = get_index()
    for typed in ("respite care for ASD", "autistic club", "respite", "anxiety"):
        searches = expand(typed)
        assert len(searches) > 1
        for active in ({}, {"need": ["autism"]}, {"category": ["health"]}, {"need": ["adhd"], "category": ["health"]}):
            for sort in ("relevance", "az", "reviewed"):
                one_each = [match(index, active, words, sort) for words in searches]
                with CaptureQueriesContext(connection) as queries:
                    together = match_each(index, active, searches, sort)
                assert together == one_each, (typed, active, sort)
                assert len(queries) <= 2


@pytest.mark.django_db(transaction=True)  # the threads read the rows through their own connections
def test_threads_asking_at_once_after_a_change_share_one_build(directory, monkeypatch):
    """A worker's threads that ask for the index while it is being built wait for that build, not one each."""
    # No categories or need types: migrations seed them, and a transactional test before this one may have emptied them.
    ServicePageFactory(title="Built once", categories=[], need_types=[])
    facet_index.invalidate()
    builds = []
    build = facet_index.build

    def slow_build(key):
        builds.append(key)
        time.sleep(0.3)  # long enough for every thread to be waiting on the first build
        return build(key)

    monkeypatch.setattr(facet_index, "build", slow_build)
    found = []

    def ask():
        try:
            found.append(facet_index.get_index())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 and len(builds) == 1
    assert all(index is found[0] for index in found)
