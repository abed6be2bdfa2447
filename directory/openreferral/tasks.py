"""Open data's background tasks (django-tasks): the feed import and applying a services spreadsheet. The admin
queues them, the worker (bin/worker) runs them, and their rows (FeedImport, SpreadsheetImport) show how they went.
The work itself is plain functions: importer.import_feed_url (which `manage.py import_openreferral` calls directly)
and spreadsheet.apply."""

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import spreadsheet
from .importer import FeedError, import_feed_url
from .models import FeedImport, SpreadsheetImport


def run_feed_import(import_id: int) -> FeedImport:
    """Run one FeedImport and record its outcome: the report, or the plain-English reason the feed could not be
    imported (nothing was written then). An unexpected error is recorded and raised, so the worker tries again."""
    rows = FeedImport.objects.filter(pk=import_id)
    rows.update(status=FeedImport.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, error="")
    run = FeedImport.objects.select_related("created_by").get(pk=import_id)
    try:
        report = import_feed_url(run.url, area=run.area, user=run.created_by)
    except FeedError as error:
        rows.update(status=FeedImport.FAILED, error=str(error), finished_at=timezone.now())
    except Exception as error:
        rows.update(status=FeedImport.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now())
        raise
    else:
        rows.update(status=FeedImport.DONE, report=report.as_dict(), finished_at=timezone.now())
    run.refresh_from_db()
    return run


@task()
def import_feed(import_id: int) -> dict[str, int]:
    """Import an Open Referral UK feed an officer asked for in the admin (a FeedImport)."""
    run = run_feed_import(import_id)
    report = run.report or {}
    counts = {name: len(report.get(name, [])) for name in ("created", "updated", "unchanged", "conflicts", "rejected")}
    return {**counts, "failed": int(run.status == FeedImport.FAILED)}


@task()
def apply_spreadsheet(import_id: int) -> dict[str, int]:
    """Apply a services spreadsheet an officer confirmed after its preview (a SpreadsheetImport), recording progress
    for its status page. Safe to run again after an interruption: rows applied before it are skipped, and what they
    saved stays in the outcome."""
    rows = SpreadsheetImport.objects.filter(pk=import_id)
    rows.update(status=SpreadsheetImport.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, error="")
    item = SpreadsheetImport.objects.select_related("applied_by", "created_by").get(pk=import_id)
    user = item.applied_by or item.created_by
    if user is None:
        rows.update(status=SpreadsheetImport.FAILED, error="The officer who applied it no longer has an account.")
        return {"failed": 1}
    progress = spreadsheet.Progress(
        outcome=item.outcome or spreadsheet.Progress().outcome, done=set(item.applied_rows or [])
    )
    rows.update(rows_total=len(spreadsheet.to_apply(item.preview)), rows_done=len(progress.done))

    def record(progress: spreadsheet.Progress) -> None:  # inside the transaction of the rows it counts
        rows.update(outcome=progress.outcome, applied_rows=sorted(progress.done), rows_done=len(progress.done))

    try:
        outcome = spreadsheet.apply(item.preview, user, publish=item.publish, progress=progress, record=record)
    except Exception as error:
        rows.update(status=SpreadsheetImport.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    rows.update(
        status=SpreadsheetImport.DONE,
        outcome=outcome,
        applied_rows=sorted(progress.done),
        rows_done=len(progress.done),
        applied_at=timezone.now(),
    )
    return {name: len(items) for name, items in outcome.items()}
