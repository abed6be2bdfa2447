"""A feedback officer in the admin (JavaScript on): gives 20 comments a theme at once from the inbox, and publishes
this year's "you said, we did" report through its confirmation step; both confirmation pages pass axe."""

import ast
import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

OFFICER = ("feedback-officer", "feedback-officer-pass-123")
THIS_YEAR = datetime.date.today().year


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
    assert_accessible(page)
    options = page.get_by_label("Theme").locator("option").all_inner_texts()
    assert any(theme in option and str(THIS_YEAR) in option for option in options)
    assert not any(str(THIS_YEAR - 1) in option for option in options)  # last year's themes are not offered
    page.get_by_label("Theme").select_option(label=next(o for o in options if theme in o))
    page.get_by_role("button", name="Set theme").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(f"20 comments now answer '{theme}'")
    assert count_with_theme(site_server, theme) == before + 20


def report_shell(site_server, code):
    setup = f"from feedback.models import Report, Theme; report = Report.objects.get(slug='{THIS_YEAR}'); "
    return site_server.manage("shell", "-v", "0", "-c", setup + code).strip()


def public_status(page):
    return page.evaluate(f"fetch('/you-said-we-did/{THIS_YEAR}/').then(response => response.status)")


def test_publishing_the_report_asks_first_and_warns(site_server, officer_page):
    page = officer_page
    # The reads, then the changes, in one shell: each manage.py process costs seconds of start-up.
    state = report_shell(
        site_server,
        "t = report.themes.order_by('sort_order').first(); print(repr((report.pk, t.title, t.you_said))); "
        "t.you_said = 'Jo Bloggs from Westmoor told us this. ' + t.you_said; t.save(); "
        "Theme.objects.create(report=report, title='A theme nobody raised', you_said='x', we_did='y')",
    )
    pk, theme, original = ast.literal_eval(state.splitlines()[-1])
    try:
        page.goto(f"{site_server.url}/admin/snippets/feedback/report/edit/{pk}/")
        page.get_by_role("link", name="Publish...").click()
        expect(page.locator("h1")).to_contain_text("Publish")
        expect(page.get_by_role("heading", name="What will be published")).to_be_visible()
        themes = page.locator("[data-publish-themes] tbody tr")
        assert themes.count() >= 2
        expect(page.locator("[data-publish-themes]")).to_contain_text(theme)
        expect(page.locator("[data-name-warning]")).to_contain_text("Jo Bloggs")
        expect(page.locator("[data-no-comments-warning]")).to_contain_text("A theme nobody raised")
        assert public_status(page) == 404
        assert_accessible(page)

        page.get_by_role("button", name="Yes, publish it").click()
        page.wait_for_load_state()
        expect(page.locator(".messages")).to_contain_text("is published")
        assert public_status(page) == 200

        page.get_by_role("link", name="Unpublish...").click()
        page.get_by_role("button", name="Yes, unpublish it").click()
        page.wait_for_load_state()
        expect(page.locator(".messages")).to_contain_text("no longer on the website")
    finally:
        report_shell(
            site_server,
            f"report.status = 'draft'; report.save(); report.themes.filter(title='A theme nobody raised').delete(); "
            f"t = report.themes.order_by('sort_order').first(); t.you_said = {original!r}; t.save()",
        )
