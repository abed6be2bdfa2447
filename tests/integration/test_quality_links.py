"""Link health end to end: links collected from live pages, checked against a local server, the Broken links
report (grouped by owner and page, CSV), the dashboard count, the owners' digest and the cron command."""

import csv
import datetime
import io
import threading
from http.server import ThreadingHTTPServer

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from directory.models import LinkCheck, LinkOccurrence, SchoolPage, ServiceContact, ServicePage
from directory.upkeep import links
from directory.upkeep.digest import build_digests
from directory.upkeep.tasks import check_links_task
from tests.factories import (
    InformationPageFactory,
    LocalOfferSettingsFactory,
    OrganisationFactory,
    ReviewTeamFactory,
    SchoolPageFactory,
    SchoolsIndexPageFactory,
    ServicePageFactory,
    stream,
)
from tests.unit.test_quality_link_checker import Handler

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(server, settings, tmp_path, home_page, directory):
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    settings.LINK_CHECK_TIMEOUT = 5  # generous: a loaded CI machine must not turn a working link into a timeout
    settings.LINK_CHECK_HOST_DELAY = 0
    settings.MEDIA_ROOT = tmp_path
    LocalOfferSettingsFactory(sendiass_website=f"{server}/ok", email="localoffer@council.example")
    health = ReviewTeamFactory(name="Health team", email="health@council.example")
    document = get_document_model().objects.create(title="Guide", file=ContentFile(b"%PDF", name="guide.pdf"))
    info = InformationPageFactory(
        title="Therapies",
        slug="therapies",
        summary="Therapies for children.",
        body=stream(
            [
                ("text", f'<p><a href="{server}/ok">NHS</a> and <a href="{server}/missing">old page</a>.</p>'),
                ("text", '<p><a linktype="document" id="999999">a deleted document</a></p>'),
                ("text", '<p><a href="mailto:team@council.example">Email us</a></p>'),
                ("document", {"document": document.pk, "title": "", "description": ""}),
            ]
        ),
        review_owner=health,
        publish_revision=True,
    )
    service = ServicePageFactory(
        title="Speech drop-in",
        slug="speech",
        max_age=11,
        organisation=OrganisationFactory(name="Speech Trust", website=f"{server}/chain/2"),
        description=f'<p>See <a href="{server}/ok">our leaflet</a>.</p>',
        contacts=[ServiceContact(name="Reception", website=f"{server}/error")],
        publish_revision=True,
    )
    ServicePageFactory(
        title="Draft",
        slug="draft",
        contacts=[ServiceContact(name="Desk", website=f"{server}/missing?draft")],
        draft=True,
    )
    return {"server": server, "home": home_page, "info": info, "service": service, "health": health, "doc": document}


def test_links_are_collected_from_every_kind_of_field(site):
    server = site["server"]
    service = links.page_links(site["service"])
    assert ("Organisation: website", f"{server}/chain/2") in service
    assert ("Service contact 'Reception': website", f"{server}/error") in service
    assert ("Description", f"{server}/ok") in service
    info = dict((url, where) for where, url in links.page_links(site["info"]))
    assert info[f"{server}/missing"] == "Body"
    assert info[site["doc"].url] == "Body"
    assert "/documents/999999/" in info
    assert not any(url.startswith("mailto:") for url in info)
    collected = links.collect_links()
    assert ("Site settings: SENDIASS website", f"{server}/ok") in collected[site["home"]]
    assert not any(page.slug == "draft" for page in collected)  # unpublished pages are not checked


def test_a_page_type_can_say_where_its_links_are(site, monkeypatch):
    monkeypatch.setattr(
        ServicePage, "external_urls", lambda page: [("SEN information report", "https://example.org/r")], raising=False
    )
    assert links.page_links(site["service"]) == [("SEN information report", "https://example.org/r")]


def test_a_run_records_each_url_once_with_its_result_and_places(site):
    server = site["server"]
    summary = links.run_link_check()
    results = {link.url: link for link in LinkCheck.objects.all()}
    assert summary.links == len(results) == 6
    assert results[f"{server}/ok"].ok and results[f"{server}/ok"].occurrences.count() == 3
    chain = results[f"{server}/chain/2"]
    assert chain.ok and chain.final_url == f"{server}/ok" and len(chain.redirect_chain) == 3
    assert results[f"{server}/missing"].status_code == 404 and not results[f"{server}/missing"].ok
    assert results[f"{server}/error"].status_code == 500
    assert results["/documents/999999/"].error == "The document has been deleted"
    assert results[site["doc"].url].ok
    assert summary.broken == 3
    assert all(link.last_checked_at for link in results.values())
    assert {link.url for link in LinkCheck.objects.filter(ok=False)} == {
        f"{server}/missing",
        f"{server}/error",
        "/documents/999999/",
    }


def test_first_failure_is_kept_until_the_link_works_and_gone_links_are_forgotten(site):
    server = site["server"]
    links.run_link_check()
    broken = LinkCheck.objects.get(url=f"{server}/missing")
    long_ago = timezone.now() - datetime.timedelta(days=20)
    LinkCheck.objects.filter(pk=broken.pk).update(first_failure_at=long_ago)
    links.run_link_check()
    assert LinkCheck.objects.get(pk=broken.pk).first_failure_at == long_ago

    info = site["info"]
    info.body = stream([("text", f'<p><a href="{server}/chain/1">moved</a></p>')])
    info.save_revision().publish()
    links.run_link_check()
    assert not LinkCheck.objects.filter(url=f"{server}/missing").exists()
    assert LinkCheck.objects.get(url=f"{server}/chain/1").ok
    assert not LinkOccurrence.objects.filter(page=info, link__ok=False).exists()


@pytest.fixture
def officer(client):
    user = User.objects.create_superuser("officer", "officer@council.example", "pw")
    client.force_login(user)
    return client


def test_broken_links_report_groups_by_owner_and_page_and_filters(site, officer):
    links.run_link_check()
    response = officer.get(reverse("directory_broken_links"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-broken-count>3<" in html and "data-page-count>2<" in html
    assert html.index("Health team") < html.index("No owner")  # owned pages first, then the rest
    assert html.count("data-broken-link") == 3
    filtered = officer.get(reverse("directory_broken_links"), {"owner": site["health"].pk}).content.decode()
    assert "Therapies" in filtered and "Speech drop-in" not in filtered
    bad = officer.get(reverse("directory_broken_links"), {"owner": "not-a-team"})
    assert bad.status_code == 200 and "have been ignored" in bad.content.decode()


def test_my_teams_reviews_shows_only_the_broken_links_of_the_officers_teams(site, officer):
    links.run_link_check()
    me = User.objects.get(username="officer")
    url = reverse("directory_broken_links")
    assert officer.get(url, {"mine": "on"}).context["page_count"] == 0  # in no team: nothing, not everything
    site["health"].members.add(me)
    mine = officer.get(url, {"mine": "on"}).content.decode()
    assert "Therapies" in mine and "Speech drop-in" not in mine  # the service has no owner


def test_broken_links_csv_opens_in_a_spreadsheet(site, officer):
    links.run_link_check()
    response = officer.get(reverse("directory_broken_links"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 3
    row = next(r for r in rows if r["Link"].endswith("/error"))
    assert row["Page"] == "Speech drop-in" and row["Status"] == "500" and row["Owner"] == "No owner"
    assert row["Where on the page"] == "Service contact 'Reception': website"


def test_dashboard_shows_the_broken_link_count(site, officer):
    links.run_link_check()
    html = officer.get("/admin/").content.decode()
    row = html[html.index('data-dashboard-item="broken-links"') :]
    assert reverse("directory_broken_links") in row[:400]
    assert '<strong class="w-text-critical-200">3</strong>' in row[:600]


def test_until_a_check_has_run_the_dashboard_and_report_say_not_checked_yet(site, officer):
    html = officer.get("/admin/").content.decode()
    row = html[html.index('data-dashboard-item="broken-links"') :][:600]
    assert "Not checked yet" in row and "all links work" not in row
    report = officer.get(reverse("directory_broken_links")).content.decode()
    assert "Links have not been checked yet" in report and "No broken links" not in report
    assert officer.get(reverse("directory_check_links_now")).status_code == 405  # a change: POST only

    response = officer.post(reverse("directory_check_links_now"), follow=True)  # tasks run at once in tests
    html = response.content.decode()
    assert "Links checked:" in html and "3 broken" in html
    assert "data-broken-count>3<" in html and "data-last-checked" in html
    row = officer.get("/admin/").content.decode()
    row = row[row.index('data-dashboard-item="broken-links"') :][:800]
    assert '<strong class="w-text-critical-200">3</strong>' in row and "last checked" in row


def test_links_broken_longer_than_the_set_time_go_into_the_owners_digest(site, settings):
    settings.LINK_CHECK_DIGEST_AFTER_DAYS = 7
    server = site["server"]
    links.run_link_check()
    digests = build_digests(timezone.localdate())
    assert "have not worked" not in "".join(digests.values())  # just broken: not yet
    LinkCheck.objects.filter(url=f"{server}/missing").update(
        first_failure_at=timezone.now() - datetime.timedelta(days=8)
    )
    LinkCheck.objects.filter(url=f"{server}/error").update(first_failure_at=timezone.now() - datetime.timedelta(days=9))
    digests = build_digests(timezone.localdate())
    assert f"{server}/missing" in digests["health@council.example"]
    assert f"{server}/error" not in digests["health@council.example"]
    # A page with no owning team: the Local Offer team's address from the site settings.
    assert f"{server}/error" in digests["localoffer@council.example"]
    assert "/documents/999999/" not in "".join(digests.values())


def test_cron_command_checks_and_reports(site):
    out = io.StringIO()
    call_command("check_links", stdout=out)
    assert "Checked 6 links on 3 pages: 3 broken." in out.getvalue()
    out = io.StringIO()
    call_command("check_links", "--url", f"{site['server']}/missing", stdout=out)
    assert "Checked 1 link on 3 pages: 1 broken." in out.getvalue()


def test_the_task_runs_a_check(site):
    result = check_links_task.enqueue()
    assert result.return_value == {"pages": 3, "links": 6, "broken": 3}


def test_publishing_or_unpublishing_a_page_updates_its_links_at_once(site, officer):
    server = site["server"]
    links.run_link_check()
    info = site["info"]
    info.body = stream([("text", f'<p><a href="{server}/chain/0">new address</a></p>')])
    info.save_revision().publish()
    assert not LinkCheck.objects.filter(url=f"{server}/missing").exists()
    new = LinkCheck.objects.get(url=f"{server}/chain/0")
    assert new.ok is None and new.occurrences.get().page_id == info.pk  # checked at the next run

    site["service"].unpublish()
    assert not LinkOccurrence.objects.filter(page=site["service"]).exists()
    html = officer.get(reverse("directory_broken_links")).content.decode()
    assert "data-broken-link" not in html


def test_an_officer_can_check_a_link_again_after_fixing_it(site, officer):
    server = site["server"]
    links.run_link_check()
    fixed = LinkCheck.objects.get(url=f"{server}/ok")
    LinkCheck.objects.filter(pk=fixed.pk).update(ok=False, error="was down", first_failure_at=timezone.now())
    url = reverse("directory_recheck_link", args=[fixed.pk])
    assert officer.get(url).status_code == 405
    response = officer.post(url, follow=True)
    fixed.refresh_from_db()
    assert fixed.ok and fixed.first_failure_at is None and fixed.error == ""
    assert "works now" in response.content.decode()

    still = LinkCheck.objects.get(url=f"{server}/missing")
    response = officer.post(reverse("directory_recheck_link", args=[still.pk]), follow=True)
    assert "is still broken" in response.content.decode()
    assert not LinkCheck.objects.get(pk=still.pk).ok


def test_a_schools_sen_report_link_status_follows_the_check(site):
    server = site["server"]
    SchoolsIndexPageFactory(title="Schools")
    school = SchoolPageFactory(
        title="Hill Primary",
        slug="hill",
        urn=100001,
        summary="A primary school.",
        website=f"{server}/ok",
        sen_report_url=f"{server}/missing",
    )
    found = [url for _where, url in links.page_links(school)]
    assert f"{server}/missing" in found and f"{server}/ok" in found  # collected generically from its URL fields
    links.run_link_check()
    school.refresh_from_db()
    assert school.sen_report_status == SchoolPage.LINK_BROKEN and "404" in school.sen_report_error
    assert school.sen_report_checked_at is not None
