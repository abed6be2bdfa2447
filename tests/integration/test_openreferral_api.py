"""The Open Referral UK 3.0 API (directory/openreferral/): every endpoint of the standard's openapi.json, its
responses checked against the standard's own schemas (tests/oruk.py), every query parameter checked against the same
data filtered in plain Python, and what must never be sent (services the public cannot see, private contacts)."""

import datetime
import json
import time
from uuid import UUID, uuid4

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from demo.generate import generate
from directory.models import NeedType, ServiceCategory, ServicePage
from directory.openreferral import taxonomies
from directory.places.geo import Point, distance_metres
from tests import oruk
from tests.factories import (
    OrganisationFactory,
    PostcodeFactory,
    SencoSubmissionFactory,
    ServiceContactFactory,
    ServicePageFactory,
    ServiceVenueFactory,
)

API = "/api/openreferral/v3"
LIST_ENDPOINTS = {
    "/services": "service_list",
    "/service_at_locations": "service_at_location_list",
    "/organizations": "organization_list",
    "/taxonomies": "taxonomy_list",
    "/taxonomy_terms": "taxonomy_term_list",
}
DETAIL_ENDPOINTS = {
    "/services": "service",
    "/service_at_locations": "service_at_location",
    "/organizations": "organization",
    "/taxonomies": "taxonomy",
    "/taxonomy_terms": "taxonomy_term",
}


def venue(**kwargs):
    return ServiceVenueFactory.build(page=None, **kwargs)


def contact(**kwargs):
    return ServiceContactFactory.build(page=None, **kwargs)


@pytest.fixture
def feed(directory):
    """Seven services the public can see (A to Z: s1..s7), three it cannot, and a SENCO's private details."""
    alpha = OrganisationFactory(name="Alpha Trust", provider_type="voluntary")
    beta = OrganisationFactory(name="Beta Health", provider_type="health")
    hidden = OrganisationFactory(name="Hidden Provider")
    week_ago = timezone.now() - datetime.timedelta(days=7)
    made = {
        "s1": ServicePageFactory(
            title="Autism parent workshops",
            summary="Workshops for parents of autistic children.",
            description="<p>Six weekly sessions.</p><ul><li>Bring a friend</li></ul>",
            organisation=alpha,
            need_types=["autism"],
            categories=["education"],
            tier="targeted",
            min_age=2,
            max_age=11,
            languages="English, Polish and British Sign Language",
            cost="some",
            cost_details="£5 a session; free with a short breaks card.",
            last_reviewed=datetime.date(2026, 3, 1),
            venues=[
                venue(
                    name="Riverside Centre",
                    address="12 River Road\nEastfield\nNorthbrook",
                    postcode="nb1  2ab",
                    latitude="52.123456",
                    longitude="-1.654321",
                    hearing_loop=True,
                    accessibility_notes="Lift to all floors.",
                )
            ],
            contacts=[
                contact(
                    name="Family team",
                    phone="01632 960100",
                    email="family.team@example.org",
                    website="https://alpha.example.org/workshops",
                )
            ],
        ),
        "s2": ServicePageFactory(
            title="Bright speech drop-in",
            organisation=beta,
            need_types=["speech-language-communication"],
            categories=["health"],
            tier="universal",
            last_published_at=week_ago,
            first_published_at=week_ago,
            venues=[venue(name="Library", address="The Library", postcode="")],
        ),
        "s3": ServicePageFactory(
            title="Club for wheelchair sports",
            organisation=alpha,
            need_types=["physical-disability"],
            categories=["leisure-and-short-breaks"],
            tier="specialist",
            venues=[venue(name="Sports hall", postcode="NB2 3CD"), venue(name="Pool", postcode="NB2 4EF")],
        ),
        "s4": ServicePageFactory(
            title="Dads' advice line",
            categories=["social-care"],
            tier="universal",
            delivery_in_person=False,
            delivery_phone=True,
            self_referral=True,
        ),
        "s5": ServicePageFactory(
            title="Energy: ADHD coaching",
            organisation=beta,
            need_types=["adhd"],
            categories=["health", "education"],
            tier="targeted",
            self_referral=False,
            professional_referral=True,
            last_published_at=week_ago,
            first_published_at=week_ago,
        ),
        "s6": ServicePageFactory(
            title="Fun autism swim",
            need_types=["autism", "physical-disability"],
            categories=["leisure-and-short-breaks"],
            tier="targeted",
            area="outside",
        ),
        "s7": ServicePageFactory(
            title="Grow: gardening club",
            organisation=OrganisationFactory(name="Gamma Gardens", provider_type="voluntary"),
            categories=["leisure-and-short-breaks"],
            tier="universal",
        ),
        "draft": ServicePageFactory(
            title="Autism secret draft", draft=True, organisation=hidden, need_types=["autism"], with_venue=True
        ),
        "expired": ServicePageFactory(title="Autism old club", expired=True, organisation=hidden, with_venue=True),
        "private": ServicePageFactory(title="Autism staff only", organisation=alpha, with_venue=True),
    }
    PageViewRestriction.objects.create(page=made["private"], restriction_type=PageViewRestriction.LOGIN)
    made["senco"] = SencoSubmissionFactory(
        senco_email="private.senco@school.example.sch.uk", senco_phone="07700 900123"
    )
    return made


VISIBLE = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"]
HIDDEN = ["draft", "expired", "private"]


def get(client, path, **headers):
    return client.get(f"{API}{path}", **headers)


def get_json(client, path):
    response = get(client, path)
    assert response.status_code == 200, (path, response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def all_pages(client, path, per_page=2):
    joiner = "&" if "?" in path else "?"
    first = get_json(client, f"{path}{joiner}per_page={per_page}")
    items = list(first["contents"])
    for page in range(2, first["total_pages"] + 1):
        items += get_json(client, f"{path}{joiner}per_page={per_page}&page={page}")["contents"]
    assert len(items) == first["total_items"]
    return items


def names(items):
    return [item["name"] for item in items]


def visible_names(feed, keys=VISIBLE, where=lambda s: True):
    return sorted(feed[key].title for key in keys if where(feed[key]))


# The standard's own checks ---------------------------------------------------------------------------------------


def test_root_names_the_version_profile_and_our_openapi_document(client, feed):
    oruk.require_standard()
    details = get_json(client, "/")
    oruk.check("api_details", details)
    assert details["version"] == "HSDS-UK-3.0"
    assert details["openapi_url"].endswith("/api/openreferral/v3/openapi.json")
    ours = get_json(client, "/openapi.json")
    ours_paths = {path.removeprefix("/api/openreferral/v3") or "/" for path in ours["paths"]}
    standard_paths = set(oruk.openapi()["paths"])
    assert {p.replace("{id}", "{id}") for p in standard_paths} <= ours_paths, standard_paths - ours_paths


@pytest.mark.parametrize("path", sorted(LIST_ENDPOINTS))
@pytest.mark.parametrize("form", ["", "full=true", "minimal=true", "full_service=true"])
def test_every_list_conforms_on_its_first_middle_and_last_page(client, feed, path, form):
    oruk.require_standard()
    schema = LIST_ENDPOINTS[path]
    query = f"{form}&" if form else ""
    first = get_json(client, f"{path}?{query}per_page=1")
    total = first["total_pages"]
    assert total >= 3, f"{path}: too few items for a middle page"
    for page in (1, (total + 1) // 2, total):
        body = get_json(client, f"{path}?{query}per_page=1&page={page}")
        oruk.check(schema, body)
        assert body["page_number"] == page
        assert body["size"] == 1 and len(body["contents"]) == 1
        assert body["first_page"] is (page == 1)
        assert body["last_page"] is (page == total)
        assert body["empty"] is False
        assert body["total_items"] == first["total_items"] and body["total_pages"] == total
    beyond = get_json(client, f"{path}?{query}per_page=1&page={total + 1}")
    oruk.check(schema, beyond)
    assert beyond["empty"] is True and beyond["size"] == 0 and beyond["contents"] == []


@pytest.mark.parametrize("path", sorted(DETAIL_ENDPOINTS))
def test_every_item_of_every_list_conforms_in_full(client, feed, path):
    oruk.require_standard()
    items = all_pages(client, path, per_page=3)
    assert items
    for item in items:
        body = get_json(client, f"{path}/{item['id']}")
        oruk.check(DETAIL_ENDPOINTS[path], body)
        assert body["id"] == item["id"]
    if path == "/organizations":
        oruk.check("organization", get_json(client, f"{path}/{items[0]['id']}?full_service=true"))


def test_a_full_service_carries_everything_a_family_reads(client, feed):
    oruk.require_standard()
    s1 = feed["s1"]
    body = get_json(client, f"/services/{s1.uuid}")
    oruk.check("service", body)
    assert body["name"] == "Autism parent workshops"
    assert body["description"] == "Workshops for parents of autistic children.\n\nSix weekly sessions.\nBring a friend"
    assert body["status"] == "active"
    assert (body["minimum_age"], body["maximum_age"]) == (2, 11)
    assert body["eligibility_description"] == s1.eligibility
    assert body["application_process"] == s1.access_steps
    assert body["assured_date"] == "2026-03-01"
    assert body["email"] == "family.team@example.org"
    assert body["url"] == "https://alpha.example.org/workshops"
    assert body["organization"]["name"] == "Alpha Trust" and body["organization_id"] == str(s1.organisation.uuid)
    assert [language["name"] for language in body["languages"]] == ["English", "Polish", "British Sign Language"]
    assert body["cost_options"][0]["option"] == "Some costs"
    assert body["cost_options"][0]["amount_description"].startswith("£5 a session")
    [person] = body["contacts"]
    assert person["name"] == "Family team" and person["phones"][0]["number"] == "01632 960100"
    [place] = body["service_at_locations"]
    location = place["location"]
    assert place["id"] == str(s1.venues.get().uuid)
    assert (location["latitude"], location["longitude"]) == (52.123456, -1.654321)
    [address] = location["addresses"]
    assert (address["address_1"], address["address_2"], address["city"]) == ("12 River Road", "Eastfield", "Northbrook")
    assert address["postal_code"] == "NB1 2AB" and address["country"] == "GB"
    assert {item["description"] for item in location["accessibility"]} == {
        "Step-free access",
        "Accessible toilet",
        "Hearing loop",
        "Lift to all floors.",
    }
    assert body["schedules"][0]["description"] == "Tuesdays, 10am to 12pm, term time only"
    assert body["schedules"][0]["service_at_location_id"] == place["id"]
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["name"]) for a in body["attributes"]}
    assert {
        ("SEND areas of need and need types", "Autism"),
        ("SEND areas of need and need types", "Communication and interaction"),
        ("Service categories", "Education"),
        ("Support tiers", "Targeted"),
        ("Where a service is", "In our area"),
        ("How a service is delivered", "In person"),
    } <= terms


def test_a_venue_without_a_postcode_is_a_location_without_an_address(client, feed):
    body = get_json(client, f"/service_at_locations/{feed['s2'].venues.get().uuid}")
    assert body["location"]["name"] == "Library"
    assert body["location"]["addresses"] == []
    for item in all_pages(client, "/service_at_locations?full=true", per_page=3):
        for address in item["location"].get("addresses", []):
            assert address["postal_code"].strip()


# Only what the public may see -------------------------------------------------------------------------------------


def test_only_visible_services_and_what_relates_to_them_are_ever_sent(client, feed):
    assert sorted(names(all_pages(client, "/services"))) == visible_names(feed)
    visible_venues = sorted(str(v.uuid) for key in VISIBLE for v in feed[key].venues.all())
    assert sorted(item["id"] for item in all_pages(client, "/service_at_locations")) == visible_venues
    # Organisations: only those running a service the public can see ("Hidden Provider" runs only hidden ones).
    assert sorted(names(all_pages(client, "/organizations"))) == ["Alpha Trust", "Beta Health", "Gamma Gardens"]
    alpha = get_json(client, f"/organizations/{feed['s1'].organisation.uuid}")
    assert sorted(names(alpha["services"])) == ["Autism parent workshops", "Club for wheelchair sports"]
    for key in HIDDEN:
        service = feed[key]
        assert get(client, f"/services/{service.uuid}").status_code == 404
        for place in service.venues.all():
            assert get(client, f"/service_at_locations/{place.uuid}").status_code == 404
    hidden_org = feed["draft"].organisation
    assert get(client, f"/organizations/{hidden_org.uuid}").status_code == 404


def test_private_contact_details_never_appear(client, feed):
    bodies = [
        get(client, path).content.decode()
        for path in (
            "/services?full=true&per_page=100",
            "/service_at_locations?full=true&per_page=100",
            "/organizations?full_service=true&per_page=100",
        )
    ]
    bodies += [get(client, f"/services/{feed[key].uuid}").content.decode() for key in VISIBLE]
    text = "\n".join(bodies)
    assert "family.team@example.org" in text  # the public team contact is there...
    senco = feed["senco"]
    for private in (senco.senco_email, senco.senco_phone, senco.senco_name, "Autism staff only", "Autism secret draft"):
        assert private not in text  # ...a SENCO's details and hidden services are not


# Every query parameter means what it says ---------------------------------------------------------------------------


def term_id(kind, value):
    vocabulary = taxonomies.load_vocabulary()
    return vocabulary.by_kind_value[(kind, value)].id


def test_taxonomy_term_and_taxonomy_filters_match_the_services_own_fields(client, feed):
    def has_need(slug):
        return lambda s: s.need_types.filter(slug=slug).exists()

    def has_category(slug):
        return lambda s: s.categories.filter(slug=slug).exists()

    cases = [
        (taxonomies.NEED_TYPE, "autism", has_need("autism")),
        (
            taxonomies.AREA_OF_NEED,
            "sensory-and-physical",
            lambda s: s.need_types.filter(area__slug="sensory-and-physical").exists(),
        ),
        (taxonomies.CATEGORY, "leisure-and-short-breaks", has_category("leisure-and-short-breaks")),
        (taxonomies.CATEGORY, "education", has_category("education")),
        (taxonomies.TIER, "universal", lambda s: s.tier == "universal"),
        (taxonomies.ACCESS_ROUTE, "professional_referral", lambda s: s.professional_referral),
        (taxonomies.DELIVERY, "delivery_phone", lambda s: s.delivery_phone),
        (taxonomies.AREA, "outside", lambda s: s.area == "outside"),
    ]
    for kind, value, test in cases:
        expected = visible_names(feed, where=test)
        assert expected, (kind, value)
        found = names(all_pages(client, f"/services?taxonomy_term_id={term_id(kind, value)}"))
        assert sorted(found) == expected, (kind, value)
        sal = all_pages(client, f"/service_at_locations?taxonomy_term_id={term_id(kind, value)}")
        assert {item["service"]["name"] for item in sal} <= set(expected)
    needs = names(all_pages(client, f"/services?taxonomy_id={taxonomies.SEND_NEEDS.id}"))
    assert sorted(needs) == visible_names(feed, where=lambda s: s.need_types.exists())
    assert len(all_pages(client, f"/services?taxonomy_id={taxonomies.TIERS.id}")) == len(VISIBLE)
    # A well-formed id no term has finds nothing.
    assert get_json(client, f"/services?taxonomy_term_id={uuid4()}")["total_items"] == 0
    assert get_json(client, f"/services?taxonomy_id={uuid4()}")["total_items"] == 0


def test_organization_modified_after_and_search_filters(client, feed):
    alpha = feed["s1"].organisation
    found = names(all_pages(client, f"/services?organization_id={alpha.uuid}"))
    assert sorted(found) == visible_names(feed, where=lambda s: s.organisation_id == alpha.pk)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    found = names(all_pages(client, f"/services?modified_after={since.replace('+', '%2B')}"))
    cutoff = timezone.now() - datetime.timedelta(days=1)
    assert sorted(found) == visible_names(feed, where=lambda s: s.last_published_at >= cutoff)
    assert "Bright speech drop-in" not in found and len(found) == 5
    found = names(all_pages(client, "/services?search=autism"))
    assert sorted(found) == visible_names(feed, where=lambda s: "autism" in (s.title + s.summary).lower())
    assert found and "Autism secret draft" not in found
    found = {item["service"]["name"] for item in all_pages(client, "/service_at_locations?search=pool")}
    assert found == {"Club for wheelchair sports"}  # a venue's name matches too


def test_filters_combine_with_and(client, feed):
    autism = term_id(taxonomies.NEED_TYPE, "autism")
    targeted = term_id(taxonomies.TIER, "targeted")
    leisure = term_id(taxonomies.CATEGORY, "leisure-and-short-breaks")
    found = names(
        all_pages(client, f"/services?taxonomy_term_id={autism}&taxonomy_id={taxonomies.CATEGORIES.id}&search=swim")
    )
    assert found == ["Fun autism swim"]
    expected = visible_names(
        feed,
        where=lambda s: (
            s.need_types.filter(slug="autism").exists()
            and s.tier == "targeted"
            and s.organisation_id == feed["s1"].organisation_id
        ),
    )
    found = names(
        all_pages(client, f"/services?taxonomy_term_id={autism}&organization_id={feed['s1'].organisation.uuid}")
    )
    assert sorted(found) == expected == ["Autism parent workshops"]
    assert get_json(client, f"/services?taxonomy_term_id={leisure}&search=workshops")["total_items"] == 0
    assert targeted


def test_minimal_and_full(client, feed):
    minimal = get_json(client, "/services?minimal=true")["contents"]
    assert len(minimal) == len(VISIBLE)  # all in one page
    assert set(minimal[0]) <= {"id", "name", "status", "last_modified"}
    listed = get_json(client, "/services")["contents"][0]
    assert "service_at_locations" not in listed and "organization" in listed
    full = get_json(client, "/services?full=true")["contents"][0]
    assert {"service_at_locations", "contacts", "attributes", "cost_options", "languages"} <= set(full)


def test_taxonomy_term_filters(client, feed):
    vocabulary = taxonomies.load_vocabulary()
    terms = all_pages(client, "/taxonomy_terms", per_page=10)
    assert len(terms) == len(vocabulary.terms)
    needs = all_pages(client, f"/taxonomy_terms?taxonomy_id={taxonomies.SEND_NEEDS.id}", per_page=10)
    assert len(needs) == NeedType.objects.count() + NeedType.objects.values("area").distinct().count()
    top = all_pages(client, f"/taxonomy_terms?taxonomy_id={taxonomies.SEND_NEEDS.id}&top_only=true", per_page=10)
    assert {term["term"] for term in top} == {term.value for term in vocabulary.terms if term.kind == "area_of_need"}
    area = vocabulary.by_kind_value[("area_of_need", "sensory-and-physical")]
    children = all_pages(client, f"/taxonomy_terms?parent_id={area.id}")
    assert {term["term"] for term in children} == set(
        NeedType.objects.filter(area__slug="sensory-and-physical").values_list("slug", flat=True)
    )
    assert names(all_pages(client, "/taxonomy_terms?search=autism")) == ["Autism"]
    assert names(all_pages(client, "/taxonomies?search=tier")) == ["Support tiers"]
    category = ServiceCategory.objects.get(slug="health")
    assert get_json(client, f"/taxonomy_terms/{category.uuid}")["name"] == "Health"
    assert len(get_json(client, f"/taxonomies/{taxonomies.TIERS.id}")["taxonomy_terms"]) == 3


# Bad requests are answered, never a server error ---------------------------------------------------------------------

BAD_PARAMETERS = [
    "page=0",
    "page=-1",
    "page=abc",
    "page=1.5",
    "page=99999999999999999999",
    "per_page=0",
    "per_page=5000",
    "per_page=x",
    "taxonomy_term_id=not-a-uuid",
    "taxonomy_id=1",
    "organization_id=%27%3B--",
    "modified_after=yesterday",
    "modified_after=2026-13-45",
    "minimal=maybe",
    "full=2",
    "format=xml",
    "format=ndjson",
    f"search={'x' * 20000}",
]


@pytest.mark.parametrize("query", BAD_PARAMETERS)
def test_a_bad_parameter_gets_400_with_a_json_reason(client, feed, query):
    response = get(client, f"/services?{query}")
    assert response.status_code == 400, (query, response.status_code)
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["status"] == 400 and body["message"]


@pytest.fixture
def around_town(directory):
    """Venues at known places around NB4 2EF (53.4825, -2.201), a hidden service, one venue off the map."""
    PostcodeFactory(postcode="NB4 2EF", latitude=53.4825, longitude=-2.201)
    PostcodeFactory(postcode="NB4 2EG", latitude=53.4845, longitude=-2.199)
    PostcodeFactory(postcode="NB4 9ZZ", latitude=53.483, longitude=-2.199, terminated=True)
    places = {
        "Next door": (53.4826, -2.2012),
        "Across town": (53.50, -2.22),  # about 2.4 km
        "Edge of the county": (53.55, -2.30),  # about 10 km
        "Far away": (52.0, -1.0),
    }
    for name, (latitude, longitude) in places.items():
        ServicePageFactory(
            title=f"{name} club",
            need_types=["autism"] if name in ("Next door", "Edge of the county") else [],
            venues=[venue(name=name, latitude=str(latitude), longitude=str(longitude), postcode="NB4 1AA")],
        )
    ServicePageFactory(title="Off the map club", venues=[venue(name="Somewhere", postcode="")])
    ServicePageFactory(
        title="Hidden club", draft=True, venues=[venue(name="Hidden", latitude="53.4825", longitude="-2.201")]
    )
    return places


def near_in_python(centre, metres, need=None):
    """The venues within `metres` of `centre`, nearest first, worked out plainly from the data."""
    found = []
    for item in ServicePage.objects.visible():
        if need and need not in [n.slug for n in item.need_types.all()]:
            continue
        for v in item.venues.all():
            if v.latitude is None:
                continue
            distance = distance_metres(centre, Point(float(v.latitude), float(v.longitude)))
            if distance <= metres:
                found.append((distance, v.name))
    return [name for _distance, name in sorted(found)]


@pytest.mark.parametrize("metres", [None, "100", "3000", "12000", "200000"])
def test_postcode_and_proximity_find_the_venues_within_that_many_metres_nearest_first(client, around_town, metres):
    query = "postcode=nb42ef" + (f"&proximity={metres}" if metres else "")
    expected = near_in_python(Point(53.4825, -2.201), int(metres or 8047))  # default: 5 miles, as the directory
    first = get(client, f"/service_at_locations?{query}&per_page=2").json()
    names = []
    for page in range(1, max(first["total_pages"], 1) + 1):
        answer = get(client, f"/service_at_locations?{query}&per_page=2&page={page}").json()
        oruk.check("service_at_location_list", answer)
        names += [item["location"]["name"] for item in answer["contents"]]
    assert first["total_items"] == len(expected) and names == expected
    assert "Hidden" not in names and "Somewhere" not in names


def test_a_postcode_district_and_other_filters_combine_with_and(client, around_town):
    autism = NeedType.objects.get(slug="autism").uuid
    body = get(client, f"/service_at_locations?postcode=NB4&proximity=15000&taxonomy_term_id={autism}").json()
    oruk.check("service_at_location_list", body)
    district = Point(53.4835, -2.2)  # the mean of NB4's postcodes in use
    expected = near_in_python(district, 15000, need="autism")
    assert [item["location"]["name"] for item in body["contents"]] == expected == ["Next door", "Edge of the county"]
    full = get(client, "/service_at_locations?postcode=NB4%202EF&proximity=100&full=true").json()
    oruk.check("service_at_location_list", full)
    assert [item["location"]["name"] for item in full["contents"]] == ["Next door"]


def test_the_postcode_query_costs_the_same_queries_whatever_the_page_size(client, around_town):
    counts = set()
    get(client, "/service_at_locations?postcode=NB4%202EF")  # the first request reads what later ones reuse
    for per_page in (1, 3):
        path = f"/service_at_locations?postcode=NB4%202EF&proximity=20000&per_page={per_page}"
        with CaptureQueriesContext(connection) as captured:
            assert get(client, path).status_code == 200
        counts.add(len(captured))
    assert len(counts) == 1, counts


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("postcode=NB4%209ZZ", "no longer used"),
        ("postcode=ZZ9%209ZZ", "We cannot find ZZ9 9ZZ"),
        ("postcode=not-a-postcode", "Enter a full postcode"),
        ("postcode=%00", "Enter a full postcode"),
        ("postcode=NB4%202EF&proximity=five", "whole number of metres"),
        ("postcode=NB4%202EF&proximity=0", "whole number of metres"),
        ("postcode=NB4%202EF&proximity=-5", "whole number of metres"),
        ("postcode=NB4%202EF&proximity=1.5", "whole number of metres"),
        ("postcode=NB4%202EF&proximity=200001", "whole number of metres"),
        ("proximity=1000", "needs a postcode"),
    ],
)
def test_a_bad_or_unknown_postcode_or_proximity_gets_400(client, around_town, query, words):
    response = get(client, f"/service_at_locations?{query}")
    assert response.status_code == 400, query
    body = response.json()
    assert words in body["message"] and body["problems"][0]["parameter"] in ("postcode", "proximity")


@pytest.mark.parametrize("path", sorted(DETAIL_ENDPOINTS))
@pytest.mark.parametrize("value", ["0b6a1d8e-5f0e-4c1e-9a59-3f1f8f3f0c11", "123", "not-an-id", "%00", "x" * 300])
def test_an_unknown_id_gets_404(client, feed, path, value):
    response = get(client, f"{path}/{value}")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["status"] == 404


def test_hostile_values_never_cause_a_server_error(client, feed):
    for value in [
        "%00",
        "%22%22%22",
        "%27%20OR%201%3D1",
        "autism%20%26%20%7C%20!",
        "%E2%80%AE%F0%9F%98%80",
        "<b>x</b>",
    ]:
        for path in ("/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms"):
            response = get(client, f"{path}?search={value}&page=1&page=2")
            assert response.status_code in (200, 400), (path, value, response.status_code)
    assert get(client, "/unknown/address").status_code == 404
    response = client.post(f"{API}/services")
    assert response.status_code == 405 and response["Access-Control-Allow-Origin"] == "*"


# Headers: CORS, caching, and the site's middleware ------------------------------------------------------------------


def test_any_origin_may_read_and_a_preflight_is_answered(client, feed):
    response = client.options(
        f"{API}/services", HTTP_ORIGIN="https://other.example", HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    response = get(client, "/services", HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    # The public site's strict Content-Security-Policy and other headers do not stop JSON being read.
    json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert "Set-Cookie" not in response


def test_etag_lets_a_consumer_poll_cheaply(client, feed):
    first = get(client, "/services?full=true")
    etag = first["ETag"]
    assert "Last-Modified" not in first
    again = get(client, "/services?full=true", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    detail = get(client, f"/services/{feed['s3'].uuid}")
    assert get(client, f"/services/{feed['s3'].uuid}", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304

    # An officer edits and publishes a service, and the consumer now gets the new feed.
    service = ServicePage.objects.get(pk=feed["s3"].pk)
    service.summary = "Now on Saturdays too."
    service.save_revision().publish()
    changed = get(client, "/services?full=true", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert get(client, f"/services/{feed['s3'].uuid}", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 200


def test_unpublishing_a_service_changes_the_etag(client, feed):
    etag = get(client, "/services")["ETag"]
    ServicePage.objects.get(pk=feed["s7"].pk).unpublish(log_action=True)
    changed = get(client, "/services", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Grow: gardening club" not in names(changed.json()["contents"])


def conditional_gets(response):
    """Every way of asking again with the validators of an earlier `response`: its ETag, the date it was sent (or
    its Last-Modified, if it had one) and both."""
    since = response.get("Last-Modified") or http_date(time.time())
    return [
        {"HTTP_IF_NONE_MATCH": response["ETag"]},
        {"HTTP_IF_MODIFIED_SINCE": since},
        {"HTTP_IF_NONE_MATCH": response["ETag"], "HTTP_IF_MODIFIED_SINCE": since},
    ]


def test_renaming_an_organisation_never_gets_a_304_with_the_old_name(client, feed):
    # A publication is logged: the newest thing a date of the services could have tracked.
    ServicePage.objects.get(pk=feed["s3"].pk).save_revision().publish()
    paths = ["/organizations", "/services", "/service_at_locations", f"/services/{feed['s3'].uuid}"]
    before = {path: get(client, path) for path in paths}
    for path, response in before.items():
        assert response.status_code == 200 and "Alpha Trust" in response.content.decode(), path

    alpha = feed["s3"].organisation
    alpha.name = "Alpha Family Trust"
    alpha.save()
    for path, response in before.items():
        for headers in conditional_gets(response):
            again = get(client, path, **headers)
            assert again.status_code == 200, (path, headers)
            assert "Alpha Family Trust" in again.content.decode(), (path, headers)

    # A feed that has not changed since is still answered 304 to If-None-Match; no date is offered to poll with.
    for path in paths:
        now = get(client, path)
        assert "Last-Modified" not in now, path
        assert get(client, path, HTTP_IF_NONE_MATCH=now["ETag"]).status_code == 304, path


def test_a_service_passing_its_expiry_date_never_gets_a_304_with_it_still_listed(client, feed, monkeypatch):
    service = ServicePage.objects.get(pk=feed["s7"].pk)
    service.expire_at = timezone.now() + datetime.timedelta(hours=1)
    service.save_revision().publish()
    before = get(client, "/services")
    assert "Grow: gardening club" in names(before.json()["contents"])
    # Two hours later: no edit and no log entry, its expiry time has simply passed.
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr("directory.services.facet_index.timezone.now", lambda: later)
    monkeypatch.setattr("localoffer.visibility.timezone.now", lambda: later)
    for headers in conditional_gets(before):
        again = get(client, "/services", **headers)
        assert again.status_code == 200, headers
        assert "Grow: gardening club" not in names(again.json()["contents"])


def test_head_answers_as_get_without_a_body(client, feed):
    for path in ("/services", f"/services/{feed['s3'].uuid}", "/organizations"):
        got = get(client, path)
        head = client.head(f"{API}{path}")
        assert head.status_code == 200, (path, head.status_code, head.content[:200])
        assert head.content == b""
        assert head["Content-Type"] == got["Content-Type"] == "application/json"
        assert head["ETag"] == got["ETag"]
        assert head["Content-Length"] == str(len(got.content))
        assert head["Access-Control-Allow-Origin"] == "*"
        assert client.head(f"{API}{path}", HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 304
        # The view itself sends no body (the test client would drop one; a server might not).
        view = resolve(f"{API}{path}").func
        direct = view(RequestFactory().head(f"{API}{path}"), **resolve(f"{API}{path}").kwargs)
        assert direct.status_code == 200 and direct.content == b""
        assert direct["Content-Length"] == str(len(got.content))


# Stable ids -------------------------------------------------------------------------------------------------------


def test_ids_survive_edits_and_publishing(client, feed):
    service = ServicePage.objects.get(pk=feed["s1"].pk)
    before = get_json(client, f"/services/{service.uuid}")
    service.title = "Autism parent workshops (new dates)"
    service.save_revision().publish()
    after = get_json(client, f"/services/{service.uuid}")
    assert after["name"] == "Autism parent workshops (new dates)"
    assert oruk.ids(after) == oruk.ids(before)


def test_a_copied_page_gets_new_ids_for_itself_its_venues_and_contacts(feed):
    original = ServicePage.objects.get(pk=feed["s3"].pk)
    original.save_revision()  # so the copy copies a revision too
    copy = original.copy(update_attrs={"title": "Copy", "slug": "copy-of-club"})
    copy = ServicePage.objects.get(pk=copy.pk)
    assert copy.uuid != original.uuid
    assert not set(copy.venues.values_list("uuid", flat=True)) & set(original.venues.values_list("uuid", flat=True))
    assert copy.venues.count() == 2
    assert not set(copy.contacts.values_list("uuid", flat=True)) & set(original.contacts.values_list("uuid", flat=True))
    # Publishing the copy's copied revisions does not take the original's ids either.
    for revision in copy.revisions.order_by("pk"):
        revision.content["slug"] = copy.slug  # the revisions made before the copy hold the original's slug
        revision.save()
        revision.publish()
    copy.refresh_from_db()
    assert copy.uuid != original.uuid
    assert not set(copy.venues.values_list("uuid", flat=True)) & set(original.venues.values_list("uuid", flat=True))
    assert UUID(str(copy.uuid))


# Queries do not grow with the data or the page size -------------------------------------------------------------------


def count_queries(client, path):
    get(client, path)  # the first request after a change rebuilds the facet index (a fixed few queries)
    with CaptureQueriesContext(connection) as captured:
        response = get(client, path)
    assert response.status_code == 200
    return len(captured)


def test_query_count_is_the_same_for_any_page_size_and_any_number_of_services(client, directory):
    generate(60, seed=1)
    term = ServiceCategory.objects.get(slug="health").uuid
    paths = [
        "/services?per_page={n}",
        "/services?full=true&per_page={n}",
        "/service_at_locations?full=true&per_page={n}",
        "/organizations?full_service=true&per_page={n}",
        f"/services?taxonomy_term_id={term}&search=support&per_page={{n}}",
    ]
    small = {path: {count_queries(client, path.format(n=n)) for n in (10, 50)} for path in paths}
    generate(60, seed=2)
    large = {path: {count_queries(client, path.format(n=n)) for n in (10, 50)} for path in paths}
    for path in paths:
        assert len(small[path]) == 1, (path, small[path])
        assert small[path] == large[path], (path, small[path], large[path])
    assert get_json(client, "/services?per_page=50")["size"] == 50
