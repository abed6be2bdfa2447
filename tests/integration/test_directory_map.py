"""The map of directory results and of a service's venues (directory/services/maps.py, README "Map"): nothing at all
without a tile server; with one, markers for what the page lists and a Content-Security-Policy that lets in that one
origin's images, on the pages with a map only."""

import json
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from directory.models import ServiceVenue
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

TILES = "https://tiles.example.org/osm/{z}/{x}/{y}.png"
WITH_TILES = override_settings(MAP_TILES_URL=TILES, MAP_ATTRIBUTION="© Example mappers https://example.org/copyright")


def venue(name="Riverside Hall", lat="52.123450", lng="-1.543210", **fields):
    return ServiceVenue(name=name, address="1 River Road", postcode="NB1 2AB", latitude=lat, longitude=lng, **fields)


def directives(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())


def map_data(html):
    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)) if found else None


@pytest.fixture
def services(directory):
    return [
        ServicePageFactory(title="Hall club", min_age=3, max_age=9, venues=[venue()]),
        # Same place as the first: one marker naming both.
        ServicePageFactory(title="Tom & Jerry's </script> group", min_age=3, max_age=9, venues=[venue()]),
        ServicePageFactory(
            title="Two places",
            min_age=3,
            max_age=9,
            venues=[venue("Park Centre", "52.2", "-1.6"), venue("No map", None, None)],
        ),
        ServicePageFactory(title="Online only", min_age=3, max_age=9),
        ServicePageFactory(title="For older people", min_age=19, max_age=25, venues=[venue("Far away", "53", "-2")]),
    ]


def test_without_a_tile_server_there_is_no_map_no_leaflet_and_the_policy_is_the_sites(client, services):
    home_policy = directives(client.get("/"))
    for url in ["/services/?age=5", "/services/", services[0].url, services[2].url]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert map_data(html) is None and "leaflet" not in html.lower() and "map.js" not in html, url
        assert 'class="map' not in html
        assert directives(response) == home_policy, url
    assert "tiles.example.org" not in str(home_policy)


@WITH_TILES
def test_with_a_tile_server_the_results_map_marks_this_pages_services_and_links_each(client, services):
    response = client.get("/services/?age=5")
    html = response.content.decode()
    data = map_data(html)
    assert data["tiles"] == TILES
    results = set(re.findall(r'<h3 class="heading-s"><a class="link" href="([^"]+)"', html))
    assert len(results) == 4  # the four services for a five-year-old, one without a venue
    markers = data["markers"]
    assert [marker["name"] for marker in markers] == ["Riverside Hall", "Park Centre"]
    both, park = markers
    assert [link["text"] for link in both["links"]] == ["Hall club", "Tom & Jerry's </script> group"]
    assert both["label"] == "2 services at Riverside Hall" and both["lines"] == ["1 River Road", "NB1 2AB"]
    assert park["label"] == "Two places, at Park Centre" and (park["lat"], park["lng"]) == (52.2, -1.6)
    assert {link["url"] for marker in markers for link in marker["links"]} <= results
    assert "Far away" not in json.dumps(data)  # filtered out: not on this page, not on the map
    # Leaflet and our script from our own static files; the only inline script is the JSON data block.
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer>' in html
    assert '<script src="/static/js/map.js" defer>' in html
    assert '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">' in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "Map: © Example mappers" in html and 'href="https://example.org/copyright"' in html


@WITH_TILES
def test_the_policy_lets_in_the_tile_origin_on_map_pages_only(client, services):
    home_policy = directives(client.get("/"))
    for url in ["/services/?age=5", services[0].url]:
        policy = directives(client.get(url))
        assert policy["img-src"] == "'self' data: https://tiles.example.org", url
        assert {k: v for k, v in policy.items() if k != "img-src"} == {
            k: v for k, v in home_policy.items() if k != "img-src"
        }
    assert home_policy["img-src"] == "'self' data:"
    # No venue on the map (online only, or nothing on the page has one): no map, and the policy stays the site's.
    for url in [services[3].url, "/services/?q=online", "/services/my-list/"]:
        response = client.get(url)
        assert map_data(response.content.decode()) is None, url
        assert directives(response) == home_policy, url


@WITH_TILES
def test_a_service_page_maps_its_venues_each_linking_to_the_venue_on_the_page(client, services):
    html = client.get(services[2].url).content.decode()
    markers = map_data(html)["markers"]
    assert [(m["name"], m["label"], m["links"]) for m in markers] == [
        ("Park Centre", "Park Centre", [{"url": "#venue-1", "text": "Details of Park Centre"}])
    ]
    assert 'id="venue-1"' in html and 'id="venue-2"' in html  # the second venue has no map position
    assert 'aria-label="Map of where this service is"' in html and 'href="#contact">Skip the map' in html


@override_settings(MAP_TILES_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
def test_a_tile_address_on_more_than_one_host_shows_no_map(client, services):
    response = client.get("/services/?age=5")
    assert map_data(response.content.decode()) is None
    assert directives(response)["img-src"] == "'self' data:"


@WITH_TILES
def test_the_results_map_costs_one_query_however_many_services_have_venues(client, directory):
    def queries(url):
        client.get(url)  # the facet index and caches warm up first
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    ServicePageFactory(title="First", venues=[venue()])
    one = queries("/services/")
    for n in range(6):
        ServicePageFactory(
            title=f"More {n}", venues=[venue(f"Place {n}", f"52.{n}", "-1.5"), venue(f"Else {n}", None, None)]
        )
    assert queries("/services/") == one
    with override_settings(MAP_TILES_URL=""):
        assert queries("/services/") == one - 1
