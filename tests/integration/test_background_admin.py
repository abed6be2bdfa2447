"""What officers see of background work, with the database queue in-process: a GIAS upload is queued and its status
page follows it (waiting, importing, done with its report, failed and to be tried again, failed for good); tasks that
failed for good are listed under Reports, Background tasks, and counted on the dashboard.
(tests/integration/test_task_worker.py runs the real worker process.)"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.models import GiasImport, SchoolPage
from directory.schools import tasks as school_tasks
from tests.background import queue, run_once  # noqa: F401 (queue: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queue")]  # the database queue

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "gias_sample.csv"


@pytest.fixture
def officer(client, db):
    user = get_user_model().objects.create_superuser("officer", "officer@example.org", "correct horse battery")
    client.force_login(user)
    return user


def upload(client):
    csv_file = SimpleUploadedFile("gias.csv", SAMPLE.read_bytes(), content_type="text/csv")
    return client.post(
        reverse("schools_gias_import"), {"csv_file": csv_file, "la_name": "Northbrook", "neighbours": "Eastvale"}
    )


def status_page(client, gias_import):
    return client.get(reverse("schools_gias_import_status", args=[gias_import.pk])).content.decode()


def test_the_upload_is_queued_and_its_status_page_follows_it_to_the_report(client, officer, schools_index):
    response = upload(client)
    gias_import = GiasImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("schools_gias_import_status", args=[gias_import.pk])
    assert not SchoolPage.objects.exists()  # nothing imported in the request
    assert gias_import.status == GiasImport.QUEUED and gias_import.la_name == "Northbrook"
    assert gias_import.neighbours == ["Eastvale"] and gias_import.created_by == officer
    assert "900001" in gias_import.file_text

    page = status_page(client, gias_import)
    assert 'data-gias-import-status="queued"' in page and "Waiting to start" in page
    assert '<meta http-equiv="refresh" content="3">' in page  # it reloads itself while not finished

    GiasImport.objects.filter(pk=gias_import.pk).update(status=GiasImport.RUNNING, rows_done=40, rows_total=100)
    page = status_page(client, gias_import)
    assert "40 of 100" in page and "40%" in page and 'http-equiv="refresh"' in page

    done = run_once(gias_import.task_id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value["created"] == SchoolPage.objects.count() > 0
    gias_import.refresh_from_db()
    assert gias_import.status == GiasImport.DONE and gias_import.rows_done == gias_import.rows_total > 0
    assert gias_import.file_text == ""  # imported: only the report is kept
    page = status_page(client, gias_import)
    assert "Import report" in page and "not six digits" in page
    assert 'http-equiv="refresh"' not in page  # finished: no more reloading
    assert SchoolPage.objects.filter(urn__in=[900001, 900007]).count() == 2

    listing = client.get(reverse("schools_gias_import")).content.decode()
    assert "Recent imports" in listing and reverse("schools_gias_import_status", args=[gias_import.pk]) in listing


def test_a_failed_import_is_tried_again_then_shown_to_officers(client, officer, schools_index, monkeypatch):
    def broken_import(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(school_tasks, "import_gias", broken_import)
    upload(client)
    gias_import = GiasImport.objects.get()

    first = run_once(gias_import.task_id)
    assert first.status == TaskResultStatus.READY  # to be tried again
    page = status_page(client, gias_import)
    assert "The import failed" in page and "RuntimeError: the database went away" in page
    assert "will be tried again automatically" in page and "attempt 2 of 3" in page
    assert 'http-equiv="refresh"' in page

    report = client.get(reverse("directory_background_tasks")).content.decode()
    assert "Waiting to be tried again" in report and "RuntimeError: the database went away" in report
    assert "No background task has failed" in report

    for _ in range(2):
        DBTaskResult.objects.filter(pk=gias_import.task_id).update(run_after=timezone.now())
        last = run_once(gias_import.task_id)
    assert last.status == TaskResultStatus.FAILED and len(last.worker_ids) == 3
    page = status_page(client, gias_import)
    assert "was tried 3 times and will not be tried again" in page and "Background tasks" in page
    assert 'http-equiv="refresh"' not in page

    report = client.get(reverse("directory_background_tasks")).content.decode()
    assert "data-failed-count>1<" in report
    assert "Import a GIAS file uploaded in the admin" in report  # what the task does, in words
    assert "RuntimeError: the database went away" in report

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-dashboard-item="background-tasks-that-failed"' in dashboard
    assert "Background tasks that failed" in dashboard

    # "Try again" queues it with fresh attempts; "Dismiss" forgets a failure someone has dealt with.
    response = client.post(reverse("directory_background_task_retry", args=[gias_import.task_id]))
    assert response.status_code == 302
    again = DBTaskResult.objects.get(pk=gias_import.task_id)
    assert again.status == TaskResultStatus.READY and again.worker_ids == []
    monkeypatch.undo()
    assert run_once(gias_import.task_id).status == TaskResultStatus.SUCCESSFUL
    gias_import.refresh_from_db()
    assert gias_import.status == GiasImport.DONE

    failed = DBTaskResult.objects.get(pk=school_tasks.import_gias_upload.enqueue(gias_import.pk).id)
    DBTaskResult.objects.filter(pk=failed.pk).update(status=TaskResultStatus.FAILED, traceback="ValueError: x")
    client.post(reverse("directory_background_task_dismiss", args=[failed.pk]))
    assert not DBTaskResult.objects.filter(pk=failed.pk).exists()


def test_only_admin_users_see_background_tasks(client, db):
    user = get_user_model().objects.create_user("someone", "someone@example.org", "pw")
    client.force_login(user)
    assert client.get(reverse("directory_background_tasks")).status_code in (302, 403)


def test_a_failed_tasks_error_line_shows_no_contact_details(client, officer, schools_index):
    """A refused email names the address it was for: every officer sees the report, so it is removed there."""
    upload(client)
    task_id = GiasImport.objects.get().task_id
    refused = (
        'Traceback (most recent call last):\n  File "x.py", line 1, in send\n'
        "smtplib.SMTPRecipientsRefused: {'parent.jones@example.org': (550, b'No such user')} call 07700 900123"
    )
    DBTaskResult.objects.filter(pk=task_id).update(status=TaskResultStatus.FAILED, traceback=refused)
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    report = client.get(reverse("directory_background_tasks")).content.decode()
    assert "SMTPRecipientsRefused" in report and "[email address removed]" in report
    assert "parent.jones@example.org" not in report and "07700 900123" not in report
