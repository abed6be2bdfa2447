"""The service page families read, the browse links, and the demo content."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from demo.loaders import directory as directory_demo
from directory.ages import AGE_BANDS
from directory.models import NeedType, ServiceCategory, ServiceContact, ServicePage, ServiceVenue
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def test_service_page_answers_families_questions(client, directory):
    service = ServicePageFactory(
        title="Riverside sensory club",
        summary="A sensory play club.",
        who_for="Children who love sensory play.",
        eligibility="Children aged 3 to 9 who live in Riverside.",
        access_steps="Phone and ask for a place.",
        cost="some",
        cost_details="£2 a session.",
        min_age=3,
        max_age=9,
        tier="specialist",
        need_types=["autism"],
        last_reviewed=datetime.date(2026, 10, 1),
        venues=[ServiceVenue(name="Riverside Hall", address="1 River Road", postcode="NB1 2AB", step_free=True)],
        contacts=[ServiceContact(name="Club leader", phone="01632 960123", email="club@riverside.example")],
    )
    response = client.get(service.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for heading in [
        "Who it is for",
        "eligibility",
        "How to get it",
        "Cost",
        "Where and when",
        "Contact",
        "Who is responsible",
    ]:
        assert re.search(rf"<h2[^>]*>[^<]*{re.escape(heading)}", html), heading
    assert "Ages 3 to 9" in html and "Specialist" in html and "Autism" in html
    assert "Step-free access: yes" in html and "Changing Places toilet: no" in html
    assert 'href="tel:01632960123"' in html
    assert "Last reviewed" in html and "1 October 2026" in html
    assert f"/have-your-say/?page={service.pk}" in html


def test_service_page_structured_data_is_valid_json_ld(client, directory):
    service = ServicePageFactory(
        title="Tom & Jerry's </script> club",
        min_age=5,
        max_age=11,
        cost="free",
        venues=[ServiceVenue(name="Hall", postcode="NB1 1AA", latitude="53.48", longitude="-2.24")],
    )
    html = client.get(service.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Service" and data["name"] == "Tom & Jerry's </script> club"
    assert data["audience"]["suggestedMinAge"] == 5 and data["isAccessibleForFree"] is True
    assert any(c.get("serviceLocation", {}).get("geo") for c in data["availableChannel"])
    for tag in re.findall(r"<script[^>]*>", html):  # the CSP forbids inline script; a JSON-LD data block is not script
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag


def test_drafts_unpublished_and_expired_services_are_not_served(client, directory):
    draft = ServicePageFactory(draft=True, title="Draft")
    withdrawn = ServicePageFactory(title="Withdrawn")
    withdrawn.unpublish()
    expired = ServicePageFactory(title="Expired", expired=True)
    for page in (draft, withdrawn, expired):
        assert client.get(page.url or f"/services/{page.slug}/").status_code == 404


def test_browse_tag_links_are_one_click_to_filtered_results(client, directory):
    ServicePageFactory(min_age=7, max_age=7, need_types=["autism"], categories=["education"])
    request = RequestFactory().get("/")
    html = Template("{% load directory_tags %}{% directory_browse %}").render(Context({"request": request}))
    for heading in ("By age", "By type of need", "By kind of service"):
        assert heading in html
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == len(AGE_BANDS) + NeedType.objects.count() + ServiceCategory.objects.count()
    for link in (
        f"{directory.url}?age_band=5-11",
        f"{directory.url}?need=autism",
        f"{directory.url}?category=education",
    ):
        assert link in links
        response = client.get(link)
        assert response.status_code == 200 and response.context["result_count"] == 1


def test_demo_content_covers_every_category_tier_need_and_age_band_and_is_idempotent(home_page):
    directory_demo.load(StringIO())
    services = ServicePage.objects.live()
    assert services.count() >= 150
    assert set(services.values_list("tier", flat=True)) == {"universal", "targeted", "specialist"}
    for category in ServiceCategory.objects.all():
        assert services.filter(categories=category).exists(), category
    for need in NeedType.objects.all():
        assert services.filter(need_types=need).exists(), need
    for band in AGE_BANDS:
        assert services.filter(band.q()).exists(), band
    assert services.filter(area="outside").exists() and services.filter(area="national").exists()
    for service in services.prefetch_related("contacts"):
        assert service.eligibility and service.access_steps and service.contact_routes
    revisions = sum(s.revisions.count() for s in services)
    out = StringIO()
    directory_demo.load(out)
    assert "0 new, 0 updated" in out.getvalue()
    assert sum(s.revisions.count() for s in ServicePage.objects.live()) == revisions


def test_my_list_adds_removes_and_prints_services_in_the_session(client, directory):
    first = ServicePageFactory(title="First club", contacts=[ServiceContact(name="Desk", phone="01632 960111")])
    second = ServicePageFactory(title="Second club")
    base = directory.url + "my-list/"

    page_html = client.get(first.url).content.decode()
    # No CSRF token: the page is the same for every visitor, so the page cache can keep it (test_page_cache.py).
    assert f'action="{base}add/"' in page_html and "csrfmiddlewaretoken" not in page_html
    assert client.get(base + "add/").status_code == 405

    response = client.post(base + "add/", {"service": first.pk, "next": first.url})
    assert response.status_code == 302 and response["Location"] == first.url
    client.post(base + "add/", {"service": second.pk})
    client.post(base + "add/", {"service": first.pk})  # adding twice keeps one
    client.post(base + "add/", {"service": "not-a-number"})
    client.post(base + "add/", {"service": 999999})
    assert (
        'Remove<span class="visually-hidden"> First club</span> from My list' in client.get(first.url).content.decode()
    )

    html = client.get(base).content.decode()
    assert html.count('class="results__item"') == 2 and "First club" in html and "Second club" in html
    assert 'content="noindex"' in html

    printed = client.get(base + "print/").content.decode()
    assert "1. Second club" in printed and "2. First club" in printed
    assert "01632 960111" in printed and "Children who live in the area." in printed

    client.post(base + "remove/", {"service": second.pk})
    html = client.get(base).content.decode()
    assert "Second club" not in html and "First club" in html

    response = client.post(base + "remove/", {"all": "1", "next": "https://evil.example/"})
    assert response["Location"] == base  # no open redirect
    assert "Your list is empty" in client.get(base).content.decode()


def test_my_list_leaves_out_services_that_are_no_longer_published(client, directory):
    service = ServicePageFactory(title="Closing club")
    client.post(directory.url + "my-list/add/", {"service": service.pk})
    service.unpublish()
    assert "Closing club" not in client.get(directory.url + "my-list/").content.decode()
