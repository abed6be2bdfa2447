"""The glossary in a real browser: a parent reads what a word means where it first appears, with JavaScript off; the
A to Z page by keyboard; axe-core at 320px and 1280px."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

EHC_PAGE = "/ehc-needs-assessment/"


def test_a_parent_reads_what_an_ehc_plan_is_where_it_first_appears_without_javascript(site_server, nojs_page):
    nojs_page.goto(site_server.url + EHC_PAGE)
    prose = nojs_page.locator(".prose")
    explainer = prose.locator("details[data-glossary-term='ehc-plan']")
    expect(explainer).to_have_count(1)
    # It follows the first paragraph that says "EHC plan", where that paragraph marks the words it explains.
    paragraph = explainer.locator("xpath=preceding-sibling::p[1]")
    expect(paragraph.locator("dfn")).to_have_text(["EHC plan", "outcomes"])
    earlier = prose.locator(":scope > p", has_text="EHC plan")
    expect(earlier.first).to_have_text(paragraph.inner_text())
    # Closed until the parent opens it; then the plain-English explanation and a link to the glossary.
    explanation = explainer.locator(".details__text")
    expect(explanation).to_be_hidden()
    summary = explainer.locator("summary")
    expect(summary).to_have_text("What ‘EHC plan’ means")
    summary.click()
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("legal document")
    explanation.get_by_role("link", name="‘EHC plan’ in our glossary").click()
    nojs_page.wait_for_load_state()
    assert nojs_page.url == site_server.url + "/glossary/#ehc-plan"
    expect(nojs_page.locator("#ehc-plan")).to_be_in_viewport()
    expect(nojs_page.locator("#ehc-plan dt")).to_have_text("EHC plan")


def test_an_explanation_opens_and_closes_by_keyboard_without_javascript(site_server, nojs_page):
    nojs_page.goto(site_server.url + EHC_PAGE)
    explainer = nojs_page.locator(".prose details[data-glossary-term='ehc-plan']")
    explainer.locator("summary").focus()
    nojs_page.keyboard.press("Enter")
    expect(explainer.locator(".details__text")).to_be_visible()
    nojs_page.keyboard.press("Space")
    expect(explainer.locator(".details__text")).to_be_hidden()


def test_the_glossary_page_works_by_keyboard_without_javascript(site_server, nojs_page):
    nojs_page.goto(site_server.url + "/glossary/")
    expect(nojs_page.locator("h1")).to_have_text("Glossary: what the words mean")
    letter_e = nojs_page.locator(".az-nav a[href='#letter-e']")
    for _ in range(40):
        nojs_page.keyboard.press("Tab")
        if nojs_page.locator(":focus").get_attribute("href") == "#letter-e":
            break
    expect(letter_e).to_be_focused()
    nojs_page.keyboard.press("Enter")
    nojs_page.wait_for_url("**/glossary/#letter-e")
    expect(nojs_page.locator("#letter-e")).to_be_in_viewport()
    # The next Tab carries on from the E section, not from the top of the page.
    nojs_page.keyboard.press("Tab")
    expect(nojs_page.locator("section[aria-labelledby='letter-e'] :focus")).to_have_count(1)
    # Every term has its anchor, and the letters with no words are not links.
    expect(nojs_page.locator(".glossary-list__item")).to_have_count(nojs_page.locator(".glossary-list__term").count())
    assert nojs_page.locator(".az-nav__empty").count() + nojs_page.locator(".az-nav__link").count() >= 26


@pytest.mark.parametrize("path", ["/glossary/", EHC_PAGE, "/"])
def test_glossary_and_explanations_have_no_axe_violations(site_server, page, path):
    page.goto(site_server.url + path)
    for summary in page.locator(".details--explainer summary").all()[:3]:
        summary.click()
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_a_service_page_with_explanations_has_no_axe_violations(site_server, page):
    page.goto(site_server.url + "/services/hearing-support-teachers/")
    explainers = page.locator(".details--explainer")
    assert explainers.count() >= 1
    explainers.first.locator("summary").click()
    assert_accessible(page)
