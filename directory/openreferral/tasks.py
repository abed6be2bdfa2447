"""The feed import as a background task (django-tasks): the admin queues it, the worker (bin/worker) runs it, and
its FeedImport row shows how it went. The import itself is the plain function importer.import_feed_url, which
`manage.py import_openreferral` calls directly."""

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .importer import FeedError, import_feed_url
from .models import FeedImport


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
