"""Reminders to schools about their SEN information report link.

A school is reminded when its link was last confirmed longer ago than SchoolSettings.reminder_interval_days (once a
year by default), and nudged every broken_link_nudge_days (about once a term) while its link is broken. Mail goes to
the SENCO of the latest approved submission, or else the school's reminder address; schools with neither are
counted so officers can chase them. Each school gets at most one email a run, and none again until its interval
has passed (last_reminder_sent_on). The emails are queued for the worker to send (localoffer.tasks.send_email)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from localoffer.tasks import send_email

from .models import SchoolPage, SchoolSettings
from .senco.models import SencoSubmission


@dataclass
class ReminderReport:
    sent: list = field(default_factory=list)  # URNs
    nudged_broken: list = field(default_factory=list)  # URNs (a subset of sent)
    no_address: list = field(default_factory=list)  # URNs due a reminder with nowhere to send it

    def summary(self):
        return (
            f"Reminders sent: {len(self.sent)} ({len(self.nudged_broken)} about broken links). "
            f"Due but no address to send to: {len(self.no_address)}."
        )


def recipient_for(school):
    latest = (
        SencoSubmission.objects.filter(school=school, status=SencoSubmission.STATUS_APPROVED)
        .order_by("-decided_at")
        .first()
    )
    return latest.senco_email if latest else school.reminder_email


def reminder_due(school, today, config):
    last = school.last_reminder_sent_on
    if school.sen_report_status == SchoolPage.LINK_BROKEN:
        return "broken" if last is None or (today - last).days >= config.broken_link_nudge_days else None
    confirmed = school.sen_report_confirmed_on
    stale = confirmed is None or (today - confirmed).days > config.reminder_interval_days
    if stale and (last is None or (today - last).days >= config.reminder_interval_days):
        return "stale"
    return None


def send_reminders(today=None, base_url=None):
    today = today or timezone.localdate()
    base_url = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    config = SchoolSettings.current()
    report = ReminderReport()
    for school in SchoolPage.objects.live().filter(is_closed=False).order_by("urn"):
        reason = reminder_due(school, today, config)
        if reason is None:
            continue
        to = recipient_for(school)
        if not to:
            report.no_address.append(school.urn)
            continue
        broken = reason == "broken"
        body = render_to_string(
            "directory/schools/email/reminder.txt",
            {"school": school, "broken": broken, "form_url": base_url + reverse("senco_form", args=[school.urn])},
        )
        subject = (
            f"The SEN information report link for {school.title} is not working"
            if broken
            else f"Please confirm {school.title}'s SEN information report link"
        )
        with transaction.atomic():  # queued and recorded together, so a school is never emailed twice too soon
            send_email.enqueue(subject, body, [to])
            SchoolPage.objects.filter(pk=school.pk).update(last_reminder_sent_on=today)
        report.sent.append(school.urn)
        if broken:
            report.nudged_broken.append(school.urn)
    return report
