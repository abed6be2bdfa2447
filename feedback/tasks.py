"""Background work for comments: tell feedback officers about a new comment, and delete contact details on the
retention schedule. Run by django-tasks (immediately unless TASKS_BACKEND names a queue)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from localoffer.pii import redact

from .models import FEEDBACK_OFFICERS_GROUP, Comment, Report


def feedback_officer_emails():
    users = get_user_model().objects.filter(is_active=True, groups__name=FEEDBACK_OFFICERS_GROUP).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


@task()
def notify_feedback_officers(comment_id):
    """One email per new comment. It never holds the commenter's name or email, and any email address, phone
    number or postcode typed into the comment itself is blanked out: officers read those in the admin."""
    comment = Comment.objects.filter(pk=comment_id).first()
    recipients = feedback_officer_emails()
    if comment is None or not recipients:
        return 0
    lines = [
        f"A new comment has arrived on the Local Offer: reference {comment.reference}.",
        "",
        f"About: {comment.get_topic_display()}",
        f"From: {comment.get_role_display()}",
    ]
    if comment.page_title:
        lines.append(f"Page: {comment.page_title}")
    lines += [
        f"Asked to be contacted: {'yes' if comment.consent_to_contact else 'no'}",
        "",
        redact(comment.body),
        "",
        f"Read it, and see any contact details, in the admin: {comment.admin_url()}",
    ]
    return send_mail(
        subject=f"New Local Offer comment {comment.reference}",
        message="\n".join(lines),
        from_email=None,
        recipient_list=recipients,
    )


def comments_due_for_deletion(now=None):
    """Comments still holding contact details that are past the retention schedule: a set time after the report
    covering them was published, or a maximum age whatever happens."""
    now = now or timezone.now()
    after_report = settings.FEEDBACK_CONTACT_DAYS_AFTER_REPORT
    due = Q(received_at__lt=now - timedelta(days=settings.FEEDBACK_CONTACT_MAX_AGE_DAYS))
    for start, end in (
        Report.objects.published()
        .filter(published_at__lte=now - timedelta(days=after_report))
        .values_list("period_start", "period_end")
    ):
        due |= Q(received_at__date__gte=start, received_at__date__lte=end)
    has_details = Q(name__gt="") | Q(email__gt="") | Q(consent_to_contact=True)
    return Comment.objects.filter(has_details).filter(due)


@task()
def delete_expired_contact_details():
    """Blank the name and email on every comment past the schedule; the comment and its counts stay."""
    now = timezone.now()
    return comments_due_for_deletion(now).update(
        name="", email="", consent_to_contact=False, contact_details_deleted_at=now, updated_at=now
    )
