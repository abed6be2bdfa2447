"""Reminders: a stale link once a year, a broken link about once a term, never twice too soon, to the right address."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.models import SchoolPage, SchoolSettings, SencoSubmission
from directory.schools.reminders import send_reminders
from tests.factories import SchoolPageFactory, SchoolSettingsFactory, SchoolsIndexPageFactory, SencoSubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(home_page):
    SchoolsIndexPageFactory()
    today = timezone.localdate()
    specs = {
        "fresh": dict(urn=120001, sen_report_confirmed_on=today - timedelta(days=30), sen_report_status="ok"),
        "stale": dict(urn=120002, sen_report_confirmed_on=today - timedelta(days=400), sen_report_status="ok"),
        "broken": dict(urn=120003, sen_report_confirmed_on=today - timedelta(days=30), sen_report_status="broken"),
        "no_address": dict(urn=120004, sen_report_confirmed_on=None),
        "closed": dict(urn=120005, sen_report_confirmed_on=None, closed=True),
    }
    made = {
        key: SchoolPageFactory(
            title=f"{key.title()} School",
            sen_report_url=f"https://{key.replace('_', '-')}.example.sch.uk/send",
            reminder_email="" if key == "no_address" else f"office@{key}.example.sch.uk",
            **values,
        )
        for key, values in specs.items()
    }
    # The stale school's SENCO confirmed once: reminders go to them rather than the office.
    SencoSubmissionFactory(
        school=made["stale"],
        report_url="https://stale.example.sch.uk/send",
        senco_name="Sam",
        senco_email="senco@stale.example.sch.uk",
        approved=True,
        decided_at=timezone.now() - timedelta(days=400),
    )
    return made


def test_who_is_reminded_and_how_often(schools):
    today = timezone.localdate()
    report = send_reminders(today=today, base_url="https://localoffer.example.org")
    assert sorted(report.sent) == [120002, 120003]
    assert report.nudged_broken == [120003]
    assert report.no_address == [120004]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["office@broken.example.sch.uk", "senco@stale.example.sch.uk"]
    broken_mail = next(m for m in mail.outbox if m.to == ["office@broken.example.sch.uk"])
    assert "not working" in broken_mail.subject
    assert "https://localoffer.example.org/schools/update-your-link/120003/" in broken_mail.body

    # Run again tomorrow: nobody is emailed twice.
    mail.outbox.clear()
    assert send_reminders(today=today + timedelta(days=1)).sent == []
    # A term later the broken link is nudged again; the stale one waits for its year.
    later = send_reminders(today=today + timedelta(days=SchoolSettings.current().broken_link_nudge_days))
    assert later.sent == [120003]


def test_the_interval_is_configurable(schools):
    SchoolSettingsFactory(reminder_interval_days=30)
    report = send_reminders(today=timezone.localdate() + timedelta(days=1))
    assert 120001 in report.sent


def test_command(schools):
    out = StringIO()
    call_command("send_school_reminders", stdout=out)
    assert "Reminders sent: 2" in out.getvalue()
    assert SchoolPage.objects.get(urn=120002).last_reminder_sent_on == timezone.localdate()


def test_old_contact_details_are_removed_but_the_current_senco_is_kept(schools):
    from directory.schools.senco.submissions import REMOVED_EMAIL, purge_old_contact_details

    long_ago = timezone.now() - timedelta(days=800)
    school = schools["fresh"]

    def make(status, **extra):
        return SencoSubmissionFactory(
            school=school,
            report_url="https://fresh.example.sch.uk/send",
            senco_name="Old Name",
            senco_email="old@fresh.example.sch.uk",
            senco_phone="01632 960 999",
            status=status,
            created_at=long_ago,
            **extra,
        )

    rejected = make(SencoSubmission.STATUS_REJECTED)
    older_approved = make(SencoSubmission.STATUS_APPROVED, decided_at=long_ago)
    latest_approved = make(SencoSubmission.STATUS_APPROVED, decided_at=long_ago + timedelta(days=10))
    waiting = make(SencoSubmission.STATUS_PENDING)
    recent = SencoSubmissionFactory(school=school, senco_name="New", senco_email="new@example.org", rejected=True)

    assert purge_old_contact_details() == 2
    for kept in (latest_approved, waiting, recent):
        kept.refresh_from_db()
        assert kept.senco_email != REMOVED_EMAIL
    for cleared in (rejected, older_approved):
        cleared.refresh_from_db()
        assert cleared.senco_email == REMOVED_EMAIL and cleared.senco_phone == "" and "Old" not in cleared.senco_name
    assert purge_old_contact_details() == 0
