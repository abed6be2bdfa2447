"""SQL queries per public page (issue 11): at most 10 on any page type, and the same whatever the amount of data.

Each page type is requested once to warm what is remembered under the content version (the site, its routes,
settings, taxonomy lists, the facet index), then counted; more services, schools and pages are added (which starts a
new content version), warmed and counted again. Counted as a visitor with a session (the page cache is not in the
way: it is off in tests and skips sessions), so the count is what a page costs to build."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import SchoolPage, ServicePage
from localoffer.models import InformationPage
from tests.factories import (
    InformationPageFactory,
    LocalityFactory,
    LocalOfferSettingsFactory,
    SchoolPageFactory,
    ServicePageFactory,
    ServiceVenueFactory,
)

MOST = 10


def pages(directory, schools_index):
    return {
        "home": "/",
        "directory with a keyword and filters": directory.url
        + "?q=club&age=7&tier=targeted&category=health&locality=eastfield",
        "directory with a reworded keyword": directory.url + "?q=autistic+club&age=7",  # also "autism club"
        "directory, no filters": directory.url,
        "service page": ServicePage.objects.live().order_by("pk").last().url,
        "school page": SchoolPage.objects.live().order_by("pk").last().url,
        "schools finder": schools_index.url + "?phase=primary",
        "information page": InformationPage.objects.live().order_by("pk").last().url,
        "comment form": "/have-your-say/",
        "glossary": "/glossary/",
        "site search": "/search/?q=club",
        "site search, reworded": "/search/?q=autistic+club",  # also "autism club" (the families' words)
        "my list": directory.url + "my-list/",
    }


def add_content(count, start):
    towns = [LocalityFactory(name=name) for name in ("Eastfield", "Westmoor", f"Town {start}")]
    for n in range(start, start + count):
        ServicePageFactory(
            title=f"Club {n}",
            need_types=("autism",) if n % 2 else ("adhd",),
            categories=("health", "leisure-and-short-breaks") if n % 3 else ("health",),
            venues=[
                ServiceVenueFactory.build(page=None, locality=towns[n % 3]),
                ServiceVenueFactory.build(page=None, locality=towns[(n + 1) % 3]),
            ],
        )
        SchoolPageFactory(title=f"School {n}")
        InformationPageFactory(title=f"Guide {n}")


def counts(client, urls):
    found = {}
    for label, url in urls.items():
        assert client.get(url).status_code == 200, label  # warm up
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, label
        found[label] = len(captured)
    return found


@pytest.mark.django_db
def test_public_pages_make_at_most_ten_queries_whatever_the_data(client, directory, schools_index):
    # Every page the footer links to chosen, as a council would.
    footer = {name: InformationPageFactory(title=f"Footer {name}") for name in ("a", "p", "l", "c")}
    LocalOfferSettingsFactory(
        sendiass_name="Testshire SENDIASS",
        accessibility_statement=footer["a"],
        privacy_notice=footer["p"],
        languages_page=footer["l"],
        cookies_page=footer["c"],
    )
    add_content(5, 0)
    first = ServicePage.objects.order_by("pk").first()
    client.post(directory.url + "my-list/add/", {"service": first.pk})  # a session, as a family with My list has
    small = counts(client, pages(directory, schools_index))
    add_content(35, 5)
    large = counts(client, pages(directory, schools_index))
    assert large == small, f"queries grew with the data: {small} then {large}"
    assert max(large.values()) <= MOST, large
