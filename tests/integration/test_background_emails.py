"""With the database queue (in-process), requests and scheduled jobs only queue their emails and the SENCO link check:
nothing is sent or fetched until the worker runs the tasks, and then everything is. What a task carries is never
logged. (The suite's other tests use the immediate backend, where the same tasks run at once.)"""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.models import SchoolPage, SencoSubmission
from directory.schools.reminders import send_reminders
from directory.schools.senco import submissions as senco
from directory.upkeep.digest import send_digests
from directory.url_safety import FetchResult
from localoffer.models import ReviewTeam
from tests.background import queue, run_once  # noqa: F401 (queue: a fixture)
from tests.factories import SchoolPageFactory, SchoolSettingsFactory, SencoSubmissionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queue")]  # the database queue

GOOD_URL = "https://www.oakfield.example.sch.uk/send-report"
SENCO = {
    "report_url": GOOD_URL,
    "senco_name": "Sam Patel",
    "senco_email": "s.patel@oakfield.example.sch.uk",
    "senco_email_confirm": "s.patel@oakfield.example.sch.uk",
    "senco_phone": "01632 960 001",
    "confirm_authority": "on",
}


@pytest.fixture
def fetched(monkeypatch):
    """Links 'load' (no network in tests); the addresses asked for are kept."""
    asked = []

    def fake_fetch(url, timeout=10):
        asked.append(url)
        return FetchResult(200, url, None)

    monkeypatch.setattr(senco, "fetch_status", fake_fetch)
    monkeypatch.setattr("directory.url_safety._resolve", lambda host, port: [])
    return asked


@pytest.fixture
def school(schools_index):
    return SchoolPageFactory(
        title="Oakfield Primary School",
        urn=100001,
        website="https://www.oakfield.example.sch.uk",
        sen_report_url="https://www.oakfield.example.sch.uk/old-report",
        publish_revision=True,
    )


def queued(path):
    return list(DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY))


def run_all():
    """The worker: run every queued task (and those they queue) until the queue is empty."""
    for _ in range(20):
        ready = list(DBTaskResult.objects.ready().values_list("pk", flat=True))
        if not ready:
            return
        for pk in ready:
            assert run_once(pk).status == TaskResultStatus.SUCCESSFUL
    raise AssertionError("the queue never emptied")


def test_a_senco_submission_queues_its_link_check_and_confirmation_email(client, school, fetched, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post(reverse("senco_form", args=[school.urn]), SENCO)
    assert response.status_code == 302
    submission = SencoSubmission.objects.get()
    assert submission.link_loaded is None and fetched == []  # not checked in the request
    assert mail.outbox == []  # nor emailed
    assert len(queued("directory.schools.senco.tasks.check_submission_link")) == 1
    assert len(queued("localoffer.tasks.send_email")) == 1
    page = client.get(response["Location"]).content.decode()
    assert "We are checking the link you gave" in page and "it works" not in page

    run_all()
    submission.refresh_from_db()
    assert fetched == [GOOD_URL] and submission.link_loaded is True and submission.link_status_code == 200
    assert [message.to for message in mail.outbox] == [["s.patel@oakfield.example.sch.uk"]]
    assert "/confirm/" in mail.outbox[0].body
    assert "We opened the link you gave" in client.get(response["Location"]).content.decode()

    for private in ["Sam Patel", "s.patel@", "01632"]:
        assert private not in caplog.text  # task arguments (recipients, bodies) are never logged


def test_auto_approval_waits_for_the_link_check(client, school, fetched):
    """The SENCO may confirm their email before the worker has checked the link: the check then approves it."""
    SchoolSettingsFactory(auto_approve_matching_domain=True)
    client.post(reverse("senco_form", args=[school.urn]), SENCO)
    for pk in [task.pk for task in queued("localoffer.tasks.send_email")]:
        run_once(pk)  # the confirmation email only; the link check still waits
    submission = SencoSubmission.objects.get()
    token = senco.make_token(submission, senco.CONFIRM)
    client.post(reverse("senco_confirm", args=[school.urn, token]))
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_PENDING  # confirmed, but its link is not checked yet

    run_all()
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_APPROVED and submission.auto_approved
    assert SchoolPage.objects.get(pk=school.pk).sen_report_url == GOOD_URL
    assert "is updated" in mail.outbox[-1].subject  # the outcome email, sent by the worker too


def test_an_officer_approving_before_the_check_leaves_the_link_unchecked(school, fetched, schools_index):
    submission = SencoSubmissionFactory(school=school, report_url=GOOD_URL, pending=True, link_loaded=None)
    senco.approve(submission, user=None, base_url="http://testserver/")
    live = SchoolPage.objects.get(pk=school.pk)
    assert live.sen_report_url == GOOD_URL and live.sen_report_status == SchoolPage.LINK_UNCHECKED
    assert mail.outbox == [] and len(queued("localoffer.tasks.send_email")) == 1
    run_all()
    assert mail.outbox[-1].to == [submission.senco_email]


def test_reminders_and_the_digest_are_queued_then_sent_by_the_worker(schools_index):
    today = timezone.localdate()
    SchoolPageFactory(
        urn=120002,
        sen_report_url="https://stale.example.sch.uk/send",
        sen_report_confirmed_on=today - timedelta(days=400),
        sen_report_status="ok",
        reminder_email="office@stale.example.sch.uk",
    )
    report = send_reminders(today=today, base_url="https://localoffer.example.org")
    assert report.sent == [120002] and mail.outbox == []
    assert SchoolPage.objects.get(urn=120002).last_reminder_sent_on == today  # recorded with the queued email
    assert send_reminders(today=today).sent == []  # never queued twice

    team = ReviewTeam.objects.create(name="Schools team", email="schools-team@example.org")
    schools_index.review_owner = team
    schools_index.save()
    SchoolPage.objects.filter(urn=120002).update(sen_report_status=SchoolPage.LINK_BROKEN)
    assert send_digests(today) >= 1 and len(mail.outbox) == 0

    run_all()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert "office@stale.example.sch.uk" in recipients and "schools-team@example.org" in recipients
