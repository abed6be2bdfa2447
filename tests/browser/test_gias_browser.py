"""An officer imports schools from GIAS in the admin (JavaScript on): a wrong file is answered with an error summary,
then a dry run of a small file shows what would happen and saves nothing, and the real run from its report, as
drafts, links to each new school."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OFFICER = ("gias-officer", "gias-officer-pass-123")
HEADINGS = (
    "URN,LA (name),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),"
    "StatutoryLowAge,StatutoryHighAge,Street,Town,Postcode\n"
)
SMALL_FILE = HEADINGS + (
    "990001,Northbrook,Brightwater Primary School,Community school,Open,Primary,4,11,1 Brook Lane,Northbrook,NB1 9ZA\n"
    "990002,Northbrook,Kestrel Academy,Academy converter,Open,Secondary,11,16,2 High Street,Northbrook,NB1 9ZB\n"
    "990003,Northbrook,Gone School,Community school,Closed,Primary,4,11,,Northbrook,NB1 9ZC\n"
)
SCHOOLS = """
from directory.models import SchoolPage
print(sorted(SchoolPage.objects.filter(urn__gte=990001).values_list("urn", "live")))
"""


def test_officer_checks_a_file_with_a_dry_run_then_imports_it_as_drafts(site_server, officer_page, tmp_path):
    wrong = tmp_path / "establishments.xlsx"
    wrong.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    small = tmp_path / "edubasealldata.csv"
    small.write_text(SMALL_FILE, encoding="utf-8")
    page = officer_page
    page.goto(site_server.url + "/admin/")

    page.get_by_role("button", name="Schools").click()
    page.get_by_role("link", name="Import from GIAS").click()
    expect(page.get_by_role("link", name="Get Information about Schools: Downloads")).to_have_attribute(
        "href", "https://get-information-schools.service.gov.uk/Downloads"
    )
    expect(page.locator("[data-gias-columns]")).to_contain_text("EstablishmentStatus (name)")

    # The wrong file: an error summary, focused, linked to the file field; what was typed is kept.
    page.get_by_label("GIAS CSV file").set_input_files(str(wrong))
    page.get_by_label("Your local authority, as GIAS spells it").fill("Northbrook")
    page.get_by_role("button", name="Check the file (dry run)").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="This is a spreadsheet, not CSV", exact=False)).to_have_attribute(
        "href", "#id_csv_file"
    )
    expect(page.get_by_label("Your local authority, as GIAS spells it")).to_have_value("Northbrook")

    # The dry run: what would happen, and nothing saved.
    page.get_by_label("GIAS CSV file").set_input_files(str(small))
    page.get_by_label("Save them as drafts", exact=False).check()
    page.get_by_role("button", name="Check the file (dry run)").click()
    expect(page.get_by_role("heading", name="Dry run done: nothing was saved")).to_be_visible()
    counts = page.locator("[data-gias-counts]")
    expect(counts.get_by_role("row", name="Would be created")).to_contain_text("2")
    expect(counts.get_by_role("row", name="Rejected")).to_contain_text("1")
    expect(page.locator('[data-gias-outcome="created"]')).to_contain_text("Kestrel Academy")
    expect(page.locator('[data-gias-outcome="rejected"]')).to_contain_text("closed, and not already on the Local Offer")
    assert site_server.manage("shell", "-v", "0", "-c", SCHOOLS).strip() == "[]"

    # The real run from the dry run's page, without uploading again: new schools wait as drafts.
    run = page.locator("[data-gias-run-for-real]")
    expect(run.get_by_label("Save them as drafts", exact=False)).to_be_checked()
    run.get_by_role("button", name="Import for real").click()
    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    expect(page.locator("[data-gias-counts]").get_by_role("row", name="Created")).to_contain_text("2")
    assert site_server.manage("shell", "-v", "0", "-c", SCHOOLS).strip() == "[(990001, False), (990002, False)]"

    # The report links to each school's editor.
    created = page.locator('[data-gias-outcome="created"]')
    expect(created.locator(".w-status")).to_have_count(2)
    created.get_by_role("link", name="Kestrel Academy").click()
    expect(page.locator("#id_title")).to_have_value("Kestrel Academy")
