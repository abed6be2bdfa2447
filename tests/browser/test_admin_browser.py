"""An officer at home in the admin (JavaScript on): the preview panel shows the page, the admin asks nothing of any
other origin, the services listing narrows and exports, a failed publish shows its error on the right tab and field,
and the dashboard says "not checked yet" until "Check links now" has run."""

import csv
import threading
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.unit.test_quality_link_checker import Handler

pytestmark = pytest.mark.browser

OFFICER = ("admin-officer", "admin-officer-pass-123")


def page_id(site_server, model, **lookup):
    """The id of a live page, read from the server's own database."""
    code = f"from {model.rsplit('.', 1)[0]} import {model.rsplit('.', 1)[1]} as M; "
    code += f"print(M.objects.live().filter(**{lookup!r}).order_by('pk').values_list('pk', flat=True).first())"
    return int(site_server.manage("shell", "-v", "0", "-c", code).strip())


def test_the_preview_panel_shows_the_page(site_server, officer_page):
    pk = page_id(site_server, "directory.services.models.ServicePage")
    officer_page.goto(f"{site_server.url}/admin/pages/{pk}/edit/")
    title = officer_page.locator("#id_title").input_value()
    officer_page.locator('[data-side-panel-toggle="preview"]').click()
    # Wagtail swaps in a fresh iframe for each refresh; the newest is last.
    frame = officer_page.locator('iframe[data-w-preview-target="iframe"]').last.content_frame
    expect(frame.locator("h1")).to_have_text(title)


def test_the_admin_requests_nothing_from_another_origin(site_server, officer_page):
    requested = []
    officer_page.on("request", lambda request: requested.append(request.url))
    pk = page_id(site_server, "localoffer.models.InformationPage")
    for url in ("/admin/", f"/admin/pages/{pk}/edit/"):
        officer_page.goto(site_server.url + url, wait_until="networkidle")
    assert any(url.startswith(site_server.url + "/static/") for url in requested)
    elsewhere = [url for url in requested if not url.startswith((site_server.url + "/", "data:", "blob:"))]
    assert elsewhere == []


KNOWN_SET = """
from directory.models import ServicePage
pages = ServicePage.objects.filter(tier="specialist", need_types__slug="autism", organisation__name="Northbrook CAMHS")
print("\\n".join(sorted(set(pages.values_list("title", flat=True)))))
"""


def test_the_services_listing_narrows_with_three_filters_and_exports_them(site_server, officer_page):
    expected = site_server.manage("shell", "-v", "0", "-c", KNOWN_SET).split("\n")
    expected = [title for title in expected if title]
    assert expected
    officer_page.goto(site_server.url + "/admin/")
    officer_page.get_by_role("button", name="Directory").click()
    officer_page.get_by_role("link", name="Services").click()
    officer_page.get_by_role("button", name="Show filters").click()
    drawer = officer_page.locator(".w-drilldown")
    for group, label in (("Tier", "Specialist: specialised"), ("Need type", "Autism"), ("Organisation", "CAMHS")):
        drawer.get_by_role("button", name=group, exact=True).click()
        with officer_page.expect_response(lambda response: "/admin/services/results/" in response.url):
            drawer.get_by_role("checkbox", name=label).check()
        drawer.get_by_role("button", name="Back").click()
    listed = officer_page.locator("table.listing tbody td.title a")
    expect(listed).to_have_count(len(expected))  # the table is swapped in a moment after its response arrives
    titles = listed.all_inner_texts()
    assert sorted(title.strip() for title in titles) == expected

    officer_page.get_by_role("button", name="Actions", exact=True).click()
    with officer_page.expect_download() as download:
        officer_page.get_by_role("link", name="Download CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.reader(exported))
    assert rows[0][:2] == ["Open Referral id", "Name"]
    assert sorted(row[1] for row in rows[1:]) == expected


def test_a_failed_publish_shows_the_error_on_its_tab_and_field_and_says_the_draft_was_kept(site_server, officer_page):
    pk = page_id(site_server, "directory.services.models.ServicePage", tier="universal")
    officer_page.goto(f"{site_server.url}/admin/pages/{pk}/edit/")
    officer_page.get_by_role("tab", name="Who it is for").click()
    officer_page.locator("#id_eligibility").fill("")  # required to publish, on the second tab
    officer_page.get_by_role("tab", name="What it is").click()
    publish = officer_page.locator('button[name="action-publish"]')
    if not publish.is_visible():  # in the menu beside "Save draft"
        officer_page.locator('.w-dropdown:has(button[name="action-publish"]) .w-dropdown__toggle').click()
    publish.click()
    officer_page.wait_for_load_state()

    message = officer_page.locator(".messages")
    expect(message).to_contain_text("saved as a draft but not published")
    expect(message).to_contain_text("(Who it is for tab)")
    expect(officer_page.locator("#tab-label-who_it_is_for .w-tabs__errors")).to_contain_text("1")  # the badge
    message.get_by_role("link", name="Eligibility criteria: This field is required.").click()  # opens the tab
    field = officer_page.locator("#tab-who_it_is_for [data-field-wrapper]:has(#id_eligibility)")
    expect(field.locator(".error-message")).to_be_visible()
    expect(officer_page.locator("#id_eligibility")).to_be_focused()


FORGET_LINK_CHECKS = "from directory.upkeep.models import LinkCheck; LinkCheck.objects.all().delete()"


SETTINGS_WEBSITES = (
    "from localoffer.models import LocalOfferSettings as S; s = S.objects.get(); "
    "print(s.sendiass_website + '|' + s.parent_carer_forum_website); "
    "s.sendiass_website, s.parent_carer_forum_website = {!r}, {!r}; s.save()"
)


@pytest.fixture
def links_server():
    """The tests' own web server: /ok answers 200, /missing 404 (tests/unit/test_quality_link_checker.py)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_dashboard_says_not_checked_yet_until_check_links_now_has_run(site_server, officer_page, links_server):
    # The site settings' two websites (on every page) point at the tests' own server, one working and one not
    # (the site's link checker may fetch 127.0.0.1: LINK_HEALTH_ALLOW_PRIVATE in settings/browser.py); the demo's
    # other links are on reserved .example names: checking them sends nothing to any real site.
    ok, missing = f"{links_server}/ok", f"{links_server}/missing"
    # One shell (each manage.py process costs seconds of start-up): no checks yet, and the tests' websites.
    before = site_server.manage(
        "shell", "-v", "0", "-c", f"{FORGET_LINK_CHECKS}; {SETTINGS_WEBSITES.format(ok, missing)}"
    )
    try:
        check_links_now(site_server, officer_page, ok, missing)
    finally:  # the server is shared by every browser test: the demo's own websites back
        site_server.manage(
            "shell", "-v", "0", "-c", SETTINGS_WEBSITES.format(*before.strip().splitlines()[-1].split("|"))
        )


def check_links_now(site_server, officer_page, ok, missing):
    officer_page.goto(site_server.url + "/admin/")
    broken = officer_page.locator('[data-dashboard-item="broken-links"]')
    expect(broken).to_contain_text("Not checked yet")

    broken.get_by_role("link").first.click()
    expect(officer_page.locator("[data-not-checked]")).to_be_visible()
    officer_page.set_default_timeout(180_000)  # the tests' server runs the check at once, before it answers
    officer_page.get_by_role("button", name="Check links now").click()
    expect(officer_page.locator(".messages")).to_contain_text("Links checked")

    officer_page.goto(site_server.url + "/admin/")
    expect(broken).not_to_contain_text("Not checked yet")
    expect(broken).to_contain_text("last checked")
    count = int(broken.locator("[data-count]").inner_text().strip())
    assert count > 0  # the missing page, and the .example names that never resolve: a real count, not 0
    report = officer_page.goto(site_server.url + "/admin/reports/broken-links/")
    assert report is not None and report.ok
    text = officer_page.content()
    assert missing in text and ok not in text  # the tests' server answered: 404 is broken, 200 is not
