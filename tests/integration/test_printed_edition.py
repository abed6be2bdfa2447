"""The printed edition (directory/edition/): sections an officer chose, a contents page, the date it was made and each
service's key facts; visible services only; made by the worker when saved and nightly."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from directory.edition.make import make
from directory.edition.models import PrintedEdition
from directory.models import ServiceCategory, ServiceContact, ServiceVenue
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def edition(**fields):
    defaults = {"title": "Services in Northbrook", "slug": "all", "arrange_by": "category"}
    return PrintedEdition.objects.create(**{**defaults, **fields})


def test_sections_contents_date_and_key_facts(client, directory):
    ServicePageFactory(
        title="Riverside speech drop-in",
        categories=["health"],
        eligibility="Children aged 2 to 5 in Northbrook.",
        cost="some",
        cost_details="£2 a session.",
        contacts=[ServiceContact(name="Reception", phone="01632 960111", email="team@riverside.example")],
        venues=[ServiceVenue(name="Riverside Centre", address="1 River Road", postcode="NB1 2AB", step_free=True)],
    )
    ServicePageFactory(title="Draft service", categories=["health"], draft=True)
    ServicePageFactory(title="Expired service", categories=["health"], expired=True)
    made = make(edition())
    assert made.service_count == 1 and made.made_at is not None

    response = client.get("/print/all/")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith("<!DOCTYPE html>")
    assert re.search(r'<nav class="edition__contents"[^>]*>\s*<h2 id="contents-heading">Contents</h2>', html)
    assert '<a href="#section-health">Health</a> (1 service)' in html
    assert f'Made on <time datetime="{made.made_at:%Y-%m-%d}">' in html
    for fact in (
        "Children aged 2 to 5 in Northbrook.",
        "Some costs: £2 a session.",
        "phone 01632 960 111",
        "Riverside Centre",
        "NB1 2AB",
        "Step-free access",
        "You can contact them yourself",
    ):
        assert fact in html, fact
    assert "Draft service" not in html and "Expired service" not in html
    assert html.count("<h1") == 1 and 'lang="en-GB"' in html


def test_sections_by_age_band_narrowed_by_category(client, directory):
    ServicePageFactory(title="Baby massage", categories=["health"], min_age=0, max_age=2)
    ServicePageFactory(title="Teen club", categories=["health"], min_age=13, max_age=18)
    ServicePageFactory(title="Toddler music", categories=["social-care"], min_age=1, max_age=4)
    one = edition(slug="ages", arrange_by="age_band", age_bands=["0-4", "11-16"])
    one.categories.set(ServiceCategory.objects.filter(slug="health"))
    make(one)
    html = client.get("/print/ages/").content.decode()
    assert "Baby massage" in html and "Teen club" in html and "Toddler music" not in html
    assert html.index("section-0-4") < html.index("section-11-16")


def test_a_service_in_two_sections_is_printed_once(client, directory):
    ServicePageFactory(title="Family hub", categories=["health", "social-care"])
    make(edition())
    html = client.get("/print/all/").content.decode()
    assert html.count('<h3 id="service-') == 1 and "Family hub: see" in html


def test_saved_and_nightly_by_the_worker_and_listed(client, directory, admin_client):
    ServicePageFactory(title="Speech drop-in", categories=["health"])
    response = admin_client.post(
        "/admin/snippets/directory/printededition/add/",
        {"title": "Health services", "slug": "health", "arrange_by": "category", "introduction": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = PrintedEdition.objects.get(slug="health")
    assert saved.made_at is not None and "Speech drop-in" in saved.html  # tasks run at once in tests

    ServicePageFactory(title="New playgroup", categories=["health"])
    out = StringIO()
    call_command("make_printed_editions", stdout=out)
    assert "Made 1 printed edition" in out.getvalue()
    assert "New playgroup" in client.get("/print/health/").content.decode()
    index = client.get("/print/").content.decode()
    assert 'href="/print/health/"' in index and "2 services" in index


def test_unknown_or_unmade_editions_are_404(client, directory):
    edition(slug="not-made-yet")
    assert client.get("/print/not-made-yet/").status_code == 404
    assert client.get("/print/nothing-here/").status_code == 404


def test_query_count_does_not_grow(client, directory, django_assert_max_num_queries):
    make(edition())
    with django_assert_max_num_queries(10):
        client.get("/print/all/")
    with django_assert_max_num_queries(10):
        client.get("/print/")


def test_the_pdf_is_made_with_the_html_and_fetches_nothing(client, directory, monkeypatch):
    ServicePageFactory(
        title="Riverside speech drop-in",
        categories=["health"],
        description='<p>See <a href="https://tracker.example/pixel.png">this</a>.</p>',
    )

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF fetched something")

    monkeypatch.setattr("urllib.request.OpenerDirector.open", no_network)
    made = make(edition())
    pdf = bytes(made.pdf)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
    response = client.get("/print/all.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == pdf
    assert 'href="/print/all.pdf"' in client.get("/print/").content.decode()
    assert client.get("/print/nothing.pdf").status_code == 404


def test_without_pango_the_edition_is_made_as_html_only(client, directory, monkeypatch):
    ServicePageFactory(title="Speech drop-in", categories=["health"])
    monkeypatch.setattr("directory.edition.pdf.load_weasyprint", lambda: None)
    made = make(edition())
    assert made.pdf is None and "Speech drop-in" in made.html and ".pdf" not in made.html
    assert ".pdf" not in client.get("/print/").content.decode()
    assert client.get("/print/all.pdf").status_code == 404
