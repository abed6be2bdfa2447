"""Background tasks for SENCO submissions (django-tasks): checking a new submission's link, in the worker rather
than in the SENCO's request. Queued by views.py; the emails are queued by submissions.py itself."""

from django_tasks import task

from .models import SencoSubmission
from .submissions import record_link_check


@task()
def check_submission_link(submission_id: int, base_url: str | None) -> bool | None:
    """Check a new SENCO submission's link, then approve it automatically if the settings allow. Returns whether
    the link loaded (None if the submission has gone)."""
    submission = SencoSubmission.objects.select_related("school").filter(pk=submission_id).first()
    if submission is None:
        return None
    return record_link_check(submission, base_url).link_loaded
