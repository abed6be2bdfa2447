"""What importing another directory's Open Referral UK feed remembers (importer.py does the work):

- `FeedImport`: one run (the feed's address, who asked, when, how it went, and its report), shown in the admin;
- `ImportedService`: which of our service pages came from which feed record, keyed by the feed's address and its
  service id, with what the feed said and what the import wrote the last time, so a run after it knows whether the
  feed changed and whether an officer changed the page here since (then it reports a conflict, never overwrites);
- `SpreadsheetImport`: a services spreadsheet an officer uploaded (spreadsheet.py), its preview and, once applied
  (a background task), its progress and what was saved;
- `TermMapping`: what each of a feed's taxonomy terms means here (one of our need types or categories, one of our
  fixed choices, or nothing), edited by officers in the admin; terms not yet mapped are listed in each report."""

from django.conf import settings
from django.db import models

from ..services.models import ServicePage
from ..taxonomy.models import NeedType, ServiceCategory
from .taxonomies import FIXED_TERMS

FIXED_CHOICES = [(f"{term.kind}:{term.value}", f"{term.taxonomy.name}: {term.name}") for term in FIXED_TERMS]


class FeedImport(models.Model):
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Waiting to start"), (RUNNING, "Importing"), (DONE, "Done"), (FAILED, "Failed")]

    url = models.URLField("feed address", max_length=2000)
    area = models.CharField(max_length=20, help_text="Where the feed's services are, unless the feed says.")
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Open Referral import"

    def __str__(self) -> str:
        return f"{self.url} ({self.created_at:%d %b %Y %H:%M})" if self.created_at else self.url


class ImportedService(models.Model):
    page = models.OneToOneField(ServicePage, on_delete=models.CASCADE, related_name="openreferral_source")
    source_url = models.URLField("feed address", max_length=2000)
    external_id = models.CharField("id in the feed", max_length=200)
    record_hash = models.CharField(max_length=64, help_text="The feed's record as last imported.")
    written_hash = models.CharField(max_length=64, help_text="The page's imported fields as the import wrote them.")
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source_url", "external_id"], name="openreferral_one_page_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.external_id} from {self.source_url}"


class TermMapping(models.Model):
    source_url = models.URLField("feed address", max_length=2000)
    external_id = models.CharField("term id in the feed", max_length=200)
    name = models.CharField("term", max_length=255)
    taxonomy = models.CharField("taxonomy in the feed", max_length=255, blank=True)
    need_type = models.ForeignKey(NeedType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    category = models.ForeignKey(ServiceCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fixed = models.CharField("tier, way to get it, delivery or area", max_length=60, blank=True, choices=FIXED_CHOICES)
    ignore = models.BooleanField(
        default=False, help_text="Tick if this term means nothing here (it is then not listed as unmapped)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source_url", "taxonomy", "name"]
        constraints = [models.UniqueConstraint(fields=["source_url", "external_id"], name="openreferral_one_mapping")]
        verbose_name = "Open Referral term mapping"

    def __str__(self) -> str:
        return f"{self.name} ({self.taxonomy})" if self.taxonomy else self.name

    @property
    def mapped(self) -> bool:
        return bool(self.need_type_id or self.category_id or self.fixed or self.ignore)


class SpreadsheetImport(models.Model):
    """A services spreadsheet an officer uploaded: its preview, then (once an officer applies it) the background
    task's progress and what was saved (tasks.apply_spreadsheet). `applied_rows` are the rows done so far, recorded
    in the same transaction as their changes, so a run started again from the top skips them."""

    PREVIEWED, QUEUED, RUNNING, DONE, FAILED = "preview", "queued", "running", "done", "failed"
    STATUSES = [
        (PREVIEWED, "Not applied"),
        (QUEUED, "Waiting to start"),
        (RUNNING, "Applying"),
        (DONE, "Done"),
        (FAILED, "Failed"),
    ]

    file_name = models.CharField(max_length=255)
    preview = models.JSONField(help_text="What the file would change, row by row, when it was uploaded.")
    status = models.CharField(max_length=10, choices=STATUSES, default=PREVIEWED)
    publish = models.BooleanField(default=True, help_text="Whether the officer asked for the changes to be published.")
    outcome = models.JSONField(null=True, blank=True, help_text="What was saved when the changes were applied.")
    applied_rows = models.JSONField(default=list, blank=True, help_text="The rows applied so far (their numbers).")
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "services spreadsheet import"

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent_done(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
