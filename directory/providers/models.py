"""Providers keeping their own listings right (issue 12): the private provider contact of a service, each
"is this still right?" request sent to it, and the changes providers propose for an officer to accept or reject.

Private, all of it: no public page, the Open Referral API, a public export, the search index or a log reads these
models. Their __str__ names the service and the row's number, never a name or an email address (it appears in admin
logs and messages)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..services.models import ServicePage


def _new_nonce() -> str:
    return secrets.token_urlsafe(16)


class ProviderContact(models.Model):
    """Who at the provider keeps a service's listing right. Private: never shown on the public page (a public
    contact route belongs in the service's Contacts), never sent in open data."""

    service = models.OneToOneField(ServicePage, on_delete=models.CASCADE, related_name="provider_contact")
    name = models.CharField("provider contact's name", max_length=120)
    email = models.EmailField(
        "provider contact's email",
        help_text="Where we send the yearly 'is this still right?' email. Never published.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "provider contact"
        ordering = ["service__title"]

    def __str__(self):
        return f"Provider contact for {self.service.title}"


class ReviewRequest(models.Model):
    """One "is this still right?" email to a service's provider, and what came of it. Its link works once, for
    PROVIDER_LINK_DAYS days from `sent_at`, for this service and this email address only."""

    ANSWER_CONFIRMED, ANSWER_PROPOSED = "confirmed", "proposed"
    ANSWERS = [(ANSWER_CONFIRMED, "Confirmed it is all still right"), (ANSWER_PROPOSED, "Proposed changes")]

    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="provider_review_requests")
    email = models.EmailField("sent to")
    nonce = models.CharField(max_length=40, default=_new_nonce, editable=False)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=20, choices=ANSWERS, blank=True)

    class Meta:
        verbose_name = "provider review request"
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Review request {self.pk} for {self.service.title}"

    @property
    def expires_at(self):
        return self.sent_at + timedelta(days=settings.PROVIDER_LINK_DAYS)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    @property
    def days_to_answer(self):
        return (self.used_at - self.sent_at).total_seconds() / 86400 if self.used_at else None


class ProposedChange(models.Model):
    """What a provider asked to change, waiting for an officer. Nothing of it is published until an officer
    accepts it (all of it or some fields), which makes a new revision of the page through its normal workflow.

    `proposed` holds the form's values in the shape of `changes.snapshot(page)`; `base` is the page as the provider
    saw it (the snapshot of `base_revision`), so an officer's edit since then is found and shown, never overwritten
    blindly."""

    STATUS_PENDING, STATUS_ACCEPTED, STATUS_PARTLY = "pending", "accepted", "partly_accepted"
    STATUS_REJECTED = "rejected"
    STATUSES = [
        (STATUS_PENDING, "Waiting for an officer"),
        (STATUS_ACCEPTED, "Accepted"),
        (STATUS_PARTLY, "Partly accepted"),
        (STATUS_REJECTED, "Rejected"),
    ]

    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="proposed_changes")
    review_request = models.ForeignKey(
        ReviewRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposed_changes"
    )
    provider_name = models.CharField(max_length=120, blank=True)
    provider_email = models.EmailField(blank=True)
    base_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    base = models.JSONField(default=dict)
    proposed = models.JSONField(default=dict)
    note = models.TextField("provider's note", blank=True)
    status = models.CharField(max_length=20, choices=STATUSES, default=STATUS_PENDING, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_fields = models.JSONField(default=list, blank=True)
    rejection_reason = models.TextField(blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "proposed change"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Proposed change {self.pk} to {self.service.title}"

    @property
    def is_pending(self):
        return self.status == self.STATUS_PENDING
