import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

SHELL_PAGES = {
    "home": "/",
    "information page": "/ehc-needs-assessment/",
    "accessibility statement": "/accessibility-statement/",
    "404": "/this-page-does-not-exist/",
    "search results": "/search/?q=assessment",
}


@pytest.mark.parametrize("name", list(SHELL_PAGES))
def test_shell_pages_have_no_axe_violations(site_server, page, name):
    page.goto(site_server.url + SHELL_PAGES[name])
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(site_server, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    context.close()


def test_pages_work_without_javascript(site_server, nojs_page):
    nojs_page.goto(site_server.url + "/")
    nojs_page.fill("#home-search", "assessment")
    nojs_page.locator("form[role=search] button").click()
    nojs_page.wait_for_load_state()
    assert "/search/" in nojs_page.url
    nojs_page.get_by_role("link", name="Asking for an EHC needs assessment").first.click()
    assert nojs_page.locator("h1").inner_text() == "Asking for an EHC needs assessment"


def test_page_loads_no_third_party_resources_and_under_40kb_gzip_css_js(site_server, page):
    sizes = {}
    requests = []

    def record(response):
        requests.append(response.url)
        if response.request.resource_type in {"stylesheet", "script"}:
            sizes[response.url] = int(response.headers.get("content-length") or len(response.body()))

    page.on("response", record)
    page.goto(site_server.url + "/", wait_until="networkidle")
    assert all(url.startswith(site_server.url) for url in requests), requests
    assert sizes, "the page loaded no CSS"
    import gzip
    import urllib.request

    total = 0
    for url in sizes:
        body = urllib.request.urlopen(url).read()  # noqa: S310
        total += len(gzip.compress(body))
    assert total < 40 * 1024, f"{total} bytes gzip"
