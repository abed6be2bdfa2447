"""One answer to "which pages may the public see?": live, not expired, no view restriction, on the site.

One live service and four that must stay hidden (a draft, an expired one, a password-restricted and a
login-restricted one), all with the same distinctive word and category; every public surface shows only the live
one, counts included."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.models import SchoolPage, ServicePage
from tests.factories import SchoolPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

WORD = "zebrafinch"


@pytest.fixture
def services(home_page):
    made = {}
    for name in ("live", "draft", "expired", "password", "login"):
        made[name] = ServicePageFactory(
            title=f"{WORD.title()} club {name}",
            summary=f"A {WORD} club for families ({name}).",
            categories=("leisure-and-short-breaks",),
            draft=name == "draft",
            expired=name == "expired",
        )
    PageViewRestriction.objects.create(
        page=made["password"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    PageViewRestriction.objects.create(page=made["login"], restriction_type=PageViewRestriction.LOGIN)
    return made


def titles_in(html):
    return set(re.findall(rf"{WORD.title()} club (live|draft|expired|password|login)", html))


def test_the_queryset_is_the_one_rule(services):
    assert list(ServicePage.objects.visible()) == [services["live"]]
    assert ServicePage.objects.live().count() == 4  # draft aside, the others are live: live alone is not enough


def test_directory_results_and_counts_show_only_the_visible_service(client, services):
    for query in (
        "",
        f"?q={WORD}",
        "?category=leisure-and-short-breaks",
        f"?q={WORD}&category=leisure-and-short-breaks",
    ):
        response = client.get(f"/services/{query}")
        assert response.status_code == 200
        assert titles_in(response.content.decode()) == {"live"}, query
        assert response.context["result_count"] == 1, query
        facets = {facet.name: facet for facet in response.context["facets"]}
        leisure = next(option for option in facets["category"].options if option.value == "leisure-and-short-breaks")
        assert leisure.count == 1, query
        tiers = sum(option.count for option in facets["tier"].options)
        assert tiers == 1, query


def test_site_search_and_sitemap_list_only_the_visible_service(client, services):
    response = client.get("/search/", {"q": WORD})
    assert response.status_code == 200
    assert titles_in(response.content.decode()) == {"live"}

    sitemap = client.get("/sitemap.xml").content.decode()
    for name, page in services.items():
        assert (page.url_path.removeprefix("/home") in sitemap) == (name == "live"), name


def test_my_list_keeps_only_the_visible_service(client, services):
    add = "/services/my-list/add/"
    for page in services.values():
        client.post(add, {"service": page.pk})
    assert client.session["directory_my_list"] == [services["live"].pk]
    response = client.get("/services/my-list/")
    assert titles_in(response.content.decode()) == {"live"}

    # A service restricted after it was added drops out of the list and its print view.
    PageViewRestriction.objects.create(
        page=services["live"], restriction_type=PageViewRestriction.PASSWORD, password="later"
    )
    for url in ("/services/my-list/", "/services/my-list/print/"):
        assert titles_in(client.get(url).content.decode()) == set()
    assert client.get("/services/").context["result_count"] == 0


def test_the_comment_form_names_only_a_visible_page(client, services):
    url = reverse("feedback:have_your_say")
    for name, page in services.items():
        html = client.get(url, {"page": page.pk}).content.decode()
        assert (page.title in html) == (name == "live"), name


def test_schools_follow_the_same_rule(client, home_page):
    made = {}
    for name in ("live", "password", "expired"):
        expire_at = timezone.now() - datetime.timedelta(hours=1) if name == "expired" else None
        made[name] = SchoolPageFactory(title=f"{WORD.title()} club {name}", expire_at=expire_at)
    PageViewRestriction.objects.create(
        page=made["password"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert list(SchoolPage.objects.visible()) == [made["live"]]
    assert titles_in(client.get("/schools/").content.decode()) == {"live"}
    assert titles_in(client.get("/search/", {"q": WORD}).content.decode()) == {"live"}
