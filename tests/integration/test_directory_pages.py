"""The service page families read, the browse links, and the demo content."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from demo import content
from demo.loaders import directory as directory_demo
from directory.ages import AGE_BANDS
from directory.models import Locality, NeedType, ServiceCategory, ServiceContact, ServicePage, ServiceVenue
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


def test_service_page_body_is_kept_until_anything_changes_and_my_list_stays_each_visitors_own(
    client, directory, django_assert_max_num_queries
):
    """The body is rendered once per content version (directory/services/page_body.py): the second visit reads
    nothing of the service from the database, an edit shows at once, and My list's button is this visitor's."""
    service = ServicePageFactory(title="Kept club", summary="First summary.", need_types=["autism"])
    first = client.get(service.url).content.decode()
    assert "First summary." in first and 'Add<span class="visually-hidden"> Kept club</span> to My list' in first
    with django_assert_max_num_queries(1):  # the session, for My list; not the needs, venues or contacts
        assert client.get(service.url).content.decode() == first

    client.post(f"{directory.url}my-list/add/", {"service": service.pk})
    in_list = client.get(service.url).content.decode()
    assert 'Remove<span class="visually-hidden"> Kept club</span> from My list' in in_list
    assert "First summary." in in_list

    service.summary = "Second summary."
    service.save_revision().publish()
    changed = client.get(service.url).content.decode()
    assert "Second summary." in changed and "First summary." not in changed


def test_a_preview_shows_the_draft_and_never_replaces_the_kept_page(client, rf, directory, admin_user):
    service = ServicePageFactory(title="Preview club", summary="Live summary.")
    assert "Live summary." in client.get(service.url).content.decode()
    service.summary = "Draft summary."
    service.save_revision()  # a draft: the live page is unchanged
    draft = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    request = rf.get("/admin/")
    request.user = admin_user
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    assert "Draft summary." in preview.content.decode()
    site = service.get_site()  # Wagtail previews on the site's own address: a kept preview would be served there
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    live = client.get(service.url, HTTP_HOST=host).content.decode()
    assert "Live summary." in live and "Draft summary." not in live


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
    directory = directory_demo.get_or_create_directory()
    stale = ServicePageFactory(title="Autism social club (Westmoor)", slug="autism-social-club-westmoor")
    directory_demo.load(StringIO())
    stale.refresh_from_db()
    assert not stale.live  # the old one-page-per-locality copies go
    services = ServicePage.objects.live().child_of(directory)
    assert services.count() == len(content.services())  # one listing per service
    assert len(set(services.values_list("title", flat=True))) == services.count()
    assert set(services.values_list("tier", flat=True)) == {"universal", "targeted", "specialist"}
    for category in ServiceCategory.objects.all():
        assert services.filter(categories=category).exists(), category
    for need in NeedType.objects.all():
        assert services.filter(need_types=need).exists(), need
    for band in AGE_BANDS:
        assert services.filter(band.q()).exists(), band
    assert services.filter(area="outside").exists() and services.filter(area="national").exists()
    for service in services.prefetch_related("contacts", "categories", "venues"):
        # The publish rules (ServicePageForm): a category, a way to get it, a way to get in touch; and the model's.
        assert service.eligibility and service.access_steps and service.contact_routes, service
        assert service.categories.exists() and service.access_routes, service
        service.full_clean()
    # Every service in its own words: no two share their eligibility or how to get it.
    for field in ("eligibility", "access_steps"):
        texts = list(services.values_list(field, flat=True))
        assert len(set(texts)) == len(texts), field
    several = services.get(title="Autism social club")
    assert several.venues.count() == 4 and len({v.opening_times for v in several.venues.all()}) > 1
    school = services.get(title="Meadowbank Special School")  # a school, not a timetable slot somewhere else
    assert [v.name for v in school.venues.all()] == ["Meadowbank Special School"]
    assert school.venues.get().locality.name == "Westmoor"
    # Every venue in the area is in a town or area, and the services are spread across them: the "Town or area"
    # filter narrows the list differently for each.
    assert not ServiceVenue.objects.filter(page__in=services, page__area="local", locality=None).exists()
    per_town = {town.name: services.filter(venues__locality=town).distinct().count() for town in Locality.objects.all()}
    assert set(per_town) == {"Northbrook Town Centre", "Eastfield", "Westmoor", "Southgate"}
    assert all(0 < count < services.count() for count in per_town.values()) and len(set(per_town.values())) > 2
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
    assert response.status_code == 302 and response["Location"] == first.url + "#my-list-done"
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
    assert "01632 960 111" in printed and "Children who live in the area." in printed

    client.post(base + "remove/", {"service": second.pk})
    html = client.get(base).content.decode()
    assert html.count('class="results__item"') == 1 and "First club" in html
    assert "Removed Second club from My list." in html  # said once, where the family is

    response = client.post(base + "remove/", {"all": "1", "next": "https://evil.example/"})
    assert response["Location"] == base + "#my-list-done"  # no open redirect
    assert "Your list is empty" in client.get(base).content.decode()


def test_my_list_brings_the_family_back_to_the_same_result_with_a_confirmation(client, directory):
    services = [ServicePageFactory(title=f"Club {letter}") for letter in "ABC"]
    results = directory.url + "?q=club&sort=az"
    response = client.post(directory.url + "my-list/add/", {"service": services[1].pk, "next": results + "#old"})
    assert response["Location"] == results + "#my-list-done"  # the confirmation, beside that result

    html = client.get(results).content.decode()
    confirmation = re.search(
        r'<div class="my-list-confirmation[^"]*" id="my-list-done" tabindex="-1" role="status">(.*?)</div>', html, re.S
    )
    assert (
        confirmation
        and "Added Club B to My list." in confirmation.group(1)
        and "View My list (1 service)" in confirmation.group(1)
    )
    # It sits in Club B's result, after its title and before the next result.
    assert html.index("Club B</a>") < html.index('id="my-list-done"') < html.index("Club C</a>")
    assert 'id="my-list-done"' not in client.get(results).content.decode()  # shown once

    client.post(directory.url + "my-list/remove/", {"service": services[1].pk, "next": services[1].url})
    assert "Removed Club B from My list." in client.get(services[1].url).content.decode()
    client.post(directory.url + "my-list/add/", {"service": services[0].pk})
    response = client.post(directory.url + "my-list/remove/", {"service": services[0].pk})
    assert response["Location"] == directory.url + "my-list/#my-list-done"
    assert "Removed Club A from My list." in client.get(response["Location"]).content.decode()


def test_my_list_leaves_out_services_that_are_no_longer_published(client, directory):
    service = ServicePageFactory(title="Closing club")
    staying = ServicePageFactory(title="Staying club")
    for each in (service, staying):
        client.post(directory.url + "my-list/add/", {"service": each.pk})
    service.unpublish()
    assert "Closing club" not in client.get(directory.url + "my-list/").content.decode()
    # Its count says the same as the list, on the results and on a service's page.
    for url in (directory.url, staying.url):
        html = client.get(url).content.decode()
        assert "(1 service)" in html and "(2 services)" not in html, url


def test_my_list_printout_shows_the_configured_public_address_never_the_request_host(client, directory, settings):
    settings.PUBLIC_SITE_URL = "https://localoffer.northbrook.example"
    service = ServicePageFactory(title="Print club")
    client.post(directory.url + "my-list/add/", {"service": service.pk})
    html = client.get(directory.url + "my-list/print/", HTTP_HOST="localhost").content.decode()
    assert f"https://localoffer.northbrook.example{service.url}" in html
    assert "Printed from https://localoffer.northbrook.example/services/my-list/print/" in html
    assert "http://localhost" not in html and "http://testserver" not in html
    assert 'data-module="print-page" hidden' in html  # the button only shows with JavaScript
    assert "on a phone or tablet" in html and 'class="inset-text js-hidden"' in html
    assert html.count("Print club") == 1  # the service is printed once


def test_email_this_list_to_me_sends_it_by_the_worker_and_keeps_no_address(client, directory, settings, mailoutbox):
    settings.PUBLIC_SITE_URL = "https://localoffer.northbrook.example"
    settings.MY_LIST_EMAIL_RATE_LIMIT = 2
    url = directory.url + "my-list/email/"
    assert client.get(url).status_code == 405
    empty = client.post(url, {"email": "parent@example.com"})
    assert empty.status_code == 400 and "Your list is empty" in empty.content.decode()

    service = ServicePageFactory(title="Email club", contacts=[ServiceContact(name="Desk", phone="01632 960222")])
    client.post(directory.url + "my-list/add/", {"service": service.pk})
    for bad in ("", "not-an-address", "a@" + "b" * 300 + ".com"):
        response = client.post(url, {"email": bad})
        html = response.content.decode()
        assert response.status_code == 400 and 'class="error-summary"' in html and 'href="#id_email"' in html

    response = client.post(url, {"email": "parent@example.com"})
    assert response.status_code == 302 and response["Location"] == directory.url + "my-list/#my-list-done"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["parent@example.com"]
    body = mailoutbox[0].body
    assert "1. Email club" in body and "01632 960222" in body
    assert f"https://localoffer.northbrook.example{service.url}" in body
    assert "parent@example.com" not in str(dict(client.session))  # used once, never kept
    assert "We are sending your list now" in client.get(response["Location"]).content.decode()

    client.post(url, {"email": "parent@example.com"})
    limited = client.post(url, {"email": "parent@example.com"})
    assert limited.status_code == 429 and "too many times" in limited.content.decode()
    assert len(mailoutbox) == 2
