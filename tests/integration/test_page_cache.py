"""The page cache (localoffer/caching/): whole public pages for visitors without a session, the directory's results
for any query string among them, replaced at once by publishing, unpublishing and taxonomy changes; a family with
My list items sees their own list; forms with CSRF tokens are never kept; My list's buttons work without a token but
not from another site."""

import datetime

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import NeedType, ServiceCategory, ServiceVenue
from localoffer.caching import middleware
from tests.factories import LocalOfferSettingsFactory, PostcodeFactory, ServicePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on(db):
    LocalOfferSettingsFactory()  # else the first page served makes the settings row (a change: a new version)
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def hit(response):
    return response.get("X-Page-Cache") == "hit"


def test_a_cached_page_is_served_without_queries_and_with_every_security_header(client, directory):
    service = ServicePageFactory(title="Oak swimming club")
    first = client.get(service.url)
    assert first.status_code == 200 and not hit(first)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(service.url)
    assert hit(again) and len(captured) == 0
    assert again.content == first.content
    assert "Cookie" in again["Vary"]
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert header in again, header
    # Kept per address: another query string is another page.
    assert not hit(client.get("/search/?q=oak"))
    assert hit(client.get("/search/?q=oak"))
    assert not hit(client.get("/search/?q=swimming"))


def test_publishing_unpublishing_and_taxonomy_changes_replace_cached_pages(client, directory):
    service = ServicePageFactory(title="Oak swimming club", categories=("health",))
    results = "/search/?q=swimming"
    for url in (service.url, results):
        client.get(url)
        assert hit(client.get(url))

    service.title = "Elm swimming club"
    service.save_revision().publish()
    page = client.get(service.url)
    assert not hit(page) and "Elm swimming club" in page.content.decode()
    assert "Elm swimming club" in client.get(results).content.decode()

    category = ServiceCategory.objects.get(slug="health")
    category.name = "Health and therapy"
    category.save()
    assert "Health and therapy" in client.get(service.url).content.decode()

    service.unpublish()
    assert client.get(service.url).status_code == 404
    assert "Elm swimming club" not in client.get(results).content.decode()


def test_a_family_with_my_list_items_sees_their_own_list_and_others_the_cached_page(directory):
    service = ServicePageFactory(title="Oak swimming club")
    stranger, family = Client(), Client()
    stranger.get(service.url)
    assert hit(stranger.get(service.url))

    assert family.post(directory.url + "my-list/add/", {"service": service.pk}).status_code == 302
    own = family.get(service.url)
    assert not hit(own)
    assert 'Remove<span class="visually-hidden"> Oak swimming club</span> from My list' in own.content.decode()
    assert "Oak swimming club" in family.get(directory.url + "my-list/").content.decode()

    cached = stranger.get(service.url)
    assert hit(cached) and "from My list" not in cached.content.decode()
    assert 'Add<span class="visually-hidden"> Oak swimming club</span> to My list' in cached.content.decode()


def test_the_directory_results_are_kept_for_any_query_string(client, directory):
    PostcodeFactory(postcode="NB4 2EF", latitude=53.4825, longitude=-2.201)
    ServicePageFactory(
        title="Oak swimming club",
        need_types=("autism",),
        venues=[ServiceVenue(name="Eastfield Hub", latitude="53.482500", longitude="-2.201000")],
    )
    ServicePageFactory(title="Elm reading group", need_types=("adhd",))
    searches = {
        "": "Oak swimming club",
        "?need=autism&age=7": "Oak swimming club",
        "?q=swimming&sort=relevance": "Oak swimming club",
        "?postcode=NB4+2EF&distance=5": "Eastfield Hub",  # a postcode search, with the nearest venue
        "?need=adhd&page=1": "Elm reading group",
    }
    for query, shown in searches.items():
        first = client.get(directory.url + query)
        assert first.status_code == 200 and not hit(first), query
        assert shown in first.content.decode() and "csrfmiddlewaretoken" not in first.content.decode(), query
        assert not first.cookies, query
        with CaptureQueriesContext(connection) as captured:
            again = client.get(directory.url + query)
        assert hit(again) and len(captured) == 0 and again.content == first.content, query
    # A postcode search that cannot be used is a page like any other: its message is kept with it.
    unknown = directory.url + "?postcode=ZZ9+9ZZ"
    assert not hit(client.get(unknown)) and hit(client.get(unknown))


def test_publishing_unpublishing_and_taxonomy_changes_replace_the_directory_results(client, directory):
    oak = ServicePageFactory(title="Oak swimming club", need_types=("autism",))
    results = directory.url + "?need=autism"
    client.get(results)
    assert hit(client.get(results))

    elm = ServicePageFactory(title="Elm swimming club", need_types=("autism",), live=False)
    elm.save_revision().publish()
    page = client.get(results)
    assert not hit(page) and "Elm swimming club" in page.content.decode()
    assert hit(client.get(results))

    oak.unpublish()
    page = client.get(results)
    assert not hit(page) and "Oak swimming club" not in page.content.decode()

    need = NeedType.objects.get(slug="autism")
    need.name = "Autism spectrum"
    need.save()
    page = client.get(results)
    assert not hit(page) and "Autism spectrum" in page.content.decode()


def test_a_family_with_my_list_items_sees_their_list_on_the_directory_results(directory):
    service = ServicePageFactory(title="Oak swimming club")
    results = directory.url + "?q=oak"
    stranger, family = Client(), Client()
    stranger.get(results)
    assert hit(stranger.get(results))

    assert family.post(directory.url + "my-list/add/", {"service": service.pk}).status_code == 302
    own = family.get(results)
    assert not hit(own)
    assert 'Remove<span class="visually-hidden"> Oak swimming club</span> from My list' in own.content.decode()
    assert hit(stranger.get(results))
    assert "from My list" not in stranger.get(results).content.decode()


def test_forms_with_csrf_tokens_are_never_kept_and_my_list_needs_no_token_but_the_same_site(directory):
    service = ServicePageFactory(title="Oak swimming club")
    client = Client(enforce_csrf_checks=True)
    # The comment form, and the email alert form the directory's results link to.
    for url in ("/have-your-say/", "/alerts/?q=oak"):
        for _ in range(2):
            form = Client().get(url)
            assert form.status_code == 200 and not hit(form), url
            assert "csrfmiddlewaretoken" in form.content.decode() and "csrftoken" in form.cookies, url

    add = directory.url + "my-list/add/"
    assert client.post(add, {"service": service.pk}).status_code == 302  # no token needed
    assert client.session["directory_my_list"] == [service.pk]
    assert client.post(add, {"service": service.pk}, headers={"Origin": "http://testserver"}).status_code == 302
    elsewhere = Client(enforce_csrf_checks=True)
    assert elsewhere.post(add, {"service": service.pk}, headers={"Origin": "https://evil.example"}).status_code == 403
    assert (
        elsewhere.post(add, {"service": service.pk}, headers={"Referer": "https://evil.example/x"}).status_code == 403
    )
    assert "directory_my_list" not in elsewhere.session


def test_an_entry_never_outlives_the_next_expiry_of_a_live_page(client, directory):
    assert middleware.seconds_to_keep() == 300
    ServicePageFactory(expire_at=timezone.now() + datetime.timedelta(seconds=90))
    assert 80 < middleware.seconds_to_keep() <= 90


def test_signed_in_officers_and_the_admin_are_never_served_from_the_cache(admin_client, directory):
    service = ServicePageFactory(title="Oak swimming club")
    Client().get(service.url)
    response = admin_client.get(service.url)
    assert response.status_code == 200 and not hit(response)
    assert not hit(admin_client.get("/admin/"))
