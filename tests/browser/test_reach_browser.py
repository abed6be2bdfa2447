"""Reaching every family, in a real browser: a parent asks for email alerts from a filtered search with JavaScript
off (the results link to the alerts page, filled in with that search); the Listen control drives the browser's speech synthesis (stubbed, so the test hears every call); the printed
edition with its contents page; axe-core at 320px and 1280px on every new page and state."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_accessible

pytestmark = pytest.mark.browser

# window.speechSynthesis stubbed before any script runs: every call is recorded, utterances kept to be "finished".
SPEECH_STUB = """
(() => {
  const calls = [];
  const utterances = [];
  window.__speech = {calls, utterances};
  const synth = {
    speak(u) { calls.push(["speak", u.text, u.lang]); utterances.push(u); },
    pause() { calls.push(["pause"]); },
    resume() { calls.push(["resume"]); },
    cancel() { calls.push(["cancel"]); },
    getVoices() { return []; },
    speaking: false, paused: false, pending: false,
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""
NO_SPEECH = 'Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});'
INFORMATION_PAGE = "/ehc-needs-assessment/"


def confirm_path(site_server):
    for mail_file in sorted(site_server.mail_dir.glob("*.log"), key=lambda f: f.stat().st_mtime, reverse=True):
        found = re.findall(r"https?://[^/\s]+(/alerts/confirm/[^/\s]+/)", mail_file.read_text())
        if found:
            return found[-1]
    raise AssertionError("no confirmation email arrived")


def test_a_parent_asks_for_alerts_from_a_filtered_search_without_javascript(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/services/?need=autism&age_band=5-11")
    expect(page.locator("form.alert-form")).to_have_count(0)  # a link only: the results are kept in the page cache
    page.get_by_role("link", name="Get emails when services like these are added, closed or changed").click()
    expect(page.locator("main")).to_contain_text("Type of need: Autism")
    form = page.locator("form.alert-form")
    form.get_by_label("Your email address").fill("not an address")
    form.get_by_role("button", name="Email me when these services change").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter an email address in the correct format")
    expect(page.get_by_label("Your email address")).to_have_value("not an address")
    page.get_by_label("Your email address").fill("parent@example.org")
    page.get_by_role("button", name="Email me when these services change").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    page.goto(site_server.url + confirm_path(site_server))
    expect(page.locator("main")).to_contain_text("Type of need: Autism")
    page.get_by_role("button", name="Confirm my alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts are on")
    expect(page.locator("body")).not_to_contain_text("parent@example.org")


def test_listen_starts_pauses_resumes_and_stops_by_keyboard(site_server, chromium):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    page.goto(site_server.url + INFORMATION_PAGE)
    start = page.get_by_role("button", name="Listen to this page")
    start.focus()
    page.keyboard.press("Enter")
    calls = page.evaluate("window.__speech.calls")
    title = page.locator("h1").inner_text()
    assert calls[0] == ["cancel"] and calls[1] == ["speak", title, "en-GB"]
    expect(page.get_by_role("status")).to_have_text("Reading the page aloud.")
    # When the first block has been read, the next one (the summary) is spoken, in order.
    page.evaluate("window.__speech.utterances[0].onend()")
    assert page.evaluate("window.__speech.calls")[2] == ["speak", page.locator(".lead").first.inner_text(), "en-GB"]

    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Resume")).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("Paused.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Stop").click()
    expect(start).to_be_focused()
    assert [c[0] for c in page.evaluate("window.__speech.calls")[3:]] == ["pause", "resume", "cancel"]
    # Nothing it reads comes from the Listen control, forms or hidden glossary text.
    spoken = " ".join(c[1] for c in page.evaluate("window.__speech.calls") if c[0] == "speak")
    assert "Listen to this page" not in spoken
    context.close()


def test_listen_is_hidden_where_the_browser_cannot_speak(site_server, chromium):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script(NO_SPEECH)
    page = context.new_page()
    page.goto(site_server.url + INFORMATION_PAGE)
    expect(page.locator("[data-listen]")).to_be_hidden()
    context.close()


def test_printed_edition_has_its_contents_page(site_server, nojs_page):
    nojs_page.goto(site_server.url + "/")
    nojs_page.locator(".site-footer__links").get_by_role("link", name="Print or download the Local Offer").click()
    title = "Services for children and young people with SEND in Northbrook"
    pdf = nojs_page.get_by_role("link", name=f"Download {title} as a PDF")
    response = nojs_page.request.get(site_server.url + pdf.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf" and response.body()[:5] == b"%PDF-"
    nojs_page.get_by_role("link", name=title, exact=True).click()
    contents = nojs_page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("heading", name="Contents")).to_be_visible()
    first = contents.get_by_role("link").first
    target = first.get_attribute("href")
    first.click()
    expect(nojs_page.locator(target)).to_be_in_viewport()
    expect(nojs_page.locator(".edition__date")).to_contain_text("Made on")


def test_new_pages_and_states_have_no_axe_violations(site_server, chromium, viewport):
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    base = site_server.url
    for path in [
        "/whats-new/",
        "/whats-new/?need=autism&age=abc",  # with its error summary
        "/alerts/?need=autism",
        "/alerts/check-your-email/",
        "/alerts/confirm/not-a-token/",
        "/print/",
        "/print/early-years/",
        "/other-languages/",
        "/services/?need=autism",
    ]:
        page.goto(base + path)
        assert_accessible(page)
    page.goto(base + "/alerts/?need=autism")
    page.get_by_role("button", name="Email me when these services change").click()  # no address: the error state
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your email address").fill(f"axe-{viewport}@example.org")
    page.get_by_role("button", name="Email me when these services change").click()
    page.goto(base + confirm_path(site_server))  # confirm, then "your alerts are on"
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts are on")
    assert_accessible(page)
    page.goto(base + INFORMATION_PAGE)
    page.get_by_role("button", name="Listen to this page").click()  # the speaking state
    assert_accessible(page)
    page.get_by_role("button", name="Pause").click()
    assert_accessible(page)
    context.close()
