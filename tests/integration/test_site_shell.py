import io
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from wagtail.models import Page, Revision

from localoffer.models import InformationPage, LocalOfferSettings, StatutoryTopic
from localoffer.statutory_topics import STATUTORY_TOPICS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db):
    """The whole demo (a copy of the run's demo template: quicker than loading even the site shell's part here)."""
    return InformationPage.objects.live()


def test_statutory_topics_are_seeded_by_migration():
    assert list(StatutoryTopic.objects.values_list("number", flat=True)) == [n for n, _, _ in STATUTORY_TOPICS]


def test_whole_demo_loader_is_idempotent(demo_db):
    """Starts from the demo as `manage.py load_demo` left it (the run's demo template), then loads it once more."""
    pages, revisions = Page.objects.count(), Revision.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions


def test_demo_information_pages_cover_every_statutory_topic(demo):
    covered = set(StatutoryTopic.objects.filter(information_pages__live=True).values_list("number", flat=True))
    assert covered == {n for n, _, _ in STATUTORY_TOPICS}


def test_demo_has_accessibility_statement_privacy_and_cookies_in_footer(client, demo):
    html = client.get("/").content.decode()
    for label in ("Accessibility statement", "Privacy notice", "Cookies"):
        assert f">{label}</a>" in html


def test_accessibility_statement_has_the_sections_the_2018_regulations_require(client, demo):
    settings = LocalOfferSettings.objects.get()
    html = client.get(settings.accessibility_statement.url).content.decode().lower()
    for section in (
        "compliance status",
        "non-accessible content",
        "preparation of this accessibility statement",
        "feedback and contact information",
        "enforcement procedure",
    ):
        assert section in html, section


def test_home_page_has_one_h1_a_search_box_skip_link_and_contact_details(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert 'type="search"' in html
    settings = LocalOfferSettings.objects.get()
    assert settings.phone in html and settings.email in html


def test_security_headers_on_public_pages(client, demo):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_have_no_inline_script_or_style(client, demo):
    for url in ["/", demo.first().url, "/no-such-page/", "/search/?q=school"]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url


def test_brand_css_carries_the_colour_with_readable_text(client, demo):
    css = client.get("/brand.css").content.decode()
    assert "--brand: #00594f" in css and "--brand-text: #ffffff" in css


def test_friendly_404(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz_answers_200_with_the_database_and_503_without():
    from django.test import Client

    assert Client().get("/healthz").status_code == 200
    with mock.patch("localoffer.views.connection.cursor", side_effect=DatabaseError("down")):
        assert Client().get("/healthz").status_code == 503


def test_sitemap_lists_live_pages_and_robots_points_to_it(client, demo):
    sitemap = client.get("/sitemap.xml").content.decode()
    for page in demo:
        assert page.full_url in sitemap
    assert "http://testserver/have-your-say/" in sitemap and "http://testserver/you-said-we-did/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


@pytest.mark.parametrize("query", ["", "x" * 500, "<script>alert(1)</script>", "' OR 1=1 --", "ملف 😀", "a&b=c"])
def test_site_search_never_fails_and_escapes_input(client, demo, query):
    response = client.get("/search/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_site_search_too_long_shows_error_summary_linked_to_field(client, demo):
    html = client.get("/search/", {"q": "x" * 500}).content.decode()
    assert 'class="error-summary"' in html and 'href="#search-q"' in html


def test_site_search_finds_information_pages(client, demo):
    html = client.get("/search/", {"q": "assessment"}).content.decode()
    assert "Asking for an EHC needs assessment" in html


def test_server_error_page_is_self_contained_and_accessible_in_structure(rf):
    """The 500 page must render even when the database is down: no context, no queries, no inline code."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.views.defaults import server_error

    with CaptureQueriesContext(connection) as queries:
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500 and not queries.captured_queries
    assert html.count("<h1") == 1 and "Sorry, there is a problem with the service" in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert 'href="/static/css/main.css"' in html
    assert "<script" not in html and " style=" not in html and "<style" not in html


def test_404_page_offers_a_search_box_and_only_one_search_landmark(client, demo):
    html = client.get("/no-such-page/").content.decode()
    assert html.count('role="search"') == 1 and 'action="/search/"' in html
    assert 'class="search-box no-print"' in html


def test_information_page_reads_in_a_two_thirds_column_with_breadcrumbs_and_review_date(client, demo):
    page = demo.get(slug="ehc-needs-assessment")
    html = client.get(page.url).content.decode()
    assert 'class="information-page grid-column-two-thirds"' in html
    assert 'aria-label="Breadcrumb"' in html and 'href="/">Home</a>' in html
    assert "Last reviewed:" in html or "Last updated:" in html
    assert html.count("<h1") == 1


def test_site_search_results_say_what_kind_of_page_each_is(client, demo):
    html = client.get("/search/", {"q": "assessment"}).content.decode()
    assert '<p class="caption results__type">Information page</p>' in html
