"""The life of a SENCO submission: submit, confirm the email, approve or reject, publish, update later.

Tokens (localoffer/tokens.py, the one token code) are signed over "<submission id>.<school id>.<random nonce>", one
salt per purpose. A token is refused when its signature is wrong, it is older than its purpose allows, its school does
not match (the URL names the school by URN), or it has been used (each purpose stores a "used" time). So a token
for school A can never change school B, and the same link never works twice.

Contact details go only into the submission row and the emails to the SENCO; nothing here logs them. Emails are
queued (localoffer.tasks.send_email) for the worker to send; the link check of a new submission runs in the worker
too (senco/tasks.py, queued by the views)."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal

from django.conf import settings
from django.contrib.auth.models import User  # the user model (AUTH_USER_MODEL is not swapped): decided_by points to it
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.search import index

from localoffer import tokens
from localoffer.tasks import send_email
from localoffer.tokens import TokenError

from ...url_safety import check_public_url, fetch_status
from ..models import SchoolPage, SchoolSettings
from .models import SencoSubmission

logger = logging.getLogger(__name__)

CONFIRM_SALT = "directory.senco.confirm"
UPDATE_SALT = "directory.senco.update"
CONFIRM: Final = "confirm"
UPDATE: Final = "update"
Purpose = Literal["confirm", "update"]


def make_token(submission: SencoSubmission, purpose: Purpose) -> str:
    salt = CONFIRM_SALT if purpose == CONFIRM else UPDATE_SALT
    return tokens.make(salt, submission.pk, submission.school_id, submission.token_nonce)


def read_token(token: str, purpose: Purpose, urn: int) -> SencoSubmission:
    """The submission a token belongs to, if it is genuine, in date, unused and for the school with this URN."""
    salt, max_age = (
        (CONFIRM_SALT, SchoolSettings.current().confirm_link_hours * 3600)
        if purpose == CONFIRM
        else (UPDATE_SALT, settings.SENCO_UPDATE_LINK_MAX_AGE)
    )
    pk, school_id, nonce = tokens.read(token, salt, max_age, parts=3)
    try:
        submission = SencoSubmission.objects.select_related("school").get(pk=int(pk))
    except (ValueError, SencoSubmission.DoesNotExist):
        raise TokenError("invalid") from None
    if (
        str(submission.school_id) != school_id
        or not tokens.same(submission.token_nonce, nonce)
        or submission.school.urn != urn
    ):
        raise TokenError("invalid")
    used = submission.confirm_token_used_at if purpose == CONFIRM else submission.update_token_used_at
    if used is not None:
        raise TokenError("used")
    if purpose == UPDATE and submission.status != SencoSubmission.STATUS_APPROVED:
        raise TokenError("invalid")
    return submission


def _claim(submission: SencoSubmission, field: str) -> bool:
    """Mark a token used, once: False if another request got there first."""
    return tokens.claim(SencoSubmission, submission.pk, field)


# Emails ------------------------------------------------------------------------------------------------------


def absolute(base_url: str | None, path: str) -> str:
    return f"{(base_url or settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{path}"


def _send(template: str, submission: SencoSubmission, subject: str, base_url: str | None, **context: object) -> None:
    context.update(submission=submission, school=submission.school, base_url=base_url)
    body = render_to_string(f"directory/schools/email/{template}.txt", context)
    send_email.enqueue(subject, body, [submission.senco_email])


def confirm_url(submission: SencoSubmission, base_url: str | None) -> str:
    path = reverse("senco_confirm", args=[submission.school.urn, make_token(submission, CONFIRM)])
    return absolute(base_url, path)


def update_url(submission: SencoSubmission, base_url: str | None) -> str:
    path = reverse("senco_update", args=[submission.school.urn, make_token(submission, UPDATE)])
    return absolute(base_url, path)


def send_confirmation_email(submission: SencoSubmission, base_url: str | None) -> None:
    _send(
        "confirm",
        submission,
        f"Confirm your email to update {submission.school.title}'s SEN information report link",
        base_url,
        confirm_url=confirm_url(submission, base_url),
        hours=SchoolSettings.current().confirm_link_hours,
    )


def send_outcome_email(submission: SencoSubmission, base_url: str | None) -> None:
    if submission.status == SencoSubmission.STATUS_APPROVED:
        _send(
            "approved",
            submission,
            f"{submission.school.title}'s SEN information report link is updated",
            base_url,
            update_url=update_url(submission, base_url),
            page_url=absolute(base_url, submission.school.url or "/"),
        )
    else:
        _send(
            "rejected",
            submission,
            f"We could not update {submission.school.title}'s SEN information report link",
            base_url,
            start_url=absolute(base_url, reverse("senco_form", args=[submission.school.urn])),
        )


# The steps ---------------------------------------------------------------------------------------------------


@dataclass
class LinkCheck:
    loaded: bool
    status: int | None
    error: str


def check_link(url: str) -> LinkCheck:
    status, _final_url, error = fetch_status(url, timeout=settings.SENCO_LINK_CHECK_TIMEOUT)
    return LinkCheck(loaded=error is None, status=status, error=error or "")


def create_submission(
    school: SchoolPage,
    cleaned_data: Mapping[str, Any],
    base_url: str | None,
    via: str = SencoSubmission.VIA_FORM,
    parent: SencoSubmission | None = None,
) -> SencoSubmission:
    """Store a new submission and email the SENCO a confirmation link. Its link is not checked yet: the caller queues
    check_submission_link (senco/tasks.py), which runs record_link_check.

    A submission through a private update link has already proved its email address: it goes straight to the
    officer instead (or is approved automatically once its link has been checked)."""
    error = check_public_url(cleaned_data["report_url"])
    if error:  # the form checks this too; never store an unsafe address
        raise ValueError(error)
    submission = SencoSubmission.objects.create(
        school=school,
        report_url=cleaned_data["report_url"],
        senco_name=cleaned_data["senco_name"],
        senco_email=cleaned_data["senco_email"],
        senco_phone=cleaned_data.get("senco_phone", ""),
        confirmed_authority=True,
        via=via,
        parent=parent,
    )
    if via == SencoSubmission.VIA_FORM:
        send_confirmation_email(submission, base_url)
    else:
        submission.email_confirmed_at = timezone.now()
        submission.confirm_token_used_at = submission.email_confirmed_at
        submission.status = SencoSubmission.STATUS_PENDING
        submission.save(update_fields=["email_confirmed_at", "confirm_token_used_at", "status"])
    logger.info("SENCO submission %s for URN %s received", submission.pk, school.urn)
    return submission


def record_link_check(submission: SencoSubmission, base_url: str | None) -> SencoSubmission:
    """Check a submission's link now and keep what was found; then, if it is waiting for an officer, approve it
    automatically when the settings allow (the SENCO may have confirmed their email before the check finished)."""
    check = check_link(submission.report_url)
    SencoSubmission.objects.filter(pk=submission.pk).update(
        link_loaded=check.loaded, link_status_code=check.status, link_error=check.error[:255]
    )
    submission.refresh_from_db()
    logger.info("SENCO submission %s: link checked (loaded: %s)", submission.pk, check.loaded)
    maybe_auto_approve(submission, base_url)
    return submission


def confirm_email(submission: SencoSubmission, base_url: str | None) -> SencoSubmission:
    """The SENCO followed their confirmation link and pressed the button. Returns the submission, or raises
    TokenError("used") if the link was used already."""
    with transaction.atomic():
        if not _claim(submission, "confirm_token_used_at"):
            raise TokenError("used")
        submission.refresh_from_db()
        submission.email_confirmed_at = timezone.now()
        submission.status = SencoSubmission.STATUS_PENDING
        submission.save(update_fields=["email_confirmed_at", "status"])
    maybe_auto_approve(submission, base_url)
    submission.refresh_from_db()
    return submission


def claim_update_token(submission: SencoSubmission) -> None:
    if not _claim(submission, "update_token_used_at"):
        raise TokenError("used")


def maybe_auto_approve(submission: SencoSubmission, base_url: str | None) -> bool:
    if (
        SchoolSettings.current().auto_approve_matching_domain
        and submission.status == SencoSubmission.STATUS_PENDING
        and submission.link_loaded
        and submission.email_matches_school
    ):
        try:
            approve(submission, user=None, base_url=base_url, auto=True)
        except DecisionError:
            return False  # for example the address now resolves somewhere private: an officer decides
        return True
    return False


class DecisionError(Exception):
    pass


LINK_STATUS_AFTER_CHECK: dict[bool | None, str] = {
    True: SchoolPage.LINK_OK,
    False: SchoolPage.LINK_BROKEN,
    None: SchoolPage.LINK_UNCHECKED,
}

SCHOOL_LINK_FIELDS = (
    "sen_report_url",
    "sen_report_confirmed_on",
    "sen_report_status",
    "sen_report_checked_at",
    "sen_report_error",
)


def publish_link(school: SchoolPage, submission: SencoSubmission, user: User | None = None) -> SchoolPage:
    """Put the approved link on the school page: the live page now, with a revision that records the change.

    If an officer has unpublished edits to the page, they stay a draft (with the new link in it too)."""
    now = timezone.now()
    values = {
        "sen_report_url": submission.report_url,
        "sen_report_confirmed_on": timezone.localdate(),
        # Unchecked if an officer approved it before its link check had run.
        "sen_report_status": LINK_STATUS_AFTER_CHECK[submission.link_loaded],
        "sen_report_checked_at": now if submission.link_loaded is not None else None,
        "sen_report_error": submission.link_error,
    }
    school = SchoolPage.objects.get(pk=school.pk)
    if school.has_unpublished_changes and school.latest_revision_id:
        SchoolPage.objects.filter(pk=school.pk).update(**values)
        draft = school.get_latest_revision_as_object()
        for name, value in values.items():
            setattr(draft, name, value)
        draft.save_revision(user=user, changed=True)
    else:
        for name, value in values.items():
            setattr(school, name, value)
        school.save_revision(user=user, changed=True).publish(user=user)
    school = SchoolPage.objects.get(pk=school.pk)
    index.insert_or_update_object(school)
    return school


def approve(
    submission: SencoSubmission,
    user: User | None = None,
    base_url: str | None = None,
    auto: bool = False,
) -> SencoSubmission:
    with transaction.atomic():
        submission = SencoSubmission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != SencoSubmission.STATUS_PENDING:
            raise DecisionError("Only a submission waiting for an officer can be approved.")
        error = check_public_url(submission.report_url)
        if error:
            raise DecisionError(f"This link cannot be used: {error}.")
        submission.status = SencoSubmission.STATUS_APPROVED
        submission.decided_at = timezone.now()
        submission.decided_by = user
        submission.auto_approved = auto
        submission.save(update_fields=["status", "decided_at", "decided_by", "auto_approved"])
        publish_link(submission.school, submission, user=user)
        # Earlier open submissions for the same school are overtaken by this one.
        SencoSubmission.objects.filter(
            school=submission.school,
            status__in=[SencoSubmission.STATUS_UNCONFIRMED, SencoSubmission.STATUS_PENDING],
            created_at__lt=submission.created_at,
        ).update(status=SencoSubmission.STATUS_SUPERSEDED)
    submission.school.refresh_from_db()
    send_outcome_email(submission, base_url)
    logger.info("SENCO submission %s approved%s", submission.pk, " automatically" if auto else "")
    return submission


def reject(
    submission: SencoSubmission,
    reason: str | None,
    user: User | None = None,
    base_url: str | None = None,
) -> SencoSubmission:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("Give a reason: the SENCO is told it.")
    with transaction.atomic():
        submission = SencoSubmission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != SencoSubmission.STATUS_PENDING:
            raise DecisionError("Only a submission waiting for an officer can be rejected.")
        submission.status = SencoSubmission.STATUS_REJECTED
        submission.rejection_reason = reason
        submission.decided_at = timezone.now()
        submission.decided_by = user
        submission.save(update_fields=["status", "rejection_reason", "decided_at", "decided_by"])
    send_outcome_email(submission, base_url)
    logger.info("SENCO submission %s rejected", submission.pk)
    return submission


REMOVED_NAME = "(removed)"
REMOVED_EMAIL = "removed@invalid.invalid"


def purge_old_contact_details(now: datetime | None = None) -> int:
    """Remove SENCOs' names, emails and phones once they are no longer needed: submissions that were rejected,
    replaced or never confirmed, older than the retention period, and approved ones that a later approval for the
    same school has replaced. The latest approved submission per school is kept (reminders go to it). Returns how
    many submissions were cleared."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SENCO_CONTACT_RETENTION_DAYS)
    old = SencoSubmission.objects.filter(created_at__lt=cutoff).exclude(senco_email=REMOVED_EMAIL)
    latest_approved: dict[int, int] = {}
    for pk, school_id in (
        SencoSubmission.objects.filter(status=SencoSubmission.STATUS_APPROVED)
        .order_by("school_id", "-decided_at", "-pk")
        .values_list("pk", "school_id")
    ):
        latest_approved.setdefault(school_id, pk)
    to_clear = old.exclude(pk__in=latest_approved.values()).exclude(
        status=SencoSubmission.STATUS_PENDING  # an officer has yet to decide
    )
    return to_clear.update(senco_name=REMOVED_NAME, senco_email=REMOVED_EMAIL, senco_phone="")
