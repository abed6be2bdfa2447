"""Background tasks of the site shell: sending one email. Every email the site writes (SENCO confirmations and
outcomes, school reminders, the weekly digest) is queued through `send_email`, so the worker sends it and tries
again if the mail server fails, and a request never waits for the mail server.

The arguments (recipients, body) are kept in the task queue's table until the finished task is pruned (README,
"Scheduled jobs"); they are never logged."""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(subject: str, message: str, recipient_list: list[str], headers: dict[str, str] | None = None) -> int:
    """Send one plain-text email from DEFAULT_FROM_EMAIL, with any extra headers (List-Unsubscribe for the search
    alerts). Returns how many were sent (1)."""
    return EmailMessage(subject, message, None, recipient_list, headers=headers).send()
