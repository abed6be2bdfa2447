"""Providers keep their listings right, in a real browser with JavaScript off: a provider confirms; a provider proposes
a change with one error, fixes it and sends it; an officer opens the queue, sees the differences, accepts part and
the count falls. axe-core finds nothing on any public state at 320px and 1280px."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

OFFICER = ("provider-officer", "provider-officer-pass-123")

# A fresh "is this still right?" request for a demo service (as the cycle would make), printed as its link's path.
NEW_LINK = """
from directory.models import ProviderContact, ReviewRequest, ServicePage
from directory.providers import cycle
page = ServicePage.objects.get(slug="{slug}")
request = ReviewRequest.objects.create(service=page, email=ProviderContact.objects.get(service=page).email)
print("LINK " + cycle.check_url(request, "http://x").split("http://x", 1)[1])
"""


def new_link(site_server, slug):
    output = site_server.manage("shell", "-c", NEW_LINK.format(slug=slug))
    return next(line[5:] for line in output.splitlines() if line.startswith("LINK "))


def test_a_provider_confirms_without_javascript(site_server, nojs_page):
    page = nojs_page
    link = new_link(site_server, "dyslexia-drop-in-for-parents")
    page.goto(site_server.url + link)
    expect(page.locator("h1")).to_contain_text("still right?")
    expect(page.locator("main")).to_contain_text("Dyslexia drop-in for parents")
    page.get_by_role("button", name="Yes, it is all still right").click()
    expect(page.locator("h1")).to_have_text("Thank you for checking")
    page.goto(site_server.url + link)
    expect(page.locator("h1")).to_have_text("This link has already been used")


def test_a_provider_proposes_a_change_with_one_error_then_sends_it(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + new_link(site_server, "young-carers-group"))
    page.get_by_role("link", name="Something needs changing").click()
    expect(page.locator("h1")).to_have_text("Change the listing")
    expect(page.locator("#id_title")).not_to_have_value("")  # filled in

    page.fill("#id_languages", "English, Polish, Romanian")
    page.fill("#id_max_age", "99")
    page.get_by_role("button", name="Send my changes").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter an age from 0 to 25")
    expect(page.locator("#id_languages")).to_have_value("English, Polish, Romanian")  # nothing typed is lost
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#id_max_age")

    page.fill("#id_max_age", "18")
    page.get_by_role("button", name="Send my changes").click()
    expect(page.locator("h1")).to_have_text("Your changes have been sent")


def test_an_officer_accepts_part_of_a_proposed_change_and_the_count_falls(site_server, officer_page):
    page = officer_page
    page.goto(site_server.url + "/admin/")

    row = page.locator('[data-dashboard-item="providers-proposed-changes"]')
    before = int(row.locator("[data-count]").inner_text())
    assert before >= 3  # the demo's waiting changes
    row.get_by_role("link", name="Providers' proposed changes").click()
    page.get_by_role("link", name="Inclusive swimming sessions").click()

    table = page.locator("#differences")
    expect(table).to_contain_text("Languages")
    expect(table).to_contain_text("English, British Sign Language")
    expect(table).to_contain_text("Venues, opening times and accessibility")
    page.uncheck("#field-cost_details")
    page.fill("#id_partial_reason", "Prices are set by the council's leisure team.")
    page.get_by_role("button", name="Accept the ticked changes").click()
    expect(page.locator("body")).to_contain_text("Accepted")

    page.goto(site_server.url + "/admin/")
    after = int(page.locator('[data-dashboard-item="providers-proposed-changes"] [data-count]').inner_text())
    assert after == before - 1
    page.goto(site_server.url + "/services/inclusive-swimming-sessions/")
    expect(page.locator("main")).to_contain_text("British Sign Language")


def test_every_public_state_has_no_axe_violations(site_server, page):
    slug = "family-hub-stay-and-play"
    link = new_link(site_server, slug)
    page.goto(site_server.url + link)
    assert_accessible(page)  # the listing and the two choices

    page.goto(site_server.url + link + "change/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)  # the form, filled in
    page.fill("#id_title", "")
    page.fill("#id_min_age", "12")
    page.fill("#id_max_age", "3")
    page.fill("#id_contacts-0-website", "javascript:alert(1)")
    page.get_by_role("button", name="Send my changes").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)  # with errors
    page.fill("#id_title", "Family hub stay and play")
    page.fill("#id_min_age", "0")
    page.fill("#id_max_age", "5")
    page.fill("#id_contacts-0-website", "")
    page.get_by_role("button", name="Send my changes").click()
    expect(page.locator("h1")).to_have_text("Your changes have been sent")
    assert_accessible(page)

    page.goto(site_server.url + link)
    expect(page.locator("h1")).to_have_text("This link has already been used")
    assert_accessible(page)
    page.goto(site_server.url + link.replace("/check-your-listing/", "/check-your-listing/1").rstrip("/") + "x/")
    assert_accessible(page)

    other = new_link(site_server, "parent-carer-forum-coffee-mornings")
    page.goto(site_server.url + other)
    page.get_by_role("button", name="Yes, it is all still right").click()
    expect(page.locator("h1")).to_have_text("Thank you for checking")
    assert_accessible(page)
    page.goto(site_server.url + other[:-2] + "x/")
    expect(page.locator("h1")).to_have_text("This link does not work")
    assert_accessible(page)
