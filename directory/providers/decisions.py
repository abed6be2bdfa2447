"""Proposed changes: made from the provider's form, accepted (all or some fields) or rejected by an officer.

Accepting writes the chosen fields onto the page's latest revision (so an officer's own edits since are kept) and
saves a new revision through the page's normal route, as the page editor would: published at once when the page is
live and the officer may publish it, else submitted to the page's moderation workflow, else left as a draft; when
the page already has unpublished edits, the accepted fields join that draft and nothing is published. The log says it was proposed by the
provider, and it counts as a review. A field an officer changed since the provider started is never written unless
the officer ticked it knowing both versions (`FieldDiff.conflict`, shown side by side)."""

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision

from localoffer.tasks import send_email

from ..services.models import ServicePage
from ..upkeep.reviews import mark_reviewed
from . import changes
from .models import ProposedChange, ProviderContact, ReviewRequest

logger = logging.getLogger(__name__)

ACCEPTED_ACTION = "directory.provider_change_accepted"
REJECTED_ACTION = "directory.provider_change_rejected"


class DecisionError(Exception):
    pass


def propose(
    request: ReviewRequest, proposed: changes.Snapshot, base_revision_id: int | None, note: str = ""
) -> ProposedChange:
    """Store the provider's form as a proposed change (nothing published). The base is the revision the provider
    saw: the one the form names, if it belongs to this page, else the live one."""
    page = ServicePage.objects.get(pk=request.service_id)
    base_revision = None
    if base_revision_id:
        base_revision = Revision.page_revisions.filter(pk=base_revision_id, object_id=str(page.pk)).first()
    base_revision = base_revision or page.live_revision
    base = changes.revision_snapshot(base_revision) or changes.snapshot(page)
    contact = ProviderContact.objects.filter(service=page).first()
    with transaction.atomic():
        ReviewRequest.objects.filter(pk=request.pk).update(answer=ReviewRequest.ANSWER_PROPOSED)
        change = ProposedChange.objects.create(
            service=page,
            review_request=request,
            provider_name=contact.name if contact else "",
            provider_email=request.email,
            base_revision=base_revision,
            base=base,
            proposed=proposed,
            note=note,
        )
    logger.info("Proposed change %s to service %s received", change.pk, page.pk)
    return change


def review(change: ProposedChange) -> list[changes.FieldDiff]:
    page = ServicePage.objects.get(pk=change.service_id)
    current_page, _revision = changes.latest(page)
    return changes.diff(change.base, change.proposed, changes.snapshot(current_page))


def _email(change: ProposedChange, template: str, subject: str, **context: object) -> None:
    if not change.provider_email:
        return
    context.update(change=change, service=change.service)
    body = render_to_string(f"directory/providers/email/{template}.txt", context)
    send_email.enqueue(subject, body, [change.provider_email])


def accept(
    change: ProposedChange,
    keys: list[str],
    user: User,
    confirm_conflicts: bool = False,
    reason: str = "",
) -> Revision:
    """Accept the chosen fields. Raises DecisionError when nothing is chosen, a key is unknown, or a field an officer
    changed since is chosen without confirm_conflicts."""
    with transaction.atomic():
        change = ProposedChange.objects.select_for_update().get(pk=change.pk)
        if not change.is_pending:
            raise DecisionError("This proposed change has already been decided.")
        diffs = {d.key: d for d in review(change)}
        if not keys:
            raise DecisionError("Choose at least one change to accept, or reject them all with a reason.")
        unknown = [key for key in keys if key not in diffs]
        if unknown:
            raise DecisionError("Some of the chosen changes are not part of this proposal.")
        conflicts = [diffs[key].label for key in keys if diffs[key].conflict]
        if conflicts and not confirm_conflicts:
            raise DecisionError(
                "These fields were changed here since the provider started: "
                + ", ".join(conflicts)
                + ". Compare both versions, then tick 'I have compared both versions' to replace them."
            )
        page = ServicePage.objects.get(pk=change.service_id)
        had_draft = page.has_unpublished_changes
        draft, _revision = changes.latest(page)
        changes.apply(draft, change.proposed, keys)
        draft.last_reviewed = timezone.localdate()
        revision = draft.save_revision(user=user, log_action=True, changed=True)
        # As the page editor would: an officer who may publish publishes a live page; one who may not submits it to
        # the page's moderation workflow; with neither, it stays a draft. Someone's unpublished edits are never
        # published with it: the accepted fields join that draft, for whoever is editing it to publish.
        moderated = False
        workflow = page.get_workflow()
        if had_draft:
            moderated = True
        elif page.live and page.permissions_for_user(user).can_publish():
            revision.publish(user=user)
        elif workflow is not None:
            workflow.start(ServicePage.objects.get(pk=page.pk), user)
            moderated = True
        page = ServicePage.objects.get(pk=page.pk)
        mark_reviewed(page, user)
        partly = len(keys) < len(diffs)
        change.status = ProposedChange.STATUS_PARTLY if partly else ProposedChange.STATUS_ACCEPTED
        change.accepted_fields = keys
        change.rejection_reason = reason.strip() if partly else ""
        change.decided_at = timezone.now()
        change.decided_by = user
        change.revision = revision
        change.save()
        log(
            instance=page,
            action=ACCEPTED_ACTION,
            user=user,
            data={"proposed_change": change.pk, "fields": [diffs[key].label for key in keys]},
        )
    _email(
        change,
        "accepted",
        f"Your changes to {change.service.title} on the Local Offer",
        partly=partly,
        accepted=[diffs[key].label for key in keys],
        reason=change.rejection_reason,
        moderated=moderated,
        page_url=f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{page.url or '/'}",
    )
    logger.info("Proposed change %s accepted (%s fields)", change.pk, len(keys))
    return revision


def reject(change: ProposedChange, reason: str, user: User) -> ProposedChange:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("Give a reason: the provider is told it.")
    with transaction.atomic():
        change = ProposedChange.objects.select_for_update().get(pk=change.pk)
        if not change.is_pending:
            raise DecisionError("This proposed change has already been decided.")
        change.status = ProposedChange.STATUS_REJECTED
        change.rejection_reason = reason
        change.decided_at = timezone.now()
        change.decided_by = user
        change.save(update_fields=["status", "rejection_reason", "decided_at", "decided_by"])
        log(instance=change.service, action=REJECTED_ACTION, user=user, data={"proposed_change": change.pk})
    _email(change, "rejected", f"Your changes to {change.service.title} on the Local Offer", reason=reason)
    logger.info("Proposed change %s rejected", change.pk)
    return change
