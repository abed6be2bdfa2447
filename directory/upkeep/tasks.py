"""Background tasks of upkeep (django-tasks); each also has a management command for cron."""

from django.utils import timezone
from django_tasks import task

from .digest import send_digests
from .links import run_link_check


@task()
def send_weekly_digest():
    """Email each owning team what needs their attention. Run weekly (cron: `manage.py send_digest`)."""
    return send_digests(timezone.localdate())


@task()
def check_links_task():
    """Check every external link on published pages (nightly; cron: `manage.py check_links`)."""
    summary = run_link_check()
    return {"pages": summary.pages, "links": summary.links, "broken": summary.broken}
