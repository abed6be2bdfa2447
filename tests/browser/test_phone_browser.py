"""Families on a 320px phone, JavaScript off and on (issue 15): results first, the "Filter results" control, one
search for everything, My list keeping your place, and the printout's address."""

import re

import pytest

from tests.browser.conftest import PUBLIC_SITE_URL, VIEWPORTS, assert_accessible, new_page

pytestmark = pytest.mark.browser

SCREEN = VIEWPORTS["mobile"]["height"]


@pytest.fixture(params=[False, True], ids=["js off", "js on"])
def phone(request, chromium):
    page = new_page(chromium, "mobile", javascript=request.param)
    page.javascript = request.param
    yield page
    page.context.close()


def visible_in_first_screen(locator):
    box = locator.bounding_box()  # relative to the viewport; needs no JavaScript in the page
    return box is not None and -1 <= box["y"] and box["y"] + box["height"] <= SCREEN


def test_filter_results_opens_applies_and_shows_results_first(site_server, phone):
    page = phone
    page.goto(site_server.url + "/services/")
    assert page.get_by_label("Autism (", exact=False).first.is_hidden()  # folded away on a phone
    page.fill("#id_age", "9")
    page.locator("summary", has_text="Filter results").click()
    page.locator("summary", has_text="Type of need").click()
    page.get_by_label(re.compile(r"^Autism \(\d+")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "need=autism" in page.url and "age=9" in page.url and page.url.endswith("#results")

    heading = page.locator("#results")
    assert re.match(r"\d+ services? match", heading.inner_text())
    assert page.locator("summary", has_text="Filter results (1 chosen)").count() == 1
    # The count and the first result are on the first screen the family sees after filtering.
    assert visible_in_first_screen(heading)
    assert visible_in_first_screen(page.locator(".results__item h3").first)
    if page.javascript:
        assert page.evaluate("document.activeElement.id") == "results"
        assert_accessible(page)
        page.locator("summary", has_text="Filter results").click()  # the open panel, too
        assert_accessible(page)


def test_a_family_narrows_the_directory_to_their_town_or_area_on_a_phone(site_server, phone):
    page = phone
    page.goto(site_server.url + "/services/")
    everything = int(re.match(r"(\d+) service", page.locator("#results").inner_text()).group(1))
    page.locator("summary", has_text="Filter results").click()
    assert page.get_by_role("group", name="Town or area").is_visible()
    eastfield = page.get_by_label(re.compile(r"^Eastfield \(\d+"))
    expected = int(re.search(r"\((\d+)", page.locator(f"label[for='{eastfield.get_attribute('id')}']").inner_text())[1])
    eastfield.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "locality=eastfield" in page.url
    count = int(re.match(r"(\d+) service", page.locator("#results").inner_text()).group(1))
    assert 0 < count == expected < everything  # the count beside the option is what choosing it gives
    assert visible_in_first_screen(page.locator(".results__item h3").first)
    if page.javascript:
        assert_accessible(page)


def test_schools_finder_shows_results_first_on_a_phone(site_server, phone):
    page = phone
    page.goto(site_server.url + "/schools/")
    page.fill("#id_age", "12")
    page.locator("summary", has_text="Filter results").click()
    page.get_by_role("checkbox", name=re.compile("^Special school")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "age=12" in page.url
    assert visible_in_first_screen(page.locator("#results"))
    assert visible_in_first_screen(page.locator(".results__item h3").first)
    if page.javascript:
        assert_accessible(page)


@pytest.mark.parametrize("path", ["/services/?need=autism", "/schools/?age=12"])
def test_the_side_panel_stays_on_a_wide_screen(site_server, chromium, path):
    for javascript in (False, True):
        page = new_page(chromium, "desktop", javascript=javascript)
        page.goto(site_server.url + path)
        assert page.get_by_role("button", name="Apply filters").is_visible()
        assert page.locator("summary", has_text="Filter results").is_hidden()
        if javascript:
            assert_accessible(page)
        page.context.close()


def test_one_search_from_the_home_page_finds_information_and_families_words(site_server, phone):
    page = phone
    page.goto(site_server.url + "/")
    page.fill("#home-search", "school not meeting needs")
    page.locator("main form[role=search] button").click()
    page.wait_for_load_state()
    assert "/search/" in page.url
    information = page.locator("#group-information").locator("xpath=..")
    assert information.get_by_role("link", name=re.compile("disagree", re.I)).count() >= 1
    assert page.locator("#group-services").count() == 1 and page.locator("#group-schools").count() == 1

    page.fill("#search-q", "anxiety")
    page.locator("main form[role=search] button").click()
    page.wait_for_load_state()
    services = page.locator("#group-services").locator("xpath=..")
    assert services.locator(".results__item").count() >= 1
    services.get_by_role("link", name="Search and filter services by age and need").click()
    page.wait_for_load_state()
    assert "q=anxiety" in page.url
    # Families' words: "anxiety" also finds the social, emotional and mental health services.
    results = page.locator(".results__item h3")
    assert results.filter(has_text="wellbeing service").count() >= 1 and results.filter(has_text="CAMHS").count() >= 1
    if page.javascript:
        assert_accessible(page)


def test_add_to_my_list_keeps_the_place_and_the_printout_shows_the_public_address(site_server, phone):
    page = phone
    page.goto(site_server.url + "/services/?q=autism")
    third = page.locator(".results__item").nth(2)
    title = third.locator("h3").inner_text()
    third.get_by_role("button", name=re.compile("^Add .* to My list$")).click()
    page.wait_for_load_state()
    assert page.url.endswith("#my-list-done")
    confirmation = page.locator("#my-list-done")
    assert f"Added {title} to My list." in confirmation.inner_text()
    assert confirmation.get_attribute("role") == "status"
    assert visible_in_first_screen(confirmation)  # the page is at that result
    assert page.locator(".results__item").nth(2).locator("#my-list-done").count() == 1
    if page.javascript:
        assert page.evaluate("document.activeElement.id") == "my-list-done"  # read out by screen readers
        assert_accessible(page)

    page.goto(site_server.url + "/services/my-list/print/")
    text = page.locator("body").inner_text()
    assert PUBLIC_SITE_URL + "/services/" in text and site_server.url not in text
    assert page.get_by_role("button", name="Print this list").is_visible() == page.javascript
    assert page.get_by_text("on a phone or tablet", exact=False).is_visible() != page.javascript
    if page.javascript:
        assert_accessible(page)


def test_my_list_of_three_services_prints_on_three_a4_pages_each_service_whole(site_server, chromium):
    """Three demo services (two with four venues): one "Where and when" row each, every venue on a line of its
    own, and an A4 printout of three pages in which no service is split (each is shorter than a page, and the print
    style keeps each on one page)."""
    page = new_page(chromium, "mobile")
    for slug in ("autism-social-club", "childrens-speech-and-language-therapy", "holiday-playscheme"):
        page.goto(site_server.url + f"/services/{slug}/")
        page.get_by_role("button", name=re.compile("^Add .* to My list$")).click()
        page.wait_for_load_state()
    page.set_viewport_size({"width": 703, "height": 1009})  # A4 less the print style's margins, in CSS pixels
    page.goto(site_server.url + "/services/my-list/print/")
    page.emulate_media(media="print")
    sections = page.locator(".my-list-print__service")
    assert sections.count() == 3
    for n in range(3):
        section = sections.nth(n)
        assert section.get_by_text("Where and when", exact=True).count() == 1
        assert section.bounding_box()["height"] < 1009
    assert page.locator(".my-list-print__venues li").count() == 8  # four venues each for two of them
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3
    page.context.close()


NEW_STATES = {
    "grouped search": "/search/?q=anxiety",
    "one group of the search": "/search/?q=support&group=information",
    "search with no services": "/search/?q=school+not+meeting+needs",
    "search with nothing": "/search/?q=zzzzqqqq",
    "special school": "/schools/?type=special",
    "directory by town or area": "/services/?locality=eastfield&locality=southgate",
}


@pytest.mark.parametrize("name", list(NEW_STATES))
def test_new_states_have_no_axe_violations(site_server, page, name):
    page.goto(site_server.url + NEW_STATES[name])
    assert page.locator("h1").count() == 1
    if name == "special school":  # its page says which needs it serves and how a place is given
        page.locator(".results__item h3 a").first.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name="How a place is given").count() == 1
    assert_accessible(page)


def test_my_list_email_form_and_its_error_have_no_axe_violations(site_server, page):
    page.goto(site_server.url + "/services/autism-social-club/")
    page.get_by_role("button", name=re.compile("^Add .* to My list$")).click()
    page.wait_for_load_state()
    assert "Added Autism social club to My list." in page.locator("#my-list-done").inner_text()
    assert_accessible(page)  # the service page with its key facts and the confirmation
    page.goto(site_server.url + "/services/my-list/")
    page.fill("#id_email", "not an address")
    page.get_by_role("button", name="Email this list to me").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
    page.fill("#id_email", "parent@example.com")
    page.get_by_role("button", name="Email this list to me").click()
    page.wait_for_load_state()
    assert "We are sending your list now" in page.locator("#my-list-done").inner_text()
    assert_accessible(page)
