"""The services spreadsheet (directory/openreferral/spreadsheet.py): export as CSV or Excel, edit, import with a
preview, apply in a background task with a status page. The file just exported changes nothing; edits change exactly
what they say; bad cells are refused row by row; text that looks like a formula goes out harmless and comes back
exactly; applying, interrupted and run again from the top, changes nothing twice. (The suite's tasks run at once;
the tests of the queue use the database queue in-process, tests/background.py.)"""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.models import Organisation, ServicePage, SpreadsheetImport
from directory.openreferral import spreadsheet
from localoffer.editorial_groups import EDITORS, MODERATORS
from tests.background import queue, run_once  # noqa: F401 (queue: a fixture)
from tests.factories import (
    OrganisationFactory,
    ServiceContactFactory,
    ServicePageFactory,
    ServiceVenueFactory,
    UserFactory,
)

URL = "/admin/open-data/spreadsheet/"
FORMULA = '=HYPERLINK("http://evil.example")'


@pytest.fixture
def services(directory):
    return [
        ServicePageFactory(
            title="Autism parent workshops",
            summary=FORMULA,
            organisation=OrganisationFactory(name="Alpha Trust"),
            need_types=["autism", "adhd"],
            categories=["education"],
            tier="targeted",
            min_age=2,
            max_age=11,
            languages="English, Polish",
            description="<p>Six weekly sessions.</p><ul><li>Bring a <b>friend</b></li></ul>",
            who_for="Parents of autistic children.",
            decisions="The team decides within a week.",
            venues=[
                ServiceVenueFactory.build(page=None, name="Riverside Centre", latitude="53.482500", step_free=True),
                ServiceVenueFactory.build(page=None, name="Library", postcode="", latitude=None, longitude=None),
            ],
            contacts=[
                ServiceContactFactory.build(page=None, name="Family team", phone="01632 960100"),
                ServiceContactFactory.build(page=None, name="Bookings", email="book@example.org", phone=""),
            ],
        ),
        ServicePageFactory(title="Bright speech drop-in", summary="-Walk in", tier="universal", categories=["health"]),
        ServicePageFactory(title="Club (a draft)", draft=True),
    ]


def export(admin_client, kind):
    response = admin_client.get(URL, {"export": kind})
    assert response.status_code == 200
    return response.content


def csv_rows(content):
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def to_csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def _file(name, content):
    return SimpleUploadedFile(name, content)


def preview_of(admin_client, name, content):
    response = admin_client.post(URL, {"file": _file(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    item = SpreadsheetImport.objects.latest("pk")
    return item, admin_client.get(response["Location"]).content.decode()


def test_the_exports_hold_every_service_safely(admin_client, services):
    rows = csv_rows(export(admin_client, "csv"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Open Referral id", "Name", "Summary"]
    assert [row[1] for row in body] == ["Autism parent workshops", "Bright speech drop-in", "Club (a draft)"]
    first = dict(zip(header, body[0], strict=True))
    assert first["Open Referral id"] == str(services[0].uuid)
    assert first["Summary"] == "'" + FORMULA  # neutralised in CSV
    assert first["Need types"] == "adhd; autism" and first["Organisation"] == "Alpha Trust"
    assert first["Self-referral"] == "yes" and first["Published"] == "yes"
    assert dict(zip(header, body[2], strict=True))["Published"] == "no"
    sheet = openpyxl.load_workbook(io.BytesIO(export(admin_client, "xlsx"))).active
    cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    summary = cells[header.index("Summary")]
    assert summary.value == FORMULA and summary.data_type == "s"  # text exactly, never a formula


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_importing_the_file_just_exported_changes_nothing(admin_client, services, kind):
    item, page = preview_of(admin_client, f"services.{kind}", export(admin_client, kind))
    assert item.preview["changed"] == 0 and item.preview["errors"] == 0 and item.preview["rows_read"] == 3
    assert "Nothing to apply" in page


def test_edited_cells_are_previewed_then_applied(admin_client, services):
    rows = csv_rows(export(admin_client, "csv"))
    header = rows[0]
    col = {name: header.index(name) for name in header}
    rows[1][col["Summary"]] = "Workshops for parents."
    rows[1][col["Tier"]] = "Specialist"
    rows[1][col["Need types"]] = "autism"
    rows[1][col["Oldest age"]] = "14"
    rows[1][col["Self-referral"]] = "no"
    rows[1][col["Organisation"]] = "Beta Health"
    rows[1][col["Last reviewed"]] = "2026-04-01"
    item, page = preview_of(admin_client, "services.csv", to_csv(rows))
    assert item.preview["changed"] == 1 and item.preview["errors"] == 0
    [row] = item.preview["rows"]
    assert set(row["changes"]) == {
        "summary",
        "tier",
        "need_types",
        "max_age",
        "self_referral",
        "organisation",
        "last_reviewed",
    }
    assert row["changes"]["need_types"] == ["adhd; autism", "autism"]
    assert "Apply 1 change" in page
    before = ServicePage.objects.get(pk=services[0].pk)
    assert before.summary == FORMULA  # nothing saved by the preview

    response = admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    assert response.status_code == 302 and response["Location"] == f"{URL}{item.pk}/apply/"
    page = ServicePage.objects.get(pk=services[0].pk)
    assert (page.summary, page.tier, page.max_age, page.self_referral) == (
        "Workshops for parents.",
        "specialist",
        14,
        False,
    )
    assert [n.slug for n in page.need_types.all()] == ["autism"] and page.organisation.name == "Beta Health"
    assert str(page.last_reviewed) == "2026-04-01" and page.uuid == services[0].uuid
    item.refresh_from_db()
    assert item.outcome["published"] == ["Autism parent workshops"] and item.applied_at
    assert (item.status, item.rows_done, item.rows_total) == (SpreadsheetImport.DONE, 1, 1)
    # Applying twice does nothing more; the edited file now matches.
    revisions = page.revisions.count()
    admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    assert page.revisions.count() == revisions
    again, _page = preview_of(admin_client, "services.csv", to_csv(rows))
    assert again.preview["changed"] == 0


def test_bad_cells_are_refused_row_by_row(admin_client, services):
    rows = csv_rows(export(admin_client, "csv"))
    col = {name: i for i, name in enumerate(rows[0])}
    good = list(rows[2])
    good[col["Languages"]] = "English, Urdu"
    bad = list(rows[1])
    bad[col["Tier"]] = "sometimes"
    bad[col["Youngest age"]] = "ten"
    bad[col["Need types"]] = "autism; flying"
    bad[col["Summary"]] = "x" * 301
    bad[col["Self-referral"]] = "maybe"
    unknown = list(rows[1])  # a new service (an id from elsewhere), but with the first service's contact
    unknown[col["Open Referral id"]] = "8a0e4b8e-3c8e-4a55-9a8e-2a5b4c3d2e1f"
    no_id = list(rows[1])
    no_id[col["Open Referral id"]] = "not-an-id"
    twice = list(rows[2])
    ages = list(rows[3])
    ages[col["Youngest age"]] = "20"
    ages[col["Oldest age"]] = "5"
    empty = list(rows[3])
    empty[col["Name"]] = ""
    item, page = preview_of(admin_client, "services.csv", to_csv([rows[0], bad, good, unknown, no_id, twice, ages]))
    problems = {row["row"]: " | ".join(row["errors"]) for row in item.preview["rows"] if row["errors"]}
    assert "Tier must be one of" in problems[2] and "whole number" in problems[2] and "flying" in problems[2]
    assert "longer than 300" in problems[2] and "yes or no" in problems[2]
    assert "belongs to another service" in problems[4] and "is not an Open Referral id" in problems[5]
    assert "earlier row too" in problems[6] and "Youngest age is more than oldest age" in problems[7]
    assert item.preview["changed"] == 1
    admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    assert ServicePage.objects.get(pk=services[1].pk).languages == "English, Urdu"
    assert ServicePage.objects.get(pk=services[0].pk).tier == "targeted"
    item, _page = preview_of(admin_client, "services.csv", to_csv([rows[0], empty]))
    assert "Name cannot be empty" in item.preview["rows"][0]["errors"]


def test_a_page_edited_since_the_preview_is_skipped(admin_client, services, admin_user):
    rows = csv_rows(export(admin_client, "csv"))
    rows[1][2] = "New summary."
    item, _page = preview_of(admin_client, "services.csv", to_csv(rows))
    page = ServicePage.objects.get(pk=services[0].pk)
    page.summary = "Someone else's summary."
    page.save_revision(user=admin_user).publish()
    admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    item.refresh_from_db()
    assert item.outcome["skipped"] and ServicePage.objects.get(pk=page.pk).summary == "Someone else's summary."


def test_files_that_are_not_services_spreadsheets_are_refused(admin_client, services):
    for name, content, message in [
        ("notes.txt", b"hello", "Upload a .csv or .xlsx file"),
        ("services.xlsx", b"not a workbook", "not an Excel workbook"),
        ("services.csv", b"Name,Summary\nA,B\n", "Open Referral id"),
        ("services.csv", b"", "empty"),
    ]:
        response = admin_client.post(URL, {"file": _file(name, content)})
        assert response.status_code == 200 and message in response.content.decode(), name
    assert not SpreadsheetImport.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_database_gives_identical_services(admin_client, services, kind):
    exported = export(admin_client, kind)
    before = csv_rows(export(admin_client, "csv"))
    assert "Venue 2 name" in before[0] and "Contact 2 email" in before[0] and "Description" in before[0]
    for page in ServicePage.objects.all():
        page.delete()
    Organisation.objects.all().delete()
    item, page = preview_of(admin_client, f"services.{kind}", exported)
    assert (item.preview["new"], item.preview["errors"]) == (3, 0) and "(new service)" in page
    assert not ServicePage.objects.exists()  # nothing written by the preview
    response = admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert sorted(item.outcome["created"]) == ["Autism parent workshops", "Bright speech drop-in", "Club (a draft)"]
    assert csv_rows(export(admin_client, "csv")) == before  # every field, ids included, and drafts stay drafts
    assert not ServicePage.objects.get(title="Club (a draft)").live
    first = ServicePage.objects.get(title="Autism parent workshops")
    assert (
        first.live
        and first.revisions.count() == 1
        and [v.name for v in first.venues.all()]
        == [
            "Riverside Centre",
            "Library",
        ]
    )
    again, _page = preview_of(admin_client, f"services.{kind}", exported)
    assert again.preview["changed"] == 0  # importing it once more changes nothing


def test_a_file_of_new_services_with_errors_is_refused_row_by_row_and_nothing_written(admin_client, directory):
    header = ["Open Referral id", "Name", "Summary", "Tier", "Eligibility", "How to get it", "Youngest age"]
    header += ["Oldest age", "Venue 1 name", "Venue 1 latitude", "Contact 1 name", "Contact 1 email"]
    good = ["", "Good club", "A club.", "universal", "Anyone.", "Just come.", "5", "9", "Hall", "53.1", "Desk", ""]
    rows = [
        header,
        good,
        ["", "", "A club.", "universal", "Anyone.", "Just come.", "5", "9", "", "", "", ""],
        ["", "Odd club", "A club.", "sometimes", "Anyone.", "Just come.", "30", "9", "", "", "", ""],
        ["", "Lost club", "A club.", "universal", "Anyone.", "Just come.", "5", "9", "Hall", "north", "Desk", ""],
        ["", "Quiet club", "A club.", "universal", "", "Just come.", "5", "9", "", "", "", ""],
        ["", "Mail club", "A club.", "universal", "Anyone.", "Just come.", "5", "9", "", "", "Desk", "not-email"],
        ["", "Ageless club", "A club.", "universal", "Anyone.", "Just come.", "", "", "", "", "", ""],
    ]
    item, page = preview_of(admin_client, "services.csv", to_csv(rows))
    problems = {row["row"]: " | ".join(row["errors"]) for row in item.preview["rows"] if row["errors"]}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8] and item.preview["new"] == 1
    assert "Name cannot be empty" in problems[3]
    assert "Tier must be one of" in problems[4] and "from 0 to 25" in problems[4]
    assert "Venue 1 latitude must be a number" in problems[5]
    assert "Eligibility cannot be empty" in problems[6]
    assert "contact 1 email: Enter a valid email address." in problems[7]
    assert "oldest age: This field cannot be blank." in problems[8]
    assert "new service" in page and not ServicePage.objects.exists()  # the preview writes nothing
    admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    [created] = ServicePage.objects.all()
    assert created.title == "Good club" and not created.live  # Published was not "yes"
    assert created.venues.get().latitude == Decimal("53.100000") and created.contacts.get().name == "Desk"


def status_of(admin_client, item):
    response = admin_client.get(f"{URL}{item.pk}/apply/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("queue")
def test_applying_is_queued_and_its_status_page_follows_it_to_the_outcome(admin_client, services):
    rows = csv_rows(export(admin_client, "csv"))
    col = {name: i for i, name in enumerate(rows[0])}
    rows[1][col["Summary"]] = "Workshops for parents."
    rows[2][col["Languages"]] = "English, Urdu"
    item, page = preview_of(admin_client, "services.csv", to_csv(rows))
    assert "Apply 2 changes" in page and "in the background" in page
    assert admin_client.get(f"{URL}{item.pk}/apply/")["Location"] == f"{URL}{item.pk}/"  # nothing applied yet

    response = admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    assert response.status_code == 302 and response["Location"] == f"{URL}{item.pk}/apply/"
    item.refresh_from_db()
    assert (item.status, item.rows_total, item.rows_done) == ("queued", 2, 0) and item.task_id
    assert ServicePage.objects.get(pk=services[0].pk).summary == FORMULA  # nothing saved in the request
    page = status_of(admin_client, item)
    assert 'data-spreadsheet-status="queued"' in page and "Waiting to start" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})  # pressing Apply again queues nothing more
    assert DBTaskResult.objects.filter(task_path__endswith="apply_spreadsheet").count() == 1

    SpreadsheetImport.objects.filter(pk=item.pk).update(status="running", rows_done=1)
    page = status_of(admin_client, item)
    assert 'data-rows-done="1" data-rows-total="2"' in page and "1 of 2" in page and "50%" in page
    assert '<progress max="2" value="1">' in page and 'http-equiv="refresh"' in page

    done = run_once(item.task_id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == {"saved": 0, "published": 2, "created": 0, "skipped": 0}
    item.refresh_from_db()
    assert (item.status, item.rows_done, item.rows_total, item.attempts) == ("done", 2, 2, 1) and item.applied_at
    assert ServicePage.objects.get(pk=services[0].pk).summary == "Workshops for parents."
    page = status_of(admin_client, item)
    assert 'data-spreadsheet-status="done"' in page and "2 published" in page and "0 skipped" in page
    assert 'http-equiv="refresh"' not in page  # finished: no more reloading
    assert "Applied" in admin_client.get(f"{URL}{item.pk}/").content.decode()


@pytest.mark.usefixtures("queue")
def test_applying_interrupted_goes_on_where_it_stopped_and_changes_nothing_twice(admin_client, services, monkeypatch):
    rows = csv_rows(export(admin_client, "csv"))
    col = {name: i for i, name in enumerate(rows[0])}
    rows[1][col["Summary"]] = "Workshops for parents."
    rows[2][col["Languages"]] = "English, Urdu"
    first_new, second_new = list(rows[2]), list(rows[2])
    for new, name in ((first_new, "New club"), (second_new, "Newer club")):
        new[col["Name"]], new[col["Published"]] = name, "yes"
        for index, header in enumerate(rows[0]):
            if header.endswith("Open Referral id"):
                new[index] = ""  # no ids: a run that created them and ran again would make them twice
    item, _page = preview_of(admin_client, "services.csv", to_csv([*rows, first_new, second_new]))
    assert (item.preview["changed"], item.preview["new"]) == (4, 2)
    monkeypatch.setattr(spreadsheet, "CHUNK", 1)
    create_chunk = spreadsheet.create_chunk
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the worker was stopped")
        return create_chunk(*args, **kwargs)

    monkeypatch.setattr(spreadsheet, "create_chunk", interrupted)
    admin_client.post(f"{URL}{item.pk}/", {"publish": "1"})
    item.refresh_from_db()
    first = run_once(item.task_id)
    assert first.status == TaskResultStatus.READY  # to be tried again
    item.refresh_from_db()
    assert (item.status, item.rows_done, item.rows_total) == ("failed", 3, 4)
    assert ServicePage.objects.filter(title__in=["New club", "Newer club"]).count() == 1
    page = status_of(admin_client, item)
    assert "RuntimeError: the worker was stopped" in page and "3 of 4 services were done" in page
    assert "will be tried again automatically" in page and 'http-equiv="refresh"' in page
    revisions = {service.pk: service.revisions.count() for service in ServicePage.objects.all()}

    DBTaskResult.objects.filter(pk=item.task_id).update(run_after=timezone.now())
    again = run_once(item.task_id)
    assert again.status == TaskResultStatus.SUCCESSFUL
    item.refresh_from_db()
    assert (item.status, item.rows_done, item.attempts) == ("done", 4, 2)
    assert sorted(item.outcome["created"]) == ["New club", "Newer club"] and not item.outcome["skipped"]
    assert sorted(item.outcome["published"]) == [
        "Autism parent workshops",
        "Bright speech drop-in",
        "New club",
        "Newer club",
    ]
    assert ServicePage.objects.filter(title="New club").count() == 1  # not made twice
    assert ServicePage.objects.get(title="Newer club").live
    for service in ServicePage.objects.exclude(title="Newer club"):
        assert service.revisions.count() == revisions[service.pk]  # nothing done before was done again
    assert ServicePage.objects.get(pk=services[0].pk).summary == "Workshops for parents."
    page = status_of(admin_client, item)
    assert "4 published" in page and "2 new services created" in page and "attempt 2" in page


def test_anothers_upload_is_shown_only_to_officers_who_may_keep_provider_contacts(admin_client, client, services):
    """A preview can show the private provider contacts typed into the file: an Editor (who may import but not keep
    provider contacts) sees their own uploads, not a colleague's."""
    item, _page = preview_of(admin_client, "services.csv", export(admin_client, "csv"))
    editor = UserFactory(username="editor", groups=[EDITORS])
    moderator = UserFactory(username="moderator", groups=[MODERATORS])
    client.force_login(editor)
    for name in ("openreferral_spreadsheet_preview", "openreferral_spreadsheet_status"):
        assert client.get(reverse(name, args=[item.pk])).status_code in (302, 403), name
    client.force_login(moderator)
    assert client.get(reverse("openreferral_spreadsheet_preview", args=[item.pk])).status_code == 200
