"""Have your say and "you said, we did" in a real browser: without JavaScript, with a keyboard's worth of errors,
and through axe at 320px and 1280px."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

LAST_YEAR = str(datetime.date.today().year - 1)
MIN_FILL_WAIT_MS = 3200  # the form refuses a submission sent faster than a person could type it


def send_valid_comment(page, base_url, body):
    page.goto(base_url + "/have-your-say/")
    page.get_by_label("Support or services that are missing").check()
    page.get_by_label("Your comment").fill(body)
    page.get_by_label("A parent or carer").check()
    page.wait_for_timeout(MIN_FILL_WAIT_MS)
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()


def test_submit_with_an_error_then_fix_it_without_javascript(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/")
    page.get_by_role("link", name="Have your say").first.click()
    expect(page.locator("h1")).to_have_text("Have your say about the Local Offer")
    body = "The post-16 transport page is hard to find. مرحبا 👍"
    page.get_by_label("Your comment").fill(body)
    page.get_by_label("Your email address").fill("not an email")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Select what your comment is about" in summary.inner_text()
    assert "Enter an email address in the correct format" in summary.inner_text()
    assert page.get_by_label("Your comment").input_value() == body  # nothing typed is lost
    # The summary's links take you to the field.
    summary.get_by_role("link", name="Select what your comment is about").click()
    assert page.url.endswith("#id_topic_0")

    page.get_by_label("How easy the information is to find, understand and use").check()
    page.get_by_label("A parent or carer").check()
    page.get_by_label("Your email address").fill("")
    page.wait_for_timeout(MIN_FILL_WAIT_MS)
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Comment sent"
    assert page.locator(".panel__body strong").inner_text().startswith("HYS-")


def test_report_a_problem_link_prefills_the_page(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/ehc-needs-assessment/")
    page.get_by_role("link", name="Report a problem with this page").click()
    # The click only starts the navigation: wait for the form, not the page being left.
    expect(page.get_by_role("heading", name="You are commenting on a page")).to_be_visible()
    expect(page.get_by_label("A problem with a page on this website")).to_be_checked()


def test_read_a_published_report_without_javascript(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/you-said-we-did/")
    page.get_by_role("link", name=f"You said, we did: {LAST_YEAR}").click()
    expect(page.locator("h1")).to_have_text(f"You said, we did: {LAST_YEAR}")
    assert page.get_by_role("heading", name="You said, we did", exact=True).is_visible()
    assert page.get_by_role("heading", name="Waiting times for speech and language therapy").is_visible()
    # The chart and the table show the same total.
    total = page.locator("table").first.locator("tfoot td").first.inner_text()
    assert f"We received {total} comments" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these themes as a spreadsheet (CSV)").click()
    assert download.value.suggested_filename == f"you-said-we-did-{LAST_YEAR}.csv"


def test_the_form_is_accessible(site_server, page):
    page.goto(site_server.url + "/have-your-say/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_the_form_error_state_is_accessible(site_server, page):
    page.goto(site_server.url + "/have-your-say/")
    page.get_by_label("Your name").fill("Sam")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    # site.js moves focus to the summary so it is read first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page)


def test_the_confirmation_is_accessible(site_server, page, viewport):
    send_valid_comment(page, site_server.url, f"Checking the confirmation page at {viewport}.")
    assert page.locator("h1").inner_text() == "Comment sent"
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/you-said-we-did/", f"/you-said-we-did/{LAST_YEAR}/"])
def test_the_reports_are_accessible(site_server, page, path):
    page.goto(site_server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_the_report_prints_without_navigation(site_server, page):
    page.goto(site_server.url + f"/you-said-we-did/{LAST_YEAR}/")
    page.emulate_media(media="print")
    assert not page.locator(".report .no-print").is_visible()  # download and navigation links are left out
    assert page.get_by_role("heading", name="Waiting times for speech and language therapy").is_visible()
    assert page.locator("table").first.is_visible()
