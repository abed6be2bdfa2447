import pytest
from playwright.sync_api import expect

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
    # The home page's big search is the one site search (information, services and schools), opened at the results.
    nojs_page.goto(site_server.url + "/")
    action = nojs_page.locator("form[role=search]").get_attribute("action").split("#")[0]
    nojs_page.fill("#home-search", "assessment")
    nojs_page.locator("form[role=search] button").click()
    nojs_page.wait_for_load_state()
    assert nojs_page.url.startswith(site_server.url + action + "?q=assessment")
    assert nojs_page.locator("h1").count() == 1
    # The site search, reached from the header of any information page.
    nojs_page.goto(site_server.url + "/ehc-needs-assessment/")
    nojs_page.fill("#header-search-q", "assessment")
    nojs_page.locator(".header-search button").click()
    nojs_page.wait_for_load_state()
    assert "/search/?q=assessment" in nojs_page.url
    nojs_page.get_by_role("link", name="Asking for an EHC needs assessment").first.click()
    expect(nojs_page.locator("h1")).to_have_text("Asking for an EHC needs assessment")


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


# ---------------------------------------------------------------- design system: layout, focus, print, enhancement

YELLOW = "rgb(255, 221, 0)"


def small_phone(chromium, height=568):
    """A 320px-wide phone (iPhone SE size): the narrowest screen we support."""
    return chromium.new_context(viewport={"width": 320, "height": height})


def test_no_horizontal_scroll_at_320px(site_server, chromium):
    context = small_phone(chromium)
    page = context.new_page()
    for path in SHELL_PAGES.values():
        page.goto(site_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px: people would have to scroll sideways"
    context.close()


def test_home_search_box_is_visible_without_scrolling_on_a_small_phone(site_server, chromium):
    context = small_phone(chromium, height=568)
    page = context.new_page()
    page.goto(site_server.url + "/")
    for selector in ("#home-search", "form[role=search] button"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 568, (selector, box)
        assert box["height"] >= 44, (selector, box)  # a comfortable touch target
    context.close()


def focus_style(page):
    """How the focused element looks: its own box, or the drawn box of a radio/checkbox label."""
    return page.evaluate(
        """() => {
        const el = document.activeElement;
        let target = el, pseudo = null;
        if (el.matches('.radios__input, .checkboxes__input')) { target = el.labels[0]; pseudo = '::before'; }
        const s = getComputedStyle(target, pseudo);
        return {tag: el.tagName, text: (el.innerText || el.value || el.id || '').slice(0, 40),
                background: s.backgroundColor, outlineColor: s.outlineColor, outlineStyle: s.outlineStyle,
                outlineWidth: s.outlineWidth, shadow: s.boxShadow, visible: !!(el.offsetWidth || el.offsetHeight)};
    }"""
    )


def has_visible_focus(style):
    yellow_outline = (
        style["outlineColor"] == YELLOW and style["outlineStyle"] != "none" and style["outlineWidth"] != "0px"
    )
    return style["background"] == YELLOW or yellow_outline or YELLOW in style["shadow"]


# /have-your-say/ (linked from every footer) has every kind of form control: radios, textarea, inputs, checkbox.
@pytest.mark.parametrize(
    "path", ["/", "/ehc-needs-assessment/", "/this-page-does-not-exist/", "/search/?q=assessment", "/have-your-say/"]
)
def test_every_keyboard_focus_stop_shows_the_yellow_focus_state(site_server, page, path):
    page.goto(site_server.url + path)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        style = focus_style(page)
        if style["tag"] == "BODY" or (seen and style == seen[0]):
            break
        seen.append(style)
        assert has_visible_focus(style), f"no visible focus on {style} at {path}"
    tags = {s["tag"] for s in seen}
    assert "A" in tags and len(seen) >= 4, seen
    if path == "/this-page-does-not-exist/":
        assert {"INPUT", "BUTTON"} <= tags, tags  # the 404 page has a search form
    if path == "/have-your-say/":
        assert {"INPUT", "TEXTAREA", "BUTTON", "SUMMARY"} <= tags, tags


def test_link_focus_is_yellow_with_a_black_underline_bar(site_server, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url + "/ehc-needs-assessment/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    style = focus_style(page)
    assert style["tag"] == "A" and style["background"] == YELLOW
    assert "rgb(11, 12, 12)" in style["shadow"], style["shadow"]
    context.close()


def test_buttons_and_links_meet_target_size(site_server, page):
    """WCAG 2.2 target size: buttons 44px high; stand-alone links in the shell at least 24px high."""
    page.goto(site_server.url + "/this-page-does-not-exist/")
    button = page.locator("main .button").first.bounding_box()
    assert button["height"] >= 44
    for selector in (".site-footer__list a", ".page-meta__report a", ".breadcrumbs a"):
        for link in page.locator(selector).all():
            assert link.bounding_box()["height"] >= 24, selector
    page.goto(site_server.url + "/ehc-needs-assessment/")
    for selector in (".page-meta__report a", ".breadcrumbs a", ".header-search__button"):
        for link in page.locator(selector).all():
            assert link.bounding_box()["height"] >= 24, selector


def test_print_stylesheet_hides_furniture_and_shows_link_addresses(site_server, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url + "/this-page-does-not-exist/")
    assert page.locator("link[rel=stylesheet][media=print]").count() == 1
    assert page.locator("form.no-print").is_visible()
    assert not page.locator(".print-only").first.is_visible()

    page.emulate_media(media="print")
    assert not page.locator("form.no-print").is_visible()
    for selector in (".skip-link", ".site-footer__links", ".button"):
        assert all(not element.is_visible() for element in page.locator(selector).all()), selector
    assert page.locator(".print-only").first.is_visible()
    external = page.locator("a[href^='http']").first
    href = external.get_attribute("href")
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.querySelector('.site-header')).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"], colours
    page.goto(site_server.url + "/ehc-needs-assessment/")
    assert not page.locator(".header-search").is_visible()
    assert not page.locator(".page-meta__report").is_visible()
    context.close()


def test_error_summary_takes_focus_when_javascript_runs(site_server, page):
    page.goto(site_server.url + "/search/?q=" + "x" * 300)
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_character_count_for_textareas_with_a_maximum_length(site_server, page):
    page.goto(site_server.url + "/this-page-does-not-exist/")
    page.evaluate(
        """() => {
        const box = document.createElement('textarea');
        box.id = 'comment'; box.className = 'textarea'; box.setAttribute('data-maxlength', '10');
        document.querySelector('main').appendChild(box);
    }"""
    )
    page.add_script_tag(url=site_server.url + "/static/js/site.js")
    message = page.locator("#comment-count")
    assert message.inner_text() == "You have 10 characters remaining"
    assert "comment-count" in page.get_attribute("#comment", "aria-describedby")
    page.fill("#comment", "123456789")
    expect(message).to_have_text("You have 1 character remaining")
    page.fill("#comment", "123456789012")
    expect(message).to_have_text("You have 2 characters too many")
    expect(message).to_have_class("hint character-count character-count--error")
    expect(page.locator("#comment")).to_have_class("textarea textarea--error")
    page.fill("#comment", "12345")
    expect(message).to_have_text("You have 5 characters remaining")
    expect(page.locator("#comment")).to_have_class("textarea")
