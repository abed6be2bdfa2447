"""Link health results (links.py fills them): one row per URL, and where each URL appears."""

from django.db import models


class LinkCheck(models.Model):
    """The latest result for one URL found on live pages."""

    url = models.CharField(max_length=2000, unique=True)
    ok = models.BooleanField(null=True, help_text="Empty until the link has been checked.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.CharField(max_length=2000, blank=True, help_text="Where the redirects, if any, ended.")
    redirect_chain = models.JSONField(default=list, blank=True, help_text="Each hop: its URL and status.")
    error = models.CharField(max_length=255, blank=True)
    first_failure_at = models.DateTimeField(
        null=True, blank=True, help_text="When it first failed since it last worked."
    )
    last_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["url"]
        verbose_name = "link check"
        indexes = [models.Index(fields=["ok", "first_failure_at"], name="directory_link_ok_idx")]

    def __str__(self):
        return self.url

    @property
    def redirected(self):
        return bool(self.redirect_chain)

    @property
    def result_text(self):
        if self.ok is None:
            return "Not checked yet"
        if self.ok:
            return f"Works ({self.status_code})" + (f", redirects to {self.final_url}" if self.redirected else "")
        return self.error or f"Broken ({self.status_code})"


class LinkOccurrence(models.Model):
    """One place a URL appears: a page and where on it (a field, a contact, a block)."""

    link = models.ForeignKey(LinkCheck, on_delete=models.CASCADE, related_name="occurrences")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    where = models.CharField(max_length=255)

    class Meta:
        ordering = ["page_id", "where"]
        constraints = [
            models.UniqueConstraint(fields=["link", "page", "where"], name="directory_link_occurrence_unique")
        ]

    def __str__(self):
        return f"{self.link.url} on page {self.page_id} ({self.where})"
