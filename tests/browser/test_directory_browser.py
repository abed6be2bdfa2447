"""The service directory in a real browser, against the demo content."""

import re

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

DIRECTORY_PAGES = {
    "directory": "/services/",
    "directory with results": "/services/?q=autism&age=7&tier=targeted",
    "directory without results": "/services/?q=zzzzqqqq&need=autism",
    "directory with a bad age": "/services/?age=seven&tier=%3Cscript%3E",
    "directory near a postcode": "/services/?postcode=NB4+2EF&distance=1&age=7",
    "directory with an unknown postcode": "/services/?postcode=NB4+7XX",
    "service page": "/services/autism-social-club/",
}


@pytest.mark.parametrize("name", list(DIRECTORY_PAGES))
def test_directory_pages_have_no_axe_violations(site_server, page, name):
    response = page.goto(site_server.url + DIRECTORY_PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_a_family_finds_a_targeted_service_for_a_seven_year_old_with_autism_without_javascript(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/")
    page.fill("#home-search", "autism")
    page.locator("form[role=search] button").click()  # one search for everything, grouped
    page.wait_for_load_state()
    assert "/search/" in page.url
    page.get_by_role("link", name="Search and filter services by age and need").click()
    page.wait_for_load_state()
    assert "/services/" in page.url and "q=autism" in page.url

    page.fill("#id_age", "7")
    page.locator("summary", has_text="Type of need").click()  # the longer lists fold away until opened
    page.get_by_label(re.compile(r"^Autism \(\d+")).check()
    page.get_by_label(re.compile(r"^Targeted \(\d+")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "age=7" in page.url and "need=autism" in page.url and "tier=targeted" in page.url

    count = int(re.match(r"(\d+) service", page.locator("#results").inner_text()).group(1))
    assert count > 0
    titles = page.locator(".results__item h3 a")
    assert titles.count() == min(count, 20)
    first = titles.first.inner_text()
    titles.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == first
    body = page.locator("main").inner_text()
    assert "Targeted" in body and "Autism" in body
    ages = re.search(r"Ages? (\d+)(?: to (\d+))?", body)
    low, high = int(ages.group(1)), int(ages.group(2) or ages.group(1))
    assert low <= 7 <= high

    page.get_by_role("button", name=re.compile("Add .* to My list")).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == first  # back on the service, now in the list
    page.get_by_role("link", name="My list").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "My list"
    assert first in page.locator("main").inner_text()
    page.get_by_role("link", name="Print or save My list").click()
    page.wait_for_load_state()
    printed = page.locator("main").inner_text()
    assert f"1. {first}" in printed and "Who can use it" in printed and "Contact" in printed

    page.go_back()
    page.go_back()
    page.go_back()
    page.go_back()
    assert "age=7" in page.url
    assert page.locator("#id_age").input_value() == "7"  # the back button keeps the search


def test_a_family_searches_near_their_postcode_without_javascript(site_server, nojs_page):
    """A demo postcode: results nearest first with distances, narrowed by age and need, counts agreeing; then an
    unknown postcode gets its message beside the field and the results are not filtered by it."""
    page = nojs_page
    page.goto(site_server.url + "/services/")
    everything = int(re.match(r"(\d+) service", page.locator("#results").inner_text()).group(1))
    page.fill("#id_postcode", "nb6 6gn")  # the town, where some services have no venue within a mile
    page.select_option("#id_distance", "1")
    page.locator("main .search-box__button").click()
    page.wait_for_load_state()
    assert "postcode=nb6+6gn" in page.url and "distance=1" in page.url

    def miles_shown():
        texts = page.locator(".result-distance strong").all_inner_texts()
        return [0.0 if text.startswith("less than") else float(text.split()[0]) for text in texts]

    def count():  # the results heading (its id is "results" unless the error summary takes that anchor)
        return int(re.match(r"(\d+) service", page.locator(".results-count").inner_text()).group(1))

    near = count()
    assert 0 < near < everything
    assert "within 1 mile of NB6 6GN, nearest first" in page.locator("main").inner_text()
    shown = miles_shown()
    assert shown and shown == sorted(shown) and all(miles <= 1 for miles in shown)
    assert "away, at " in page.locator(".result-distance").first.inner_text()

    page.fill("#id_age", "7")
    page.locator("summary", has_text="Type of need").click()
    page.get_by_role("button", name="Apply filters").click()  # the age first: the counts then include it
    page.wait_for_load_state()
    narrowed_by_age = count()
    assert 0 < narrowed_by_age <= near
    page.locator("summary", has_text="Type of need").click()
    autism = page.get_by_label(re.compile(r"^Autism \(\d+"))
    label = page.locator(f"label[for='{autism.get_attribute('id')}']").inner_text()
    expected = int(re.search(r"\((\d+)", label)[1])
    page.get_by_label(re.compile(r"^Autism \(\d+")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "need=autism" in page.url and "age=7" in page.url and "postcode=nb6+6gn" in page.url
    narrowed = count()
    assert narrowed == expected  # the count beside the option is what choosing it gives
    assert page.locator("#id_postcode").input_value() == "nb6 6gn"
    shown = miles_shown()
    assert shown == sorted(shown)

    page.fill("#id_postcode", "NB4 7XX")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "We cannot find NB4 7XX" in page.locator(".error-summary").inner_text()
    assert "We cannot find NB4 7XX" in page.locator("#id_postcode-error").inner_text()
    assert page.locator(".result-distance").count() == 0  # not filtered by distance
    assert count() >= narrowed  # the same choices, no longer limited by distance


def test_removing_a_filter_and_clearing_all_work_without_javascript(site_server, nojs_page):
    page = nojs_page
    page.goto(site_server.url + "/services/?need=autism&tier=specialist&q=school")
    page.get_by_role("link", name=re.compile("Remove Level of support: Specialist")).click()
    page.wait_for_load_state()
    assert "tier=" not in page.url and "need=autism" in page.url
    page.get_by_role("link", name="Clear all filters").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/services/?q=school")


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "with services"])
def test_my_list_and_its_print_view_have_no_axe_violations(site_server, page, filled):
    if filled:
        page.goto(site_server.url + DIRECTORY_PAGES["service page"])
        page.get_by_role("button", name=re.compile("Add .* to My list")).click()
        page.wait_for_load_state()
    for path in ("/services/my-list/", "/services/my-list/print/"):
        page.goto(site_server.url + path)
        assert page.locator("h1").count() == 1
        assert ("Autism social club" in page.locator("main").inner_text()) == filled
        assert_accessible(page)
