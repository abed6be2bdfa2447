"""Schools in a real browser: a family finds a special school for a 12-year-old from the home page in two clicks;
a SENCO submits with an error then succeeds with JavaScript off; zero axe violations on the finder, a school page,
and the SENCO form in each of its states, at 320px and 1280px."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

SCHOOL = "Oakfield Primary School"
SCHOOL_URN = 845001  # the first demo school (directory/schools_demo.py)


def ages_in(text):
    match = re.search(r"Ages? (\d+)(?: to (\d+))?", text)
    low = int(match.group(1))
    return low, int(match.group(2) or low)


def latest_confirm_path(site_server, since):
    """The confirmation link from the newest email the server wrote after `since`."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        files = sorted(
            (f for f in site_server.mail_dir.glob("*.log") if f.stat().st_mtime >= since),
            key=lambda f: f.stat().st_mtime,
        )
        for mail_file in reversed(files):
            match = re.findall(
                r"https?://[^/\s]+(/schools/update-your-link/\d+/confirm/[^/\s]+/)", mail_file.read_text()
            )
            if match:
                return match[-1]
        time.sleep(0.2)
    raise AssertionError("no confirmation email arrived")


def test_family_finds_a_special_school_for_a_12_year_old_in_two_clicks(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/")
    page.get_by_role("link", name="Schools and settings").first.click()  # click 1
    page.get_by_role("link", name="Special schools for secondary school age (11 to 16)").click()  # click 2
    expect(page.locator("h1")).to_have_text("Schools and settings")
    results = page.locator(".results__item")
    serving_twelve = 0
    for i in range(results.count()):
        item = results.nth(i).inner_text()
        low, high = ages_in(item)
        assert low <= 16 and high >= 11, item  # the band's schools: every one whose ages overlap 11 to 16 (GUIDE)
        assert "special" in item.lower() or "section 41" in item
        serving_twelve += low <= 12 <= high
    assert serving_twelve >= 3
    # The address is shareable: opening it afresh gives the same list.
    url = page.url
    first = results.first.inner_text()
    page.goto(url)
    assert page.locator(".results__item").first.inner_text() == first


def test_senco_submits_with_an_error_then_succeeds_without_javascript(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/schools/update-your-link/")
    page.fill("#id_q", "Oakfield")
    page.get_by_role("button", name="Find your school").click()
    page.get_by_role("link", name=SCHOOL).click()
    expect(page.locator("h1")).to_have_text("Update the SEN information report link")

    page.fill("#id_report_url", "javascript:alert(document.cookie)")
    page.fill("#id_senco_name", "Jamie Rivers")
    page.fill("#id_senco_email", "j.rivers@oakfield-primary-school.example.sch.uk")
    page.fill("#id_senco_email_confirm", "j.rivers@oakfield-primary-school.example.sch.uk")
    page.check("#id_confirm_authority")
    page.get_by_role("button", name="Send the link").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("starts with https://")
    expect(page.locator("#id_senco_name")).to_have_value("Jamie Rivers")  # nothing typed is lost
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#id_report_url")

    since = time.time() - 1
    page.fill("#id_report_url", "https://www.oakfield-primary-school.example.sch.uk/send/2026-report")
    page.check("#id_confirm_authority")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    # No network in the test: the link cannot load, and the SENCO is told so plainly.
    expect(page.locator("main")).to_contain_text("We could not open the link you gave")

    page.goto(site_server.url + latest_confirm_path(site_server, since))
    page.get_by_role("button", name="Confirm my email address").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    # Used once; the second time it says so.
    page.go_back()
    page.reload()
    expect(page.locator("h1")).to_have_text("This link has already been used")


FINDER_PAGES = {
    "finder": "/schools/",
    "finder filtered": "/schools/?age=12&type=special&area=in",
    "finder with errors": "/schools/?age=twelve&type=castle",
    "finder no results": "/schools/?q=zzzzzz",
    "finder near a postcode": "/schools/?postcode=NB4+2EF&distance=3",
    "school page": "/schools/oakfield-primary-school/",
    "find your school": "/schools/update-your-link/?q=oak",
    "find your school error": "/schools/update-your-link/?q=999999",
    "submission form": f"/schools/update-your-link/{SCHOOL_URN}/",
    "bad token": f"/schools/update-your-link/{SCHOOL_URN}/confirm/nonsense:token:here/",
}


@pytest.mark.parametrize("path", list(FINDER_PAGES.values()), ids=list(FINDER_PAGES))
def test_schools_pages_have_no_axe_violations(site_server, page, path):
    page.goto(site_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_submission_states_have_no_axe_violations(site_server, page):
    page.goto(site_server.url + f"/schools/update-your-link/{SCHOOL_URN}/")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)  # every field in error

    page.fill("#id_report_url", "http://127.0.0.1/admin/")
    page.fill("#id_senco_name", "Robin Hale")
    page.fill("#id_senco_email", "r.hale@oakfield-primary-school.example.sch.uk")
    page.fill("#id_senco_email_confirm", "someone@else.example.org")
    page.check("#id_confirm_authority")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".error-summary")).to_contain_text("public website")
    expect(page.locator(".error-summary")).to_contain_text("do not match")
    assert_accessible(page)

    since = time.time() - 1
    page.fill("#id_report_url", "https://www.oakfield-primary-school.example.sch.uk/send")
    page.fill("#id_senco_email_confirm", "r.hale@oakfield-primary-school.example.sch.uk")
    page.check("#id_confirm_authority")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(page)

    page.goto(site_server.url + latest_confirm_path(site_server, since))
    expect(page.locator("h1")).to_have_text("Confirm your email address")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my email address").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    assert_accessible(page)
