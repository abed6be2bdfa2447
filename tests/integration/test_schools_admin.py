"""Officers decide on SENCO submissions in the Wagtail admin, upload GIAS files (a dry run first, new schools
published or as drafts, a report linking each school, bad files answered with an error summary), and see pending
counts."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from directory.models import GiasImport, SchoolPage, SchoolsIndexPage, SencoSubmission
from directory.schools import admin as schools_admin
from directory.schools.gias import COLUMNS
from tests.factories import ReviewTeamFactory, SchoolPageFactory, SencoSubmissionFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "gias_sample.csv"


@pytest.fixture
def school(schools_index):
    return SchoolPageFactory(title="Oakfield Primary School", urn=100001, publish_revision=True)


def pending(school, **overrides):
    return SencoSubmissionFactory(
        school=school,
        report_url="https://www.oakfield.example.sch.uk/send",
        senco_email="s.patel@oakfield.example.sch.uk",
        pending=True,
        **overrides,
    )


@pytest.fixture
def officer(client, db):
    user = get_user_model().objects.create_superuser("officer", "officer@example.org", "correct horse battery")
    client.force_login(user)
    return user


def test_officer_lists_and_approves(client, officer, school):
    submission = pending(school)
    listing = client.get(reverse("senco_submissions:index"))
    assert listing.status_code == 200
    assert "Oakfield Primary School" in listing.content.decode()
    assert reverse("senco_submissions:edit", args=[submission.pk]) in listing.content.decode()  # rows link to it
    assert client.get(reverse("senco_submissions:index"), {"status": "pending"}).status_code == 200

    page = client.get(reverse("senco_submissions:edit", args=[submission.pk]))
    assert page.status_code == 200 and "Approve and publish the link" in page.content.decode()

    response = client.post(reverse("senco_submissions:edit", args=[submission.pk]), {"action": "approve"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.sen_report_url == "https://www.oakfield.example.sch.uk/send"
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_APPROVED and submission.decided_by == officer
    assert mail.outbox[-1].to == ["s.patel@oakfield.example.sch.uk"]

    # Deciding twice is refused with a message, not an error page.
    again = client.post(reverse("senco_submissions:edit", args=[submission.pk]), {"action": "approve"}, follow=True)
    assert again.status_code == 200 and "Only a submission waiting" in again.content.decode()


def test_rejection_needs_a_reason(client, officer, school):
    submission = pending(school)
    url = reverse("senco_submissions:edit", args=[submission.pk])
    response = client.post(url, {"action": "reject", "reason": ""})
    assert response.status_code == 200 and "Give a reason" in response.content.decode()
    assert SencoSubmission.objects.get().status == SencoSubmission.STATUS_PENDING
    client.post(url, {"action": "reject", "reason": "That is last year's report."})
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_REJECTED
    assert "last year's report" in mail.outbox[-1].body
    assert SchoolPage.objects.get(pk=school.pk).sen_report_url == ""


def test_no_one_adds_submissions_in_the_admin_and_others_are_kept_out(client, school):
    submission = pending(school)
    with pytest.raises(Exception):  # noqa: B017 - there is no add URL at all
        reverse("senco_submissions:add")
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "correct horse battery")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(reverse("senco_submissions:edit", args=[submission.pk]), {"action": "approve"})
    assert response.status_code in (302, 403)
    assert SencoSubmission.objects.get().status == SencoSubmission.STATUS_PENDING
    # With the permission, they may decide.
    editor.user_permissions.add(Permission.objects.get(codename="change_sencosubmission"))
    editor = get_user_model().objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(reverse("senco_submissions:edit", args=[submission.pk])).status_code == 200


def test_moderators_and_administrators_decide_senco_updates_without_being_superusers(client, school):
    submission = pending(school)
    for group in ("Moderators", "Administrators"):
        officer = get_user_model().objects.create_user(group.lower(), f"{group.lower()}@example.org", "pw")
        officer.groups.add(Group.objects.get(name=group))
        client.force_login(officer)
        assert client.get(reverse("senco_submissions:edit", args=[submission.pk])).status_code == 200, group


def test_dashboard_counts_pending_submissions(client, officer, school):
    pending(school)
    pending(school, status=SencoSubmission.STATUS_UNCONFIRMED)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Pending SENCO submissions" in page
    assert 'data-dashboard-item="pending-senco-submissions"' in page


def test_gias_upload_in_the_admin(client, officer, school):
    url = reverse("schools_gias_import")
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("gias.csv", SAMPLE.read_bytes(), content_type="text/csv")
    response = client.post(url, {"csv_file": upload, "la_name": "Northbrook", "neighbours": "Eastvale"}, follow=True)
    page = response.content.decode()
    # The import runs as a background task (at once, in tests); the upload leads to its status page.
    status_url = reverse("schools_gias_import_status", args=[GiasImport.objects.get().pk])
    assert response.redirect_chain == [(status_url, 302)]
    assert response.status_code == 200 and "Import report" in page
    assert SchoolPage.objects.filter(urn__in=[900001, 900007]).count() == 2
    assert "not six digits" in page
    bad = client.post(url, {"csv_file": SimpleUploadedFile("x.txt", b"hello"), "la_name": "Northbrook"})
    assert "Upload a .csv file" in bad.content.decode()


def test_school_page_editor_and_rules(client, officer, school):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[school.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for tab in ["Where and contact", "SEN information report", "Review"]:
        assert tab in page
    index = school.get_parent().specific
    assert not SchoolsIndexPage.can_create_at(index.get_parent())  # one finder only
    assert SchoolPage.can_create_at(index)
    bad = SchoolPageFactory.build(urn=12, min_age=11, max_age=4, sen_report_url="http://192.168.1.10/report")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert {"urn", "max_age", "sen_report_url"} <= set(error.value.message_dict)


def test_weekly_digest_lists_waiting_submissions_and_broken_links(school):
    from django.utils import timezone

    from directory.upkeep.digest import build_digests

    team = ReviewTeamFactory(name="Schools team", email="schools-team@example.org")
    index = school.get_parent().specific
    index.review_owner = team
    index.save()
    pending(school)
    SchoolPage.objects.filter(pk=school.pk).update(sen_report_status=SchoolPage.LINK_BROKEN)
    digest = build_digests(timezone.localdate())["schools-team@example.org"]
    assert "1 SENCO submission waiting" in digest
    assert "Broken SEN information report link: Oakfield Primary School" in digest
    assert "s.patel" not in digest  # no contact details in the digest


def gias_upload(name="gias.csv", data=None):
    return SimpleUploadedFile(name, SAMPLE.read_bytes() if data is None else data, content_type="text/csv")


def test_the_gias_upload_page_lists_the_columns_read_and_links_to_the_register(client, officer):
    page = client.get(reverse("schools_gias_import")).content.decode()
    assert 'href="https://get-information-schools.service.gov.uk/Downloads"' in page
    table = page[page.index("data-gias-columns") :]
    for column in COLUMNS:
        assert f"<code>{escape(str(column))}</code>" in table
        assert escape(column.purpose) in table
    assert "SEN1 (name) to SEN13 (name)" in table and "TypeOfResourcedProvision (name)" in table
    assert 'name="action" value="dry_run"' in page and 'name="new_schools"' in page


WRONG_COLUMNS = b"name,address\nA school,Somewhere\n"
SOME_COLUMNS = b"URN,EstablishmentName,LA (name)\n900001,A school,Northbrook\n"
HEADINGS_ONLY = SAMPLE.read_bytes().split(b"\n", 1)[0] + b"\n"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, "csv_file", "Choose the GIAS CSV file to upload"),
        ({"csv_file": gias_upload("gias.txt", b"hello")}, "csv_file", "Upload a .csv file"),
        ({"csv_file": gias_upload("gias.zip", b"PK\x03\x04zip")}, "csv_file", "This is a zip file"),
        ({"csv_file": gias_upload("gias.xlsx", b"PK\x03\x04xl")}, "csv_file", "This is a spreadsheet, not CSV"),
        ({"csv_file": gias_upload("gias.csv", b"PK\x03\x04xl")}, "csv_file", "is not a CSV file"),
        ({"csv_file": gias_upload("gias.csv", b"\x00\x01\x02")}, "csv_file", "is not a CSV file"),
        ({"csv_file": gias_upload("gias.csv", b"")}, "csv_file", "The file you chose is empty"),
        ({"csv_file": gias_upload("gias.csv", WRONG_COLUMNS)}, "csv_file", "The file is not a GIAS export"),
        ({"csv_file": gias_upload("gias.csv", SOME_COLUMNS)}, "csv_file", "no column &#x27;TypeOfEstablishment"),
        ({"csv_file": gias_upload("gias.csv", HEADINGS_ONLY)}, "csv_file", "no schools"),
        ({"csv_file": gias_upload(), "la_name": ""}, "la_name", "Enter your local authority"),
        ({"csv_file": gias_upload(), "la_name": "Northbrok"}, "la_name", "Did you mean &#x27;Northbrook&#x27;?"),
        ({"csv_file": gias_upload(), "neighbours": "Eastvale, Nowhere"}, "neighbours", "is in &#x27;Nowhere&#x27;"),
    ],
)
def test_bad_gias_uploads_answer_with_an_error_summary_linked_to_the_field(client, officer, fields, field, message):
    data = {"la_name": "Northbrook", "neighbours": "", "action": "dry_run", **fields}
    response = client.post(reverse("schools_gias_import"), data)
    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index('id="error-summary"') :]
    assert "There is a problem" in summary and f'<a href="#id_{field}">' in summary
    assert message in summary[: summary.index("</ul>")]
    assert 'aria-invalid="true"' in page and f'id="id_{field}-error"' in page
    if field != "la_name":  # what was typed is kept
        assert 'value="Northbrook"' in page
    assert not GiasImport.objects.exists() and not SchoolPage.objects.exists()


def test_a_dry_run_in_the_admin_then_the_real_run_as_drafts_without_uploading_again(client, officer, school):
    url = reverse("schools_gias_import")
    response = client.post(
        url,
        {"csv_file": gias_upload(), "la_name": "Northbrook", "neighbours": "Eastvale", "action": "dry_run"},
        follow=True,
    )
    dry_run = GiasImport.objects.get()
    assert dry_run.dry_run and dry_run.publish_new and dry_run.status == GiasImport.DONE
    assert dry_run.file_text  # kept, to run for real
    assert list(SchoolPage.objects.values_list("urn", flat=True)) == [100001]  # nothing written
    page = response.content.decode()
    assert "Dry run done: nothing was saved" in page and "Would be created" in page
    counts = dict(re.findall(r'<th scope="row">([A-Za-z ]+)</th><td>(\d+)</td>', page))
    assert counts["Would be created"] == "8" and counts["Rejected"] == "7"
    assert "St Mary\u2019s C of E Primary School" in page and "not six digits" in page
    assert 'action="' + reverse("schools_gias_import_run", args=[dry_run.pk]) + '"' in page

    response = client.post(reverse("schools_gias_import_run", args=[dry_run.pk]), {"new_schools": "draft"}, follow=True)
    real = GiasImport.objects.get(dry_run=False)
    assert response.redirect_chain == [(reverse("schools_gias_import_status", args=[real.pk]), 302)]
    assert real.dry_run_of == dry_run and not real.publish_new and real.status == GiasImport.DONE
    assert real.created_by == officer and real.file_text == ""
    dry_run.refresh_from_db()
    assert dry_run.file_text == ""  # run for real: no need to keep it twice
    created = SchoolPage.objects.exclude(urn=100001)
    assert created.count() == 8 and not created.filter(live=True).exists()

    # The report links to every school it created, each marked a draft.
    page = response.content.decode()
    assert "Import report" in page and "saved as drafts" in page
    for school_page in created:
        assert f'href="{reverse("wagtailadmin_pages:edit", args=[school_page.pk])}"' in page
    assert page.count('<span class="w-status">draft</span>') == 8

    # Pressed again (or by another officer): still one import. The dry run's page links to it.
    again = client.post(reverse("schools_gias_import_run", args=[dry_run.pk]), {"new_schools": "publish"})
    assert again["Location"] == reverse("schools_gias_import_status", args=[real.pk])
    assert GiasImport.objects.count() == 2
    dry_page = client.get(reverse("schools_gias_import_status", args=[dry_run.pk])).content.decode()
    assert reverse("schools_gias_import_status", args=[real.pk]) in dry_page and "Import for real" not in dry_page

    # The full report as CSV: every school with its outcome and an absolute edit link.
    download = client.get(reverse("schools_gias_import_status", args=[real.pk]) + "?download=csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["Outcome", "Line", "URN", "School", "Changes or reason", "Edit"]
    st_marys = SchoolPage.objects.get(urn=900001)
    assert ["created", "", "900001", st_marys.title, "", f"http://testserver/admin/pages/{st_marys.pk}/edit/"] in rows
    assert sum(row[0] == "rejected" for row in rows) == 7


def test_the_report_of_an_update_names_what_changed_and_caps_long_lists(client, officer, school, monkeypatch):
    monkeypatch.setattr(schools_admin, "LISTED", 3)
    client.post(reverse("schools_gias_import"), {"csv_file": gias_upload(), "la_name": "Northbrook"})
    data = SAMPLE.read_bytes().replace(b"Northbrook Academy,28", b"Northbrook Academy Trust School,28", 1)
    response = client.post(
        reverse("schools_gias_import"),
        {"csv_file": gias_upload(data=data), "la_name": "Northbrook", "action": "dry_run"},
        follow=True,
    )
    page = response.content.decode()
    academy = SchoolPage.objects.get(urn=900002)
    assert academy.title == "Northbrook Academy"  # a dry run
    updated = page[page.index('data-gias-outcome="updated"') :]
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[academy.pk])}"' in updated
    assert "Northbrook Academy Trust School" in updated and "<td>Title</td>" in updated
    assert "Showing the first 3 of 7" in page  # the rejected rows, capped


def test_a_dry_runs_file_is_kept_for_a_day(client, officer, school):
    client.post(
        reverse("schools_gias_import"), {"csv_file": gias_upload(), "la_name": "Northbrook", "action": "dry_run"}
    )
    old = GiasImport.objects.get()
    GiasImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    client.post(
        reverse("schools_gias_import"), {"csv_file": gias_upload(), "la_name": "Northbrook", "action": "dry_run"}
    )
    old.refresh_from_db()
    assert old.file_text == "" and GiasImport.objects.exclude(file_text="").count() == 1
    page = client.get(reverse("schools_gias_import_status", args=[old.pk])).content.decode()
    assert "no longer kept" in page and "Import for real" not in page
    response = client.post(reverse("schools_gias_import_run", args=[old.pk]), follow=True)
    assert "cannot be run for real" in response.content.decode()
    assert GiasImport.objects.filter(dry_run=False).count() == 0


def test_only_officers_who_may_publish_schools_import_the_register(client, schools_index):
    """An import publishes the changes to schools already here (drafts or not for new ones): an Editor, whose
    changes go to a moderator, is not offered it (it failed part-way for them before)."""
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "correct horse battery")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = get_user_model().objects.create_user("moderator", "moderator@example.org", "correct horse battery")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)
    assert "Import from GIAS" not in client.get("/admin/").content.decode()
    response = client.post(reverse("schools_gias_import"), {"csv_file": gias_upload(), "la_name": "Northbrook"})
    assert response.status_code in (302, 403) and not GiasImport.objects.exists()
    client.force_login(moderator)
    assert client.get(reverse("schools_gias_import")).status_code == 200
