"""Background tasks for schools (django-tasks). Schedule `manage.py send_school_reminders` daily or weekly."""

from django_tasks import task

from .schools_reminders import send_reminders


@task()
def send_school_reminders():
    """Email schools whose SEN information report link is stale or broken (see schools_reminders)."""
    return send_reminders().summary()
