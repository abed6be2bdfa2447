"""Officers decide on SENCO submissions in the Wagtail admin, upload GIAS files, and see pending counts."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import GiasImport, SchoolPage, SchoolsIndexPage, SencoSubmission
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
