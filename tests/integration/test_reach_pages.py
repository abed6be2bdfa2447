"""Reaching every family on the site shell: the Listen control on information, service and school pages (shown only
by its script, where the browser can speak), the "other languages" page and the printed edition in the footer, and
pages marked up in the language they are written in."""

import pytest

from tests.factories import InformationPageFactory, LocalOfferSettingsFactory, SchoolPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def test_listen_control_on_information_service_and_school_pages_only(client, directory, schools_index):
    for page in (InformationPageFactory(), ServicePageFactory(), SchoolPageFactory()):
        html = client.get(page.url).content.decode()
        assert '<div class="listen" data-listen data-listen-target="#main-content" hidden>' in html, page
        assert '<script src="/static/js/listen.js" defer></script>' in html
        assert 'type="button" data-listen-start>Listen to this page</button>' in html
        assert 'role="status" data-listen-status' in html
    assert "data-listen" not in client.get("/whats-new/").content.decode()


def test_footer_links_other_languages_and_the_printed_edition(client, home_page):
    languages = InformationPageFactory(title="Read this website in another language", slug="other-languages")
    LocalOfferSettingsFactory(languages_page=languages, cant_get_online="<p>Phone us.</p>")
    html = client.get("/").content.decode()
    assert '<html lang="en-GB">' in html
    assert f'<a href="{languages.url}">Read this website in another language</a>' in html
    assert (
        html.count('<a href="/print/">Print or download the Local Offer</a>') == 2
    )  # footer list and "Can't get online?"
