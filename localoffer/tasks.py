from django.utils import timezone
from django_tasks import task

from .digest import send_digests


@task()
def send_weekly_digest():
    """Email each owning team what needs their attention. Run weekly (cron: `manage.py send_digest`)."""
    return send_digests(timezone.localdate())
