"""What's new (directory/changes/): services added, closed and changed in ways that matter, on the page and in the
Atom feed, filtered by any directory query string; a minor edit stays off."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.changes.models import ServiceChange, ServiceState
from directory.models import ServiceContact, ServicePage
from tests.factories import LocalityFactory, ServicePageFactory, ServiceVenueFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def publish(service, **changes):
    service = ServicePage.objects.get(pk=service.pk)
    for name, value in changes.items():
        setattr(service, name, value)
    service.save_revision().publish()
    return service


def kinds(service):
    return list(ServiceChange.objects.filter(title=service.title).order_by("pk").values_list("kind", flat=True))


def test_added_changed_closed_and_minor_edits(client, directory):
    service = ServicePageFactory(title="Riverside sensory club", publish_revision=True)
    assert kinds(service) == ["added"]

    publish(service, summary="A new summary.", description="<p>Longer words.</p>")  # not a change that matters
    assert kinds(service) == ["added"]

    publish(service, eligibility="Children aged 3 to 9.", cost="some", minor_edit=True)  # the officer's "minor"
    assert kinds(service) == ["added"]
    assert ServicePage.objects.get(pk=service.pk).minor_edit is False  # the tick applied to that revision only
    assert ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object().minor_edit is False

    publish(service, eligibility="Children aged 3 to 11.", cost="charged")
    change = ServiceChange.objects.latest("pk")
    assert change.kind == "changed" and change.what == ["eligibility", "cost"]

    service = ServicePage.objects.get(pk=service.pk)
    service.contacts.add(ServiceContact(name="Club leader", phone="01632 960999"))
    service.save_revision().publish()
    assert ServiceChange.objects.latest("pk").what == ["contact details"]

    ServicePage.objects.get(pk=service.pk).unpublish()
    assert kinds(service) == ["added", "changed", "changed", "closed"]

    html = client.get("/whats-new/").content.decode()
    assert "Riverside sensory club" in html and "What changed: eligibility and cost." in html
    assert "no longer listed" in html
    assert f'href="{service.url}"' not in html  # a closed service is not linked


def test_services_the_public_cannot_see_are_not_news(client, directory):
    """A service behind a password is not logged; one restricted after it was added drops off the page and feed."""
    secret = ServicePageFactory(title="Secret pilot group", summary="Only for the pilot's families.", draft=True)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    publish(secret)
    assert kinds(secret) == []
    later = ServicePageFactory(title="Hidden later club", summary="Was public once.", publish_revision=True)
    assert kinds(later) == ["added"]
    PageViewRestriction.objects.create(page=later, restriction_type=PageViewRestriction.LOGIN)
    for url in ("/whats-new/", "/whats-new/feed/"):
        text = client.get(url).content.decode()
        assert "Secret pilot" not in text and "pilot's families" not in text, url
        assert "Hidden later club" not in text and "Was public once" not in text, url
    # Once families can see it, publishing it is news.
    PageViewRestriction.objects.filter(page=secret).delete()
    publish(secret)
    assert kinds(secret) == ["added"]
    assert "Secret pilot group" in client.get("/whats-new/").content.decode()


def test_deleting_a_live_service_is_closed_and_older_changes_drop_off(client, directory):
    gone = ServicePageFactory(title="Old playgroup", publish_revision=True)
    ServicePage.objects.get(pk=gone.pk).delete()
    assert kinds(gone) == ["added", "closed"]
    assert not ServiceState.objects.filter(page_id=gone.pk).exists()
    ServiceChange.objects.filter(title="Old playgroup").update(happened_at=timezone.now() - timedelta(days=91))
    assert "Old playgroup" not in client.get("/whats-new/").content.decode()


def test_services_live_before_whats_new_log_nothing_until_they_change(directory):
    service = ServicePageFactory(title="Long-standing service")  # live without a publish signal
    ServiceState.objects.create(page_id=service.pk, facts=None, live=True)  # as migration 0015 leaves it
    publish(service, eligibility="Anyone.")
    assert kinds(service) == []
    publish(service, eligibility="Anyone under 18.")
    assert kinds(service) == ["changed"]


def test_filtered_page_and_feed_hold_only_matching_services(client, directory):
    ServicePageFactory(title="Autism swimming", need_types=["autism"], min_age=5, max_age=11, publish_revision=True)
    ServicePageFactory(title="Hearing support", need_types=["hearing-impairment"], publish_revision=True)
    ServicePageFactory(title="Autism for adults", need_types=["autism"], min_age=19, max_age=25, publish_revision=True)

    html = client.get("/whats-new/?need=autism&age=7").content.decode()
    assert "Autism swimming" in html and "Hearing support" not in html and "Autism for adults" not in html

    response = client.get("/whats-new/feed/?need=autism&age=7")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["New service: Autism swimming"]

    everything = ET.fromstring(client.get("/whats-new/feed/").content)
    assert len(list(everything.iter(f"{ATOM}entry"))) == 3

    def entries(query):
        feed = ET.fromstring(client.get(f"/whats-new/feed/?{query}").content)
        return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]

    assert entries("q=SWIMMING") == ["New service: Autism swimming"]
    assert entries("q=swimming+dance") == []


def test_feed_is_valid_atom(client, directory):
    ServicePageFactory(title="Tom & Jerry's <club>", publish_revision=True)
    feed = ET.fromstring(client.get("/whats-new/feed/?tier=targeted").content)
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed has exactly one id, title and updated, and a self link; so does every entry (with a link).
    for element in (feed, *feed.iter(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, name
        assert element.find(f"{ATOM}id").text.startswith("http")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/whats-new/feed/?tier=targeted")
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}title").text == "New service: Tom & Jerry's <club>"
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/services/")


def test_directory_and_home_link_to_whats_new(client, home_page, directory):
    html = client.get("/services/?need=autism").content.decode()
    assert 'type="application/atom+xml"' in html and "/whats-new/feed/?need=autism" in html
    assert "/whats-new/?need=autism" in html
    assert 'href="/whats-new/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "query",
    ["age=abc", "age=99", "need=no-such-need", "q=" + "x" * 300, "page=-1", "page=zzz", "tier=%00", "free=maybe"],
)
def test_bad_addresses_get_a_clear_answer_never_a_500(client, directory, query):
    ServicePageFactory(publish_revision=True)
    page = client.get(f"/whats-new/?{query}")
    assert page.status_code in (200, 400)
    if page.status_code == 400:
        assert "There is a problem" in page.content.decode()
    feed = client.get(f"/whats-new/feed/?{query}")
    assert feed.status_code in (200, 400)
    if feed.status_code == 400:
        assert "problem" in feed.content.decode()


def test_a_town_or_area_filters_whats_new_by_the_venues_of_each_service(client, directory):
    eastfield, westmoor = LocalityFactory(name="Eastfield"), LocalityFactory(name="Westmoor")
    ServicePageFactory(
        title="Swim club",
        venues=[ServiceVenueFactory.build(page=None, locality=eastfield), ServiceVenueFactory.build(page=None)],
        publish_revision=True,
    )
    ServicePageFactory(
        title="Drama club", venues=[ServiceVenueFactory.build(page=None, locality=westmoor)], publish_revision=True
    )
    html = client.get("/whats-new/?locality=eastfield").content.decode()
    assert "Swim club" in html and "Drama club" not in html
    assert "Town or area: Eastfield" in html  # the search, in words


def test_query_count_does_not_grow_with_the_data(client, directory, django_assert_max_num_queries):
    def make(n):
        for _ in range(n):
            ServicePageFactory(need_types=["autism"], publish_revision=True)

    make(2)
    client.get("/whats-new/?need=autism")  # warm what is remembered (the site, settings, taxonomy lists)
    with django_assert_max_num_queries(10) as small:
        client.get("/whats-new/?need=autism")
    make(8)
    client.get("/whats-new/?need=autism")  # the first request after a change rebuilds what is remembered, once
    with django_assert_max_num_queries(10) as large:
        client.get("/whats-new/?need=autism")
    assert len(small.captured_queries) == len(large.captured_queries)
    with django_assert_max_num_queries(10):
        client.get("/whats-new/feed/?need=autism")


def test_links_to_the_directory_follow_its_slug(client, directory):
    """A council may call its directory page anything: What's new links to it where it is."""
    directory.slug = "find-support"
    directory.save_revision().publish()
    html = client.get("/whats-new/?need=autism").content.decode()
    assert 'href="/find-support/?need=autism"' in html and 'href="/services/?' not in html
