"""SENCO submissions: a SENCO's request to set their school's SEN information report link (no account needed).

SENCO contact details live only on SencoSubmission, are never shown on a public page and never written to a log:
its __str__ names the school and the submission number, nothing else."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..models import SchoolPage


def _new_nonce():
    return secrets.token_urlsafe(16)


class SencoSubmission(models.Model):
    """A SENCO's request to set their school's SEN information report link. Private: never shown publicly."""

    STATUS_UNCONFIRMED, STATUS_PENDING = "unconfirmed", "pending"
    STATUS_APPROVED, STATUS_REJECTED, STATUS_SUPERSEDED = "approved", "rejected", "superseded"
    STATUSES = [
        (STATUS_UNCONFIRMED, "Waiting for the SENCO to confirm their email"),
        (STATUS_PENDING, "Waiting for an officer"),
        (STATUS_APPROVED, "Approved"),
        (STATUS_REJECTED, "Rejected"),
        (STATUS_SUPERSEDED, "Replaced by a later submission"),
    ]
    VIA_FORM, VIA_UPDATE_LINK = "form", "update_link"

    school = models.ForeignKey(SchoolPage, on_delete=models.CASCADE, related_name="senco_submissions")
    report_url = models.URLField("SEN information report link", max_length=2000)
    senco_name = models.CharField("SENCO name", max_length=120)
    senco_email = models.EmailField("SENCO work email")
    senco_phone = models.CharField("SENCO phone", max_length=40, blank=True)
    confirmed_authority = models.BooleanField("confirmed they may act for the school", default=False, editable=False)
    via = models.CharField(max_length=20, default=VIA_FORM, editable=False)

    status = models.CharField(max_length=20, choices=STATUSES, default=STATUS_UNCONFIRMED, db_index=True)
    link_loaded = models.BooleanField("link loaded when submitted", null=True, default=None, editable=False)
    link_status_code = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    link_error = models.CharField("link problem", max_length=255, blank=True, editable=False)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    email_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    auto_approved = models.BooleanField(default=False, editable=False)
    rejection_reason = models.TextField(blank=True)

    # Tokens: a random nonce inside each signed token; the token is refused once its "used" time is set.
    token_nonce = models.CharField(max_length=40, default=_new_nonce, editable=False)
    confirm_token_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    update_token_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "SENCO submission"

    def __str__(self):
        # No contact details here: this string appears in admin logs and messages.
        return f"{self.school.title} (URN {self.school.urn}): submission {self.pk}"

    @property
    def email_domain(self):
        return self.senco_email.rpartition("@")[2].lower()

    @property
    def email_matches_school(self):
        """True if the email's domain is the school website's domain or ends with it (head@mail.school.sch.uk)."""
        domain, school = self.email_domain, self.school.website_domain
        return bool(domain and school) and (domain == school or domain.endswith("." + school))

    @property
    def is_open(self):
        return self.status in (self.STATUS_UNCONFIRMED, self.STATUS_PENDING)
