"""Background tasks for schools (django-tasks): the GIAS import of a file uploaded in the admin, and the reminders
(schedule `manage.py send_school_reminders` daily or weekly)."""

from dataclasses import asdict

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .gias import import_gias
from .models import GiasImport
from .reminders import send_reminders
from .senco.submissions import purge_old_contact_details

PROGRESS_EVERY_ROWS = 10


@task()
def send_school_reminders():
    """Email schools whose SEN information report link is stale or broken (see schools_reminders), then remove
    SENCO contact details that are no longer needed."""
    summary = send_reminders().summary()
    cleared = purge_old_contact_details()
    return (
        f"{summary} SENCO contact details removed from {cleared} old submission{'s' if cleared != 1 else ''} "
        f"(kept {settings.SENCO_CONTACT_RETENTION_DAYS} days)."
    )


@task()
def import_gias_upload(import_id: int) -> dict[str, int]:
    """Import a GIAS file uploaded in the admin (a GiasImport), recording progress for its status page. Safe to run
    again after an interruption: rows imported before it count as unchanged the second time. A dry run saves only
    its report, and keeps the file so that it can be run for real."""
    upload = GiasImport.objects.get(pk=import_id)
    rows = GiasImport.objects.filter(pk=import_id)
    rows.update(status=GiasImport.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, rows_done=0, error="")

    def progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY_ROWS == 0:
            rows.update(rows_done=done, rows_total=total)

    try:
        report = import_gias(
            upload.file_text,
            upload.la_name,
            upload.neighbours,
            user=upload.created_by,
            progress=progress,
            dry_run=upload.dry_run,
            publish_new=upload.publish_new,
        )
    except Exception as error:
        rows.update(status=GiasImport.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now())
        raise
    done = {"file_text": ""} if not upload.dry_run else {}  # imported: the report is what matters now
    rows.update(
        status=GiasImport.DONE, report=asdict(report), rows_done=F("rows_total"), finished_at=timezone.now(), **done
    )
    counts = {name: len(getattr(report, name)) for name in ("created", "updated", "unchanged", "closed", "rejected")}
    return {**counts, "fatal": int(bool(report.fatal))}
