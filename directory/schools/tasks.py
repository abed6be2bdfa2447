"""Background tasks for schools (django-tasks). Schedule `manage.py send_school_reminders` daily or weekly."""

from django.conf import settings
from django_tasks import task

from .reminders import send_reminders
from .senco.submissions import purge_old_contact_details


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
