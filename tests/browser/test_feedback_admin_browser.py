"""A feedback officer in the admin (JavaScript on): gives 20 comments a theme at once from the inbox, and publishes
this year's "you said, we did" report through its confirmation step."""

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OFFICER = ("feedback-officer", "feedback-officer-pass-123")
THIS_YEAR = datetime.date.today().year


@pytest.fixture(scope="module")
def officer_context(site_server, chromium):
    site_server.manage("ensure_admin", "--username", OFFICER[0], "--password", OFFICER[1])
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url + "/admin/login/")
    page.fill("#id_username", OFFICER[0])
    page.fill("#id_password", OFFICER[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site_server.url + "/admin/")
    page.close()
    yield context
    context.close()


@pytest.fixture
def officer_page(officer_context):
    page = officer_context.new_page()
    yield page
    page.close()


def count_with_theme(site_server, title):
    code = f"from feedback.models import Comment; print(Comment.objects.filter(theme__title={title!r}).count())"
    return int(site_server.manage("shell", "-v", "0", "-c", code).strip())


def test_bulk_theme_on_20_comments(site_server, officer_page):
    page = officer_page
    theme = "Using the site on a phone"  # a theme of this year's report
    before = count_with_theme(site_server, theme)
    # This year's comments that are still new: the theme list offers this year's report's themes.
    page.goto(f"{site_server.url}/admin/feedback_comment/?status=new&received_at_from={THIS_YEAR}-01-01")
    checkboxes = page.locator("[data-bulk-action-checkbox]")
    assert checkboxes.count() >= 20
    for index in range(20):
        checkboxes.nth(index).check()
    footer = page.locator("[data-bulk-action-footer]")
    expect(footer).to_be_visible()
    expect(footer.locator("[data-bulk-action-num-objects]")).to_contain_text("20")
    footer.get_by_role("link", name="Set theme").click()

    expect(page.locator("h1")).to_contain_text("Set theme")
    assert page.locator("[data-bulk-comments] li").count() == 20
    options = page.get_by_label("Theme").locator("option").all_inner_texts()
    assert any(theme in option and str(THIS_YEAR) in option for option in options)
    assert not any(str(THIS_YEAR - 1) in option for option in options)  # last year's themes are not offered
    page.get_by_label("Theme").select_option(label=next(o for o in options if theme in o))
    page.get_by_role("button", name="Set theme").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(f"20 comments now answer '{theme}'")
    assert count_with_theme(site_server, theme) == before + 20
