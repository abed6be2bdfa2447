"""Schools and settings (GUIDE.md section 5): a SchoolsIndexPage finder (slug "schools") with a SchoolPage per
school, college or setting, the officers' settings for SENCO submissions and reminders (the submissions
themselves: directory/schools/senco/models.py), and each GIAS file uploaded in the admin for the worker to import."""

from datetime import timedelta
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import linebreaks
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, Site
from wagtail.search import index

from localoffer.caching.pages import RememberedPageMixin
from localoffer.glossary.models import ExplainedPageMixin
from localoffer.models import ReviewedPageMixin
from localoffer.readability.panels import plain_english_panel
from localoffer.visibility import VisiblePageManager

from ..ages import MAX_AGE, MIN_AGE, age_range_text
from ..taxonomy.models import NeedType
from ..url_safety import FetchResult, check_public_url

AGE_VALIDATORS = [MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)]
URN_VALIDATORS = [
    MinValueValidator(100000, "A URN is a six-digit number, like 123456."),
    MaxValueValidator(999999, "A URN is a six-digit number, like 123456."),
]


def website_domain(url):
    """The registrable-ish host of a web address, without a leading www. ('' if none)."""
    try:
        host = (urlsplit(url or "").hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


class SchoolsIndexPage(RememberedPageMixin, ReviewedPageMixin, Page):
    """The schools and settings finder. There is one, under the home page, with slug "schools"."""

    intro = models.TextField(
        blank=True,
        help_text="One or two plain-English sentences above the finder, saying what families will find here.",
    )
    senco_help = models.TextField(
        "help for SENCOs",
        blank=True,
        help_text="Shown at the foot of the finder, next to the link SENCOs use to update their school's entry.",
    )

    max_count = 1
    parent_page_types = ["localoffer.HomePage"]
    subpage_types = ["directory.SchoolPage"]
    template = "directory/schools/schools_index_page.html"

    content_panels = [
        ReviewedPageMixin.review_status_panel,
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("senco_help"),
    ]
    promote_panels = Page.promote_panels + ReviewedPageMixin.review_panels

    class Meta:
        verbose_name = "schools and settings finder"

    views = None  # the finder's search (directory/schools/views.py), attached in DirectoryConfig.ready()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.school_finder_context(self, request))
        return context


class SchoolPage(RememberedPageMixin, ExplainedPageMixin, ReviewedPageMixin, Page):
    """One school, academy, special school, college, s41 institution or early years setting."""

    objects = VisiblePageManager()

    PHASE_EARLY_YEARS, PHASE_PRIMARY, PHASE_SECONDARY = "early_years", "primary", "secondary"
    PHASE_ALL_THROUGH, PHASE_POST16, PHASE_FE = "all_through", "post16", "fe"
    PHASES = [
        (PHASE_EARLY_YEARS, "Early years"),
        (PHASE_PRIMARY, "Primary"),
        (PHASE_SECONDARY, "Secondary"),
        (PHASE_ALL_THROUGH, "All-through"),
        (PHASE_POST16, "Post-16"),
        (PHASE_FE, "Further education"),
    ]
    TYPE_MAINTAINED, TYPE_ACADEMY = "maintained", "academy"
    TYPE_MAINTAINED_SPECIAL, TYPE_ACADEMY_SPECIAL = "maintained_special", "academy_special"
    TYPE_NON_MAINTAINED_SPECIAL, TYPE_S41 = "non_maintained_special", "independent_s41"
    TYPE_PRU, TYPE_EARLY_YEARS, TYPE_COLLEGE = "pru_ap", "early_years_provider", "post16_college"
    SCHOOL_TYPES = [
        (TYPE_MAINTAINED, "Maintained school"),
        (TYPE_ACADEMY, "Academy or free school"),
        (TYPE_MAINTAINED_SPECIAL, "Maintained special school"),
        (TYPE_ACADEMY_SPECIAL, "Academy special school"),
        (TYPE_NON_MAINTAINED_SPECIAL, "Non-maintained special school"),
        (TYPE_S41, "Independent school or college approved under section 41"),
        (TYPE_PRU, "Pupil referral unit or alternative provision"),
        (TYPE_EARLY_YEARS, "Early years provider"),
        (TYPE_COLLEGE, "Post-16 or further education college"),
    ]
    SPECIAL_TYPES = (TYPE_MAINTAINED_SPECIAL, TYPE_ACADEMY_SPECIAL, TYPE_NON_MAINTAINED_SPECIAL, TYPE_S41)
    # The kinds families choose between in the finder; each covers one or more of the types above.
    TYPE_GROUPS = [
        ("mainstream", "Mainstream school", (TYPE_MAINTAINED, TYPE_ACADEMY)),
        ("special", "Special school (including independent special schools)", SPECIAL_TYPES),
        ("alternative", "Pupil referral unit or alternative provision", (TYPE_PRU,)),
        ("early_years", "Early years setting", (TYPE_EARLY_YEARS,)),
        ("college", "College or post-16 provider", (TYPE_COLLEGE,)),
    ]
    PROVISION_NONE, PROVISION_RESOURCED, PROVISION_UNIT, PROVISION_BOTH = "", "resourced", "unit", "both"
    PROVISIONS = [
        (PROVISION_NONE, "None"),
        (PROVISION_RESOURCED, "Resourced provision"),
        (PROVISION_UNIT, "SEN unit"),
        (PROVISION_BOTH, "Resourced provision and SEN unit"),
    ]
    LINK_UNCHECKED, LINK_OK, LINK_BROKEN = "unchecked", "ok", "broken"
    LINK_STATUSES = [(LINK_UNCHECKED, "Not checked yet"), (LINK_OK, "Working"), (LINK_BROKEN, "Broken")]

    urn = models.PositiveIntegerField(
        "URN",
        unique=True,
        validators=URN_VALIDATORS,
        help_text="The school's unique reference number from Get Information about Schools: six digits.",
    )
    phase = models.CharField(max_length=20, choices=PHASES)
    school_type = models.CharField("type", max_length=30, choices=SCHOOL_TYPES)
    min_age = models.PositiveSmallIntegerField("youngest age", validators=AGE_VALIDATORS)
    max_age = models.PositiveSmallIntegerField("oldest age", validators=AGE_VALIDATORS)
    summary = models.TextField(
        blank=True,
        max_length=300,
        help_text="Optional: one or two plain-English sentences about the school, shown in the finder.",
    )
    provision = models.CharField(
        "resourced provision or SEN unit",
        max_length=20,
        choices=PROVISIONS,
        default=PROVISION_NONE,
        blank=True,
        help_text="A resourced provision or SEN unit is extra specialist support on the site of a mainstream school.",
    )
    provision_need_types = ParentalManyToManyField(
        NeedType,
        blank=True,
        related_name="school_provisions",
        verbose_name="needs the provision serves",
        help_text="Which needs the resourced provision or SEN unit is for.",
    )
    provision_details = models.TextField(
        blank=True, help_text="How many places, who decides who gets a place, and anything else families ask."
    )
    address = models.TextField(blank=True, help_text="The street address, one line per row. No postcode.")
    postcode = models.CharField(max_length=10, blank=True)
    local_authority = models.CharField(
        max_length=120,
        blank=True,
        help_text="The local authority the school is in, as Get Information about Schools names it.",
    )
    in_area = models.BooleanField(
        "in our area",
        default=True,
        help_text="Untick for schools in neighbouring areas that local children attend.",
    )
    website = models.URLField(max_length=500, blank=True, help_text="The school's own website, starting https://")
    phone = models.CharField("school phone", max_length=40, blank=True, help_text="The school office number.")
    is_closed = models.BooleanField(
        "closed", default=False, help_text="Set by the import when Get Information about Schools says it has closed."
    )

    sen_report_url = models.URLField(
        "SEN information report link",
        max_length=2000,
        blank=True,
        help_text="The page or document on the school's website where its SEN information report is.",
    )
    sen_report_confirmed_on = models.DateField(
        "date the school last confirmed the link",
        null=True,
        blank=True,
        help_text="Set when an officer approves a SENCO's submission.",
    )
    sen_report_status = models.CharField("link status", max_length=20, choices=LINK_STATUSES, default=LINK_UNCHECKED)
    sen_report_checked_at = models.DateTimeField("link last checked", null=True, blank=True)
    sen_report_error = models.CharField("what went wrong", max_length=255, blank=True)

    reminder_email = models.EmailField(
        blank=True,
        help_text="Where reminders to confirm the SEN information report link go when no SENCO has confirmed it. "
        "A school office address. Never shown on the site.",
    )
    last_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    gias_imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    parent_page_types = ["directory.SchoolsIndexPage"]
    subpage_types = []
    template = "directory/schools/school_page.html"

    content_panels = [
        ReviewedPageMixin.review_status_panel,
        *Page.content_panels,
        FieldPanel("urn"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("phase"), FieldPanel("school_type")], heading="Phase and type"),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading="Ages"),
        MultiFieldPanel(
            [
                FieldPanel("provision", widget=forms.RadioSelect),
                FieldPanel("provision_need_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("provision_details"),
            ],
            heading="Resourced provision or SEN unit",
        ),
        plain_english_panel(),
    ]
    contact_panels = [
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("website"),
        FieldPanel("phone"),
        FieldPanel("local_authority"),
        FieldPanel("in_area"),
        FieldPanel("is_closed"),
    ]
    report_panels = [
        HelpPanel(
            "SENCOs keep this link right through the public 'update your link' form; officers approve their "
            "submissions under Schools > SENCO submissions. You can also edit it here."
        ),
        FieldPanel("sen_report_url"),
        FieldPanel("sen_report_confirmed_on"),
        FieldRowPanel([FieldPanel("sen_report_status"), FieldPanel("sen_report_checked_at")], heading="Link check"),
        FieldPanel("sen_report_error"),
        FieldPanel("reminder_email"),
        *ReviewedPageMixin.review_panels,
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="School"),
            ObjectList(contact_panels, heading="Where and contact"),
            ObjectList(report_panels, heading="SEN information report"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("address"),
        index.SearchField("postcode"),
        index.SearchField("local_authority"),
        index.SearchField("provision_details"),
        index.SearchField("type_name"),
        index.SearchField("phase_name"),
        index.RelatedFields("provision_need_types", [index.SearchField("name")]),
        index.FilterField("urn"),
        index.FilterField("phase"),
        index.FilterField("school_type"),
        index.FilterField("min_age"),
        index.FilterField("max_age"),
        index.FilterField("in_area"),
        index.FilterField("is_closed"),
    ]

    class Meta:
        verbose_name = "school or setting"
        verbose_name_plural = "schools and settings"

    def clean(self):
        super().clean()
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = "The oldest age must be the same as or more than the youngest age."
        if self.sen_report_url:
            error = check_public_url(self.sen_report_url)
            if error:
                errors["sen_report_url"] = error
        if errors:
            raise ValidationError(errors)

    # For templates, filters and emails ----------------------------------------------------------------------

    def body_text_html(self, context=None):
        """The running text an officer writes for a school page (its summary is the lead, shown everywhere)."""
        return [("provision_details", linebreaks(self.provision_details, autoescape=True))]

    @property
    def age_text(self):
        return age_range_text(self.min_age, self.max_age)

    @property
    def type_name(self):
        return dict(self.SCHOOL_TYPES).get(self.school_type, "")

    @property
    def phase_name(self):
        return dict(self.PHASES).get(self.phase, "")

    @property
    def provision_name(self):
        return dict(self.PROVISIONS).get(self.provision, "") if self.provision else ""

    @property
    def address_one_line(self):
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())

    @property
    def is_special(self):
        return self.school_type in self.SPECIAL_TYPES

    @property
    def website_domain(self):
        return website_domain(self.website)

    @property
    def sen_report_is_stale(self):
        if not self.sen_report_confirmed_on:
            return True
        days = SchoolSettings.current().reminder_interval_days
        return (timezone.localdate() - self.sen_report_confirmed_on).days > days

    def record_link_check(self, result, when=None):
        """Store a url_safety.FetchResult as this school's link status (saved on the row, not as a revision)."""
        self.sen_report_status = self.LINK_OK if result.error is None else self.LINK_BROKEN
        self.sen_report_error = (result.error or "")[:255]
        self.sen_report_checked_at = when or timezone.now()
        SchoolPage.objects.filter(pk=self.pk).update(
            sen_report_status=self.sen_report_status,
            sen_report_error=self.sen_report_error,
            sen_report_checked_at=self.sen_report_checked_at,
        )

    @classmethod
    def record_link_results(cls, results):
        """The nightly link check's results ({url: CheckResult}) for every school whose SEN information report
        link is among them, so each school's own report and reminders stay current."""
        for school in cls.objects.filter(sen_report_url__in=list(results)):
            result = results[school.sen_report_url]
            school.record_link_check(
                FetchResult(result.status_code, result.final_url, None if result.ok else result.error)
            )


@register_setting(icon="group")
class SchoolSettings(BaseSiteSetting):
    """How SENCO submissions and reminders work. Officers change these under Settings."""

    auto_approve_matching_domain = models.BooleanField(
        "approve matching email domains automatically",
        default=False,
        help_text="Approve a SENCO's confirmed submission without an officer when their email address is on the "
        "school website's domain and the link loaded. Officers still see every change.",
    )
    reminder_interval_days = models.PositiveSmallIntegerField(
        "remind schools after (days)",
        default=365,
        validators=[MinValueValidator(30)],
        help_text="Email a school when its SEN information report link was last confirmed longer ago than this.",
    )
    broken_link_nudge_days = models.PositiveSmallIntegerField(
        "nudge schools with a broken link every (days)",
        default=120,
        validators=[MinValueValidator(14)],
        help_text="How often to remind a school whose link is broken. About 120 days is once a term.",
    )
    confirm_link_hours = models.PositiveSmallIntegerField(
        "email confirmation links last (hours)",
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )

    panels = [
        FieldPanel("auto_approve_matching_domain"),
        FieldPanel("reminder_interval_days"),
        FieldPanel("broken_link_nudge_days"),
        FieldPanel("confirm_link_hours"),
    ]

    class Meta:
        verbose_name = "schools and SENCO settings"

    @classmethod
    def current(cls):
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()


class GiasImport(models.Model):
    """A GIAS file uploaded in the admin, imported in the background (directory/schools/tasks.py): the file until it
    is imported, then its progress and report, for the status page officers watch. A dry run keeps its file (for a
    while: DRY_RUN_FILE_KEPT) so that the officer can run it for real from its report without uploading again."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Waiting to start"), (RUNNING, "Importing"), (DONE, "Done"), (FAILED, "Failed")]
    DRY_RUN_FILE_KEPT = timedelta(days=1)

    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    file_name = models.CharField(max_length=255)
    file_text = models.TextField(
        blank=True, help_text="The uploaded file, until it has been imported (or run for real, after a dry run)."
    )
    la_name = models.CharField("local authority", max_length=120)
    neighbours = models.JSONField("neighbouring local authorities", default=list, blank=True)
    dry_run = models.BooleanField(default=False, help_text="Only work out what the import would do; save nothing.")
    publish_new = models.BooleanField(
        "publish new schools", default=True, help_text="Publish new schools at once, or save them as drafts."
    )
    dry_run_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="real_runs",
        help_text="The dry run this import was run for real from.",
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    report = models.JSONField(null=True, blank=True, help_text="The import report: created, updated, rejected...")
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "GIAS import"

    def __str__(self):
        return f"GIAS import {self.pk} ({self.file_name}, {self.get_status_display().lower()})"

    @property
    def percent_done(self):
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def can_run_for_real(self):
        """A dry run that finished with a report, whose file is still kept and has not been run for real yet."""
        return self.dry_run and self.status == self.DONE and bool(self.file_text) and not self.report_fatal

    @property
    def report_fatal(self):
        return (self.report or {}).get("fatal", "")

    @classmethod
    def forget_old_dry_run_files(cls):
        """Dry runs keep their file for DRY_RUN_FILE_KEPT, to be run for real; then only their report."""
        cutoff = timezone.now() - cls.DRY_RUN_FILE_KEPT
        return cls.objects.filter(dry_run=True, created_at__lt=cutoff).exclude(file_text="").update(file_text="")
