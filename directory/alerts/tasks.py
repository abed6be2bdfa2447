"""The email alerts' daily job as a background task (django-tasks); cron runs it with `manage.py send_search_alerts`."""

from django_tasks import task

from .lifecycle import run_alerts


@task()
def send_search_alerts() -> str:
    """Delete expired requests and alerts, ask the yearly question, queue the digests that are due."""
    return str(run_alerts())
