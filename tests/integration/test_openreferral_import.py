"""Importing another directory's Open Referral UK feed (directory/openreferral/importer.py), from a local HTTP server
of the test's own: what a record becomes, that a second run changes nothing, officers' edits never overwritten,
term mapping, bad records rejected with reasons, and a feed that cannot be read leaving nothing half-done."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from wagtail.models import Page, PageLogEntry, Revision

from directory.models import FeedImport, ImportedService, NeedType, ServiceCategory, ServicePage, TermMapping
from directory.openreferral import bulk
from directory.openreferral.importer import FeedError, import_feed_url
from directory.openreferral.taxonomies import ACCESS_ROUTE, DELIVERY, TIER, derived_id
from directory.services.keywords import keyword_search
from directory.url_safety import fetch_body
from localoffer.editorial_groups import ADMINISTRATORS, EDITORS, MODERATORS
from tests.factories import ServiceCategoryFactory, UserFactory

BASE = "/api/openreferral/v3"
ROOT = Path(__file__).resolve().parents[2]


class FeedServer:
    """A feed on 127.0.0.1: `records` as /services (pages of `per_page`), `/` with `version`; `routes` overrides
    any path with (status, content type, body, seconds to wait before answering)."""

    def __init__(self):
        self.records = []
        self.version = "HSDS-UK-3.0"
        self.per_page = 100
        self.routes = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
                status, content_type, body, delay = server.answer(parts.path, query)
                time.sleep(max(delay, 0))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if delay >= 0:
                    self.wfile.write(body)
                    return
                for byte in body:  # a negative delay: drip the body a byte at a time, that many seconds apart
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(-delay)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{BASE}/"

    def answer(self, path, query):
        key = path if path in self.routes else f"{path}?page={query.get('page', '1')}"
        if key in self.routes:
            status, content_type, body, delay = self.routes[key]
            return status, content_type, body if isinstance(body, bytes) else json.dumps(body).encode(), delay
        if path == f"{BASE}/":
            return (
                200,
                "application/json",
                json.dumps({"version": self.version, "profile": "x", "openapi_url": "x"}).encode(),
                0,
            )
        if path == f"{BASE}/services":
            page = int(query.get("page", "1"))
            chunk = self.records[(page - 1) * self.per_page : page * self.per_page]
            total_pages = max(1, -(-len(self.records) // self.per_page))
            body = {
                "total_items": len(self.records),
                "total_pages": total_pages,
                "page_number": page,
                "size": len(chunk),
                "first_page": page == 1,
                "last_page": page >= total_pages,
                "empty": not chunk,
                "contents": chunk,
            }
            return 200, "application/json", json.dumps(body).encode(), 0
        return 404, "application/json", b'{"status": 404}', 0

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = True  # the feed is on this machine
    server = FeedServer()
    yield server
    server.close()


def attribute(term_id, name, taxonomy):
    return {"id": f"attr-{term_id}", "taxonomy_term": {"id": str(term_id), "name": name, "taxonomy": taxonomy}}


def record(id="svc-1", name="Sensory play sessions", **overrides):
    data = {
        "id": id,
        "name": name,
        "description": "Messy play for children with sensory needs.\n\nEvery Saturday.\nBring spare clothes.",
        "status": "active",
        "url": "https://sensoryplay.example.org/",
        "email": "hello@sensoryplay.example.org",
        "minimum_age": 2,
        "maximum_age": 30,
        "eligibility_description": "Children with sensory needs who live in Westshire.",
        "application_process": "Book online.",
        "assured_date": "2026-02-03",
        "organization": {
            "id": "org-1",
            "name": "Westshire Play Trust",
            "description": "Charity",
            "website": "https://play.example.org/",
        },
        "contacts": [
            {
                "id": "c-1",
                "name": "Bookings",
                "email": "book@sensoryplay.example.org",
                "phones": [{"id": "p", "number": "01632 960555"}],
            }
        ],
        "languages": [{"id": "l1", "name": "English"}, {"id": "l2", "name": "Welsh"}],
        "cost_options": [{"id": "co", "option": "Charged", "amount": 4, "amount_description": "£4 a child."}],
        "service_at_locations": [
            {
                "id": "sal-1",
                "location": {
                    "id": "loc-1",
                    "location_type": "physical",
                    "name": "Westshire Hall",
                    "latitude": 51.5,
                    "longitude": -2.25,
                    "addresses": [
                        {
                            "id": "a",
                            "address_1": "1 Hall Lane",
                            "address_2": "",
                            "city": "Westshire",
                            "state_province": "",
                            "postal_code": "WS1 1AA",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {"id": "x", "accessibility": "Step-free access"},
                        {"id": "y", "description": "Quiet room available."},
                    ],
                },
            }
        ],
        "schedules": [{"id": "s", "service_at_location_id": "sal-1", "description": "Saturdays 10am to noon"}],
        "attributes": [
            attribute(derived_id(TIER, "targeted"), "Targeted", "Support tiers"),
            attribute(derived_id(ACCESS_ROUTE, "self_referral"), "Self-referral", "Ways to get a service"),
            attribute(derived_id(DELIVERY, "delivery_in_person"), "In person", "How a service is delivered"),
            attribute("their-autism", "Autism", "Their needs"),
            attribute("their-sensory", "Sensory processing", "Their needs"),
        ],
    }
    data.update(overrides)
    return data


def imported(external_id="svc-1"):
    return ServicePage.objects.get(openreferral_source__external_id=external_id)


def test_a_feed_becomes_service_pages(feed, directory):
    feed.records = [record()]
    report = import_feed_url(feed.url)
    assert report.created == ["Sensory play sessions"] and not report.rejected
    page = imported()
    assert page.live and page.get_parent().pk == directory.pk
    assert page.summary == "Messy play for children with sensory needs."
    assert page.description == "<p>Every Saturday.</p><p>Bring spare clothes.</p>"
    assert (page.min_age, page.max_age) == (2, 25)  # 30 is beyond our 0 to 25: noted
    assert any("maximum_age 30" in note for note in report.notes)
    assert page.tier == "targeted" and page.self_referral and page.delivery_in_person and not page.delivery_online
    assert page.area == "outside"  # a neighbour's feed, unless the service says
    assert page.eligibility.startswith("Children with sensory needs") and page.access_steps == "Book online."
    assert (page.cost, page.cost_details) == ("charged", "£4 a child.")
    assert page.languages == "English, Welsh"
    assert str(page.last_reviewed) == "2026-02-03"
    assert page.organisation.name == "Westshire Play Trust" and page.organisation.provider_type == "other"
    assert [n.slug for n in page.need_types.all()] == ["autism"]  # mapped by its name
    [contact] = page.contacts.all()
    assert (contact.name, contact.phone, contact.email, contact.website) == (
        "Bookings",
        "01632 960555",
        "book@sensoryplay.example.org",
        "https://sensoryplay.example.org/",
    )
    [venue] = page.venues.all()
    assert (venue.name, venue.address, venue.postcode) == ("Westshire Hall", "1 Hall Lane\nWestshire", "WS1 1AA")
    assert venue.step_free and not venue.hearing_loop and venue.accessibility_notes == "Quiet room available."
    assert venue.opening_times == "Saturdays 10am to noon"
    assert str(venue.latitude) == "51.500000"
    source = ImportedService.objects.get(page=page)
    assert source.source_url == feed.url.rstrip("/") and source.imported_at
    assert report.unmapped_terms == [{"id": "their-sensory", "name": "Sensory processing", "taxonomy": "Their needs"}]
    assert TermMapping.objects.get(external_id="their-autism").need_type.slug == "autism"


def test_a_second_run_changes_nothing(feed, directory):
    feed.records = [record(), record(id="svc-2", name="Holiday club")]
    import_feed_url(feed.url)
    revisions = Revision.objects.count()
    pages = list(ServicePage.objects.values_list("pk", "uuid", "last_published_at"))
    report = import_feed_url(feed.url)
    assert sorted(report.unchanged) == ["Holiday club", "Sensory play sessions"]
    assert not report.created and not report.updated and not report.conflicts
    assert Revision.objects.count() == revisions
    assert list(ServicePage.objects.values_list("pk", "uuid", "last_published_at")) == pages

    # A service the feed stops sending is reported for an officer to check, and left published here (README).
    feed.records = [record()]
    out = StringIO()
    call_command("import_openreferral", feed.url, stdout=out)
    assert "No longer in the feed (imported before, still published here" in out.getvalue()
    assert "Holiday club" in out.getvalue() and imported("svc-2").live
    assert FeedImport.objects.get().report["no_longer_in_feed"] == ["Holiday club"]


def test_a_changed_record_updates_the_page_and_keeps_its_ids(feed, directory):
    feed.records = [record()]
    import_feed_url(feed.url)
    page = imported()
    ids = (
        page.uuid,
        list(page.venues.values_list("uuid", flat=True)),
        list(page.contacts.values_list("uuid", flat=True)),
    )
    feed.records = [
        record(
            name="Sensory play (new times)",
            schedules=[{"id": "s", "service_at_location_id": "sal-1", "description": "Sundays"}],
        )
    ]
    report = import_feed_url(feed.url)
    assert report.updated == ["Sensory play (new times)"]
    page = imported()
    assert page.title == "Sensory play (new times)" and page.venues.get().opening_times == "Sundays"
    assert (
        page.uuid,
        list(page.venues.values_list("uuid", flat=True)),
        list(page.contacts.values_list("uuid", flat=True)),
    ) == ids


def test_an_officers_edit_is_never_overwritten(feed, directory, admin_user):
    feed.records = [record()]
    import_feed_url(feed.url)
    page = imported()
    page.eligibility = "Checked by our team: children aged 2 to 11."
    page.save_revision(user=admin_user).publish()

    report = import_feed_url(feed.url)  # the feed has not changed: the edit stays
    assert report.kept_local_edits == ["Sensory play sessions"]
    assert imported().eligibility == "Checked by our team: children aged 2 to 11."

    feed.records = [record(application_process="Phone to book.")]
    report = import_feed_url(feed.url)  # both changed: a conflict, reported, and the page left alone
    assert [item["name"] for item in report.conflicts] == ["Sensory play sessions"]
    page = imported()
    assert page.eligibility == "Checked by our team: children aged 2 to 11." and page.access_steps == "Book online."

    # A draft edit counts as an edit too.
    page.summary = "A draft summary."
    page.save_revision(user=admin_user)
    assert import_feed_url(feed.url).conflicts


def test_officers_map_terms_and_the_next_import_uses_them(feed, directory):
    feed.records = [record()]
    import_feed_url(feed.url)
    mapping = TermMapping.objects.get(external_id="their-sensory")
    assert not mapping.mapped
    mapping.category = ServiceCategoryFactory(slug="sensory-play", name="Sensory play")
    mapping.save()
    report = import_feed_url(feed.url)
    assert report.updated == ["Sensory play sessions"] and report.unmapped_terms == []
    assert list(imported().categories.values_list("slug", flat=True)) == ["sensory-play"]
    TermMapping.objects.filter(external_id="their-sensory").update(category=None, ignore=True)
    assert import_feed_url(feed.url).unmapped_terms == []


def test_bad_records_are_rejected_with_reasons_and_the_rest_imported(feed, directory):
    feed.records = [
        record(id="ok"),
        record(id="no-name", name=""),
        record(id="gone", status="defunct"),
        record(id="ages", minimum_age=12, maximum_age=5),
        record(id="contacts", contacts="Phone us"),
        record(id="words", minimum_age="twelve"),
        "not an object",
        record(id="ok", name="A second record with the same id"),
        record(id="", name="No id"),
    ]
    report = import_feed_url(feed.url)
    assert report.created == ["Sensory play sessions"]
    reasons = {item["id"]: " ".join(item["reasons"]) for item in report.rejected}
    assert "no name" in reasons["no-name"]
    assert "'defunct'" in reasons["gone"]
    assert "more than maximum_age" in reasons["ages"]
    assert "'contacts' is not a list" in reasons["contacts"]
    assert "minimum_age is not a number" in reasons["words"]
    assert "not an object" in reasons["?"]
    assert "twice" in reasons["ok"]
    assert "no id" in reasons[""]
    assert ServicePage.objects.count() == 1


def test_a_record_the_database_refuses_is_rejected_alone(feed, directory):
    long_postcode = record(id="bad")
    long_postcode["service_at_locations"][0]["location"]["latitude"] = "not a number"
    long_postcode["contacts"][0]["email"] = "not an email"
    feed.records = [record(id="good", name="Good"), long_postcode]
    report = import_feed_url(feed.url)
    assert sorted(report.created) == ["Good", "Sensory play sessions"]  # bad values are dropped, not fatal
    assert imported("bad").venues.get().latitude is None and imported("bad").contacts.get().email == ""


def feed_error(feed, **kwargs):
    with pytest.raises(FeedError) as caught:
        import_feed_url(feed.url, **kwargs)
    return str(caught.value)


def assert_nothing_written():
    assert not ServicePage.objects.exists()
    assert not ImportedService.objects.exists() and not TermMapping.objects.exists()


@pytest.mark.parametrize(
    ("route", "answer", "message"),
    [
        ("/", (200, "text/html", b"<html>Welcome</html>", 0), "did not answer with JSON (it sent text/html)"),
        ("/", (200, "application/json", {"version": "HSDS-3.0"}, 0), "says it is version 'HSDS-3.0'"),
        ("/", (200, "application/json", {"version": "HSDS-UK-2.0"}, 0), "Open Referral UK 3.0 (HSDS-UK-3.0) only"),
        ("/", (200, "application/json", [1, 2], 0), "says it is version None"),
        ("/", (500, "text/plain", b"oops", 0), "error 500"),
        ("/services?page=2", (503, "text/plain", b"down", 0), "error 503"),  # half-way through: nothing written
        ("/services?page=2", (200, "application/json", {"no": "contents"}, 0), "did not send a list of services"),
        ("/services?page=1", (200, "application/json", b"{not json", 0), "did not answer with JSON"),
    ],
)
def test_a_feed_that_cannot_be_read_writes_nothing(feed, directory, route, answer, message):
    feed.records = [record(id=f"r{i}", name=f"Service {i}") for i in range(5)]
    feed.per_page = 2
    feed.routes[f"{BASE}{route}"] = answer
    assert message in feed_error(feed)
    assert_nothing_written()


def test_a_slow_feed_is_cut_off(feed, directory, settings):
    settings.OPENREFERRAL_IMPORT_TIMEOUT = 1
    feed.records = [record()]
    feed.routes[f"{BASE}/services?page=1"] = (200, "application/json", {"contents": []}, 3)
    assert "took too long" in feed_error(feed)
    assert_nothing_written()


def test_a_feed_that_sends_its_body_a_byte_at_a_time_is_cut_off(feed, directory, settings):
    settings.OPENREFERRAL_IMPORT_TIMEOUT = 1
    feed.routes[f"{BASE}/"] = (200, "application/json", json.dumps({"version": "HSDS-UK-3.0"}).encode(), -0.2)
    assert "took too long" in feed_error(feed)
    assert_nothing_written()


def test_fetch_body_refuses_an_answer_larger_than_its_limit(feed):
    feed.records = [record(id=f"r{i}") for i in range(20)]
    fetched = fetch_body(f"{feed.url}services", timeout=5, max_bytes=10_000)
    assert fetched.error == "The answer was larger than we accept" and fetched.content == b""
    assert fetch_body(f"{feed.url}services", timeout=5).error is None


def test_an_unreachable_or_private_feed_is_refused(feed, directory, settings):
    feed.close()
    assert "could not be reached" in feed_error(feed)
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    assert "must be a public website" in feed_error(feed)
    assert "must be a public website" in feed_error(type("F", (), {"url": "http://169.254.169.254/latest/"}))
    assert_nothing_written()


def test_the_command_reports_and_records_the_run(feed, directory):
    feed.records = [record(), record(id="bad", name="")]
    out = StringIO()
    call_command("import_openreferral", feed.url, stdout=out)
    text = out.getvalue()
    assert "1 created" in text and "1 rejected" in text and "Rejected: ? (bad): it has no name" in text
    assert "Sensory processing (Their needs)" in text
    run = FeedImport.objects.get()
    assert run.status == FeedImport.DONE and run.report["created"] == ["Sensory play sessions"] and run.finished_at
    feed.routes[f"{BASE}/"] = (200, "application/json", {"version": "1.0"}, 0)
    with pytest.raises(CommandError, match="version '1.0'"):
        call_command("import_openreferral", feed.url, stdout=StringIO())
    assert FeedImport.objects.filter(status=FeedImport.FAILED).count() == 1


def test_officers_import_from_the_admin_and_see_the_report(feed, directory, admin_client):
    feed.records = [record()]
    response = admin_client.get("/admin/open-data/import/")
    assert response.status_code == 200
    response = admin_client.post("/admin/open-data/import/", {"url": feed.url, "area": "outside"})
    run = FeedImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/open-data/import/{run.pk}/")
    page = admin_client.get(response["Location"]).content.decode()
    assert "Done" in page and "1 created" in page and "Sensory processing" in page
    assert "No longer in the feed" not in page
    feed.records = []
    response = admin_client.post("/admin/open-data/import/", {"url": feed.url, "area": "outside"})
    page = admin_client.get(response["Location"]).content.decode()
    assert "No longer in the feed" in page and "Sensory play sessions" in page and "unpublish them" in page
    mappings = admin_client.get("/admin/openreferral_terms/").content.decode()
    assert "Sensory processing" in mappings
    mapping = TermMapping.objects.get(external_id="their-sensory")
    need = NeedType.objects.get(slug="adhd")
    response = admin_client.post(
        f"/admin/openreferral_terms/edit/{mapping.pk}/", {"need_type": need.pk, "category": "", "fixed": ""}
    )
    assert response.status_code == 302
    assert TermMapping.objects.get(pk=mapping.pk).need_type == need
    assert ServiceCategory.objects.exists()


def test_services_created_in_bulk_are_whole_wagtail_pages(feed, directory, client):
    feed.records = [record(id=f"club-{i}", name=f"Holiday club {i}") for i in range(3)] + [record()]
    import_feed_url(feed.url)
    assert all(not problems for problems in Page.find_problems())  # the tree's paths, depths and child counts
    page = imported()
    assert page.live and not page.has_unpublished_changes and page.first_published_at
    assert page.latest_revision_id == page.live_revision_id and page.revisions.count() == 1
    assert page.get_latest_revision_as_object().venues.get().name == "Westshire Hall"  # history, compare, revert
    assert list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True).order_by("pk")) == [
        "wagtail.create",
        "wagtail.publish",
    ]
    assert page.url_path.endswith("/sensory-play-sessions/") and client.get(page.url).status_code == 200
    assert sorted(p.title for p in keyword_search(ServicePage.objects.visible(), "holiday")) == [
        "Holiday club 0",
        "Holiday club 1",
        "Holiday club 2",
    ]
    response = client.get(directory.url, {"q": "holiday"})  # the directory page's search and facet index see them
    assert response.status_code == 200 and response.content.decode().count("Holiday club") >= 3


def test_a_batch_the_database_refuses_is_written_one_by_one_and_only_the_bad_record_rejected(
    feed, directory, monkeypatch
):
    insert = bulk._insert

    def refuse_one(pages, parent, services):
        if any(page.title == "Refused" for page in pages):
            raise IntegrityError("refused")
        return insert(pages, parent, services)

    monkeypatch.setattr(bulk, "_insert", refuse_one)
    feed.records = [record(id="a", name="First"), record(id="b", name="Refused"), record(id="c", name="Third")]
    report = import_feed_url(feed.url)
    assert report.created == ["First", "Third"]
    assert [(item["id"], item["reasons"]) for item in report.rejected] == [("b", ["not saved: refused"])]
    assert sorted(ServicePage.objects.values_list("title", flat=True)) == ["First", "Third"]
    assert all(not problems for problems in Page.find_problems())


def test_a_service_the_page_editor_would_refuse_is_rejected_with_its_reasons(feed, directory):
    feed.records = [record(id="a", name="Good"), record(id="b", name="Too long", languages=[{"name": "x" * 300}])]
    report = import_feed_url(feed.url, area="nowhere")
    assert not report.created
    reasons = " ".join(report.rejected[0]["reasons"])
    assert "area" in reasons and "not a valid choice" in reasons


def test_moderators_map_terms_without_being_superusers(feed, directory, client):
    """The data migration gives Moderators (and Administrators) the term mappings; Editors may only look."""
    feed.records = [record()]
    import_feed_url(feed.url)
    mapping = TermMapping.objects.get(external_id="their-sensory")
    moderator = UserFactory(username="moderator", groups=[MODERATORS])
    editor = UserFactory(username="editor", groups=[EDITORS])
    admin = UserFactory(username="administrator", groups=[ADMINISTRATORS])
    assert not moderator.is_superuser and moderator.has_perm("directory.change_termmapping")
    assert admin.has_perm("directory.change_termmapping") and not editor.has_perm("directory.change_termmapping")
    client.force_login(moderator)
    assert "Term mappings" in client.get("/admin/").content.decode()
    assert "Sensory processing" in client.get("/admin/openreferral_terms/").content.decode()
    need = NeedType.objects.get(slug="adhd")
    response = client.post(
        f"/admin/openreferral_terms/edit/{mapping.pk}/", {"need_type": need.pk, "category": "", "fixed": ""}
    )
    assert response.status_code == 302 and TermMapping.objects.get(pk=mapping.pk).need_type == need
    client.force_login(editor)
    response = client.post(f"/admin/openreferral_terms/edit/{mapping.pk}/", {"need_type": "", "ignore": "on"})
    assert response.status_code in (302, 403) and TermMapping.objects.get(pk=mapping.pk).need_type == need


def test_only_officers_who_may_publish_import_a_feed(feed, directory, client):
    """The feed import publishes what it creates and updates: an Editor (whose changes go to a moderator) may use the
    services spreadsheet, which keeps their rows as drafts, but not the feed import."""
    editor = UserFactory(username="editor", groups=[EDITORS])
    moderator = UserFactory(username="moderator", groups=[MODERATORS])
    client.force_login(editor)
    menu = client.get("/admin/").content.decode()
    assert "Services spreadsheet" in menu and "Import from Open Referral" not in menu
    response = client.post("/admin/open-data/import/", {"url": feed.url, "area": "outside"})
    assert response.status_code in (302, 403) and not FeedImport.objects.exists()
    assert client.get("/admin/open-data/spreadsheet/").status_code == 200
    client.force_login(moderator)
    assert "Import from Open Referral" in client.get("/admin/").content.decode()
    assert client.get("/admin/open-data/import/").status_code == 200
