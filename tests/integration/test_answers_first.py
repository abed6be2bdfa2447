"""Pages answer first (issue 15): a service's key facts at the top, what a special school is for and how a place is
given, a meta description on every page, a favicon, and counts in the singular when there is one."""

import re

import pytest

from directory.models import ServiceContact, ServiceVenue
from tests.factories import InformationPageFactory, SchoolPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def test_service_page_puts_key_facts_before_the_long_sections(client, directory):
    service = ServicePageFactory(
        title="Riverside sensory club",
        summary="A sensory play club.",
        who_for="Children who love sensory play, and their families.",
        cost="some",
        cost_details="£2 a session.",
        min_age=3,
        max_age=9,
        venues=[ServiceVenue(name="Riverside Hall", postcode="NB1 2AB", opening_times="Saturdays, 10am to 12pm")],
        contacts=[ServiceContact(name="Club leader", phone="01632 960123")],
    )
    html = client.get(service.url).content.decode()
    facts = html[html.index('id="key-facts-heading"') : html.index('id="who-for"')]  # before the long sections
    for text in (
        "Children who love sensory play",
        "Ages 3 to 9",
        "Some costs. £2 a session.",
        "Saturdays, 10am to 12pm",
        "Riverside Hall, NB1 2AB",
        "You can contact them yourself",
        'href="tel:01632960123"',
    ):
        assert text in facts, text
    assert html.index('id="key-facts-heading"') < html.index("Add<span")  # the answers, then the button


def test_when_says_ask_the_service_when_no_venue_gives_opening_times(client, directory):
    service = ServicePageFactory(
        title="Quiet club",
        delivery_in_person=False,
        venues=[ServiceVenue(name="Hall", postcode="NB1 2AB", opening_times=""), ServiceVenue(name="Library")],
    )
    html = client.get(service.url).content.decode()
    facts = html[html.index('id="key-facts-heading"') : html.index('id="who-for"')]
    when = re.search(r"<dt[^>]*>When</dt>\s*<dd[^>]*>(.*?)</dd>", facts, re.S).group(1).strip()
    assert when  # not an empty answer
    assert "Hall:" not in when


def test_special_school_page_says_which_needs_it_serves_and_how_a_place_is_given(client, schools_index):
    school = SchoolPageFactory(title="Brook School", special_school=True, provision_need_types=["autism", "adhd"])
    html = client.get(school.url).content.decode()
    assert "Who this school is for" in html and "<li>Autism</li>" in html and "<li>ADHD</li>" in html
    assert "How a place is given" in html and "EHC plan" in html
    mainstream = client.get(SchoolPageFactory(title="Hill Primary").url).content.decode()
    assert "How a place is given" not in mainstream


def test_every_page_has_a_meta_description_and_the_favicon_is_found(client, directory, schools_index):
    info = InformationPageFactory(summary="How to ask for an assessment.")
    service = ServicePageFactory(summary="A club for teenagers.")
    for url, expected in (
        (info.url, "How to ask for an assessment."),
        (service.url, "A club for teenagers."),
        (directory.url, None),
        (schools_index.url, None),
        ("/have-your-say/", None),
        ("/whats-new/", None),
    ):
        html = client.get(url).content.decode()
        found = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert found, url
        assert expected is None or found.group(1) == expected
        assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("images/favicon.ico")


def test_counts_are_singular_for_one(client, directory):
    ServicePageFactory(title="Only club", need_types=["autism"])
    html = client.get(directory.url, {"need": "autism"}).content.decode()
    assert "1 service matches your choices" in html
    ServicePageFactory(title="Second club", need_types=["autism"])
    assert "2 services match your choices" in client.get(directory.url, {"need": "autism"}).content.decode()
