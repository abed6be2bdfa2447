"""An officer keeps pages up to date: dashboard, Due for review, mark reviewed, count falls."""

import pytest

pytestmark = pytest.mark.browser

OFFICER = ("review-officer", "review-officer-pass-123")

MAKE_OVERDUE = """
import datetime
from localoffer.models import InformationPage
for page in InformationPage.objects.live().order_by("pk")[:3]:
    page.last_reviewed = datetime.date.today() - datetime.timedelta(days=500)
    page.save(update_fields=["last_reviewed"])
"""


def count(page, selector):
    return int(page.locator(selector).first.inner_text().strip())


def test_officer_marks_an_overdue_page_reviewed_and_the_count_falls(site_server, officer_page):
    site_server.manage("shell", "-c", MAKE_OVERDUE)
    page = officer_page
    page.goto(site_server.url + "/admin/")

    row = page.locator('[data-dashboard-item="due-for-review"]')
    dashboard_count = int(row.locator("[data-count]").inner_text())
    assert dashboard_count >= 1
    row.get_by_role("link", name="Due for review").click()
    assert count(page, "[data-due-count]") == dashboard_count
    overdue = count(page, "[data-overdue-count]")
    assert overdue >= 1

    page.get_by_role("link", name="Mark reviewed").first.click()
    page.get_by_label("What did you check?").fill("Opening times confirmed")
    page.get_by_role("button", name="Yes, mark reviewed").click()
    page.wait_for_load_state()
    assert count(page, "[data-due-count]") == dashboard_count - 1
    assert count(page, "[data-overdue-count]") == overdue - 1
    assert "marked as reviewed today" in page.content()
