"""Round trip: the demo site's own Open Referral feed, served by the browser tests' demo server (loaded once per
run, so no second demo load), imported into this test's empty database, gives the same services: the same fields as
the standard can carry them, and the same results on the directory page for the same filters. No browser is driven:
the file sits here to share that server."""

import json
import re
import urllib.request
from html import unescape

from directory.models import ServicePage
from directory.openreferral.importer import import_feed_url, page_state
from directory.openreferral.mapping import text_of

DUMP = """
import json
from directory.models import ServicePage
from directory.openreferral.importer import page_state
services = ServicePage.objects.visible().select_related("organisation").order_by("title", "pk")
print(json.dumps([page_state(page) for page in services], default=str))
"""

# Directory searches a family makes: every kind of filter, a keyword (the search index), and combinations.
SEARCHES = [
    "",
    "need=autism",
    "need=autism&age=7",
    "area_of_need=sensory-and-physical&tier=specialist",
    "category=health&free=on",
    "self_referral=on&delivery=online",
    "area=outside",
    "age_band=16-19",
    "q=speech&sort=az",  # by relevance, equal ranks fall back to the order of ids, which differ here
    "q=club&need=autism&sort=az",
]
RESULT = re.compile(r'<h3 class="heading-s"><a class="link" href="[^"]*">(.*?)</a></h3>')
COUNT = re.compile(r'id="results">\s*(\d+) service')


def results(html):
    count = COUNT.search(html)
    return (int(count.group(1)) if count else None, [unescape(title) for title in RESULT.findall(html)])


def comparable(state):
    """A service as both sides can hold it: what the standard carries as plain text is compared as words."""

    def words(text):
        return " ".join((text or "").split())

    fields = dict(state["fields"])
    fields["description"] = words(text_of(fields["description"]))
    for name in ("summary", "eligibility", "access_steps", "cost_details", "title"):
        fields[name] = words(fields[name])
    fields["languages"] = [part.strip() for part in re.split(r",| and ", fields["languages"]) if part.strip()]
    venues = []
    for venue in state["venues"]:
        venue = dict(venue)
        venue["postcode"] = words(venue["postcode"].upper())
        # Without a postcode the standard has no address for it: the address does not travel.
        lines = [] if not venue["postcode"] else re.split(r"\s*[\n,]\s*", venue["address"].strip())
        venue["address"] = [line for line in lines if line]
        venue["opening_times"] = words(venue["opening_times"])
        venue["accessibility_notes"] = words(venue["accessibility_notes"])
        venues.append(venue)
    websites = [contact["website"] for contact in state["contacts"] if contact["website"]]
    return {
        "fields": fields,
        "organisation": state["organisation"],
        "need_types": state["need_types"],
        "categories": state["categories"],
        "contacts": [(c["name"], c["phone"], c["email"]) for c in state["contacts"]],
        # The standard has one web address per service: the first contact's website travels as it.
        "website": websites[0] if websites else "",
        "venues": venues,
    }


def test_our_own_feed_imported_into_an_empty_database_gives_the_same_services(site_server, directory, client, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = True  # the feed is on this machine
    expected = json.loads(site_server.manage("shell", "-c", DUMP).strip().splitlines()[-1])
    assert not ServicePage.objects.exists()
    report = import_feed_url(f"{site_server.url}/api/openreferral/v3/", area="local")
    assert not report.rejected and not report.unmapped_terms, (report.rejected, report.unmapped_terms)
    assert len(report.created) == len(expected) > 40
    actual = [page_state(page) for page in ServicePage.objects.select_related("organisation").order_by("title", "pk")]
    for one, other in zip([comparable(s) for s in expected], [comparable(s) for s in actual], strict=True):
        assert one == other, one["fields"]["title"]

    # The same filters give the same services on both directory pages, in the same order.
    for query in SEARCHES:
        with urllib.request.urlopen(f"{site_server.url}/services/?{query}", timeout=30) as answer:  # noqa: S310
            theirs = results(answer.read().decode())
        response = client.get(f"{directory.url}?{query}")
        assert response.status_code == 200, query
        ours = results(response.content.decode())
        assert theirs[0] and theirs == ours, query

    # A second import changes nothing.
    again = import_feed_url(f"{site_server.url}/api/openreferral/v3/", area="local")
    assert len(again.unchanged) == len(expected) and not again.created and not again.updated
