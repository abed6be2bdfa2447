"""Providers' updates in the demo: private provider contacts on some services, and the changes providers proposed
(a few waiting for an officer, one accepted and one rejected in the history), from providers.toml.

Idempotent: a contact is found by its service, a proposal by its service and status; loading again changes nothing.
An accepted proposal records what the page already says (its `before` is what it said when the provider started),
so the directory's own loader and this one never undo each other."""

from datetime import timedelta

from django.utils import timezone

from directory.models import ProposedChange, ProviderContact, ReviewRequest, ServicePage
from directory.providers import changes

from .. import content


def _page(slug):
    page = ServicePage.objects.filter(slug=slug).first()
    if page is None:
        raise content.DataError(f"demo/data/providers.toml names a service that is not in the demo: {slug}")
    return page


def _with(snapshot, values, venue=None):
    snapshot = {**snapshot, **values}
    if venue and snapshot["venues"]:
        snapshot["venues"] = [{**snapshot["venues"][0], **venue}, *snapshot["venues"][1:]]
    return snapshot


def load(stdout):
    data = content.providers()
    for spec in data.get("contact", []):
        page = _page(spec["service"])
        ProviderContact.objects.update_or_create(service=page, defaults={"name": spec["name"], "email": spec["email"]})
    now = timezone.now()
    made = 0
    for spec in data.get("proposal", []):
        page = _page(spec["service"])
        status = spec["status"]
        if ProposedChange.objects.filter(service=page, status=status).exists():
            continue
        contact = ProviderContact.objects.get(service=page)
        sent = now - timedelta(days=spec.get("days_ago", 1))
        request = ReviewRequest.objects.create(
            service=page,
            email=contact.email,
            sent_at=sent - timedelta(days=2),
            used_at=sent,
            answer=ReviewRequest.ANSWER_PROPOSED,
        )
        current = changes.snapshot(page)
        if status == ProposedChange.STATUS_ACCEPTED:
            base, proposed = _with(current, spec.get("before", {})), current
        else:
            base, proposed = current, _with(current, spec.get("changes", {}), spec.get("venue"))
        decided = status != ProposedChange.STATUS_PENDING
        ProposedChange.objects.create(
            service=page,
            review_request=request,
            provider_name=contact.name,
            provider_email=contact.email,
            base_revision=page.live_revision,
            base=base,
            proposed=proposed,
            note=spec.get("note", ""),
            status=status,
            created_at=sent,
            decided_at=sent + timedelta(days=1) if decided else None,
            accepted_fields=changes.changed_keys(base, proposed) if status == ProposedChange.STATUS_ACCEPTED else [],
            rejection_reason=spec.get("reason", ""),
            revision=page.live_revision if status == ProposedChange.STATUS_ACCEPTED else None,
        )
        made += 1
    stdout.write(f"Providers: {len(data.get('contact', []))} provider contacts, {made} proposed changes made.")
