"""Comments on the Local Offer (regulation 56), and the annual "you said, we did" report that answers them.

A comment is private: only officers see it, and only feedback officers see the name and email someone chose to
give. A report is public once published; it holds officers' summaries ("you said"), never raw comment text."""

import secrets
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from localoffer.pii import find_contact_details, find_names

FEEDBACK_OFFICERS_GROUP = "Feedback officers"
CONTACT_DETAILS_PERMISSION = "feedback.view_contact_details"
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: easy to read out on the phone
COMMENT_MAX_LENGTH = 2000


def can_see_contact_details(user):
    """Feedback officers (and superusers) see the names and emails people gave; nobody else does."""
    return bool(user and user.is_authenticated and user.has_perm(CONTACT_DETAILS_PERMISSION))


def new_reference():
    return "HYS-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Topic(models.TextChoices):
    QUALITY = "quality", "The quality of the support and services described"
    MISSING = "missing", "Support or services that are missing"
    ACCESSIBILITY = "accessibility", "How easy the information is to find, understand and use"
    DEVELOPMENT = "development", "How the Local Offer is written and reviewed, and how families take part"
    PAGE = "page", "A problem with a page on this website"
    OTHER = "other", "Something else"


class Role(models.TextChoices):
    PARENT = "parent", "A parent or carer"
    YOUNG_PERSON = "young_person", "A child or young person (up to 25)"
    PROFESSIONAL = "professional", "Someone who works with children and young people"
    OTHER = "other", "Someone else"
    NOT_SAID = "not_said", "Prefer not to say"


class Channel(models.TextChoices):
    ONLINE = "online", "Online form"
    FORUM = "forum", "Parent carer forum"
    EVENT = "event", "Events and drop-in sessions"
    SURVEY = "survey", "Surveys"
    OTHER = "other", "Email, phone or letter"


class Comment(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        REVIEWED = "reviewed", "Reviewed"
        EXCLUDED = "excluded", "Excluded"

    class ExclusionReason(models.TextChoices):
        VEXATIOUS = "vexatious", "Vexatious or abusive"
        ONE_PERSON = "one_person", "About the service one person received (sent to the complaints route)"
        SPAM = "spam", "Spam"

    reference = models.CharField(max_length=12, unique=True, editable=False)
    # A one-time token from the form: a second submission of the same form finds the first comment.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    received_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    channel = models.CharField("how it reached us", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    topic = models.CharField("about", max_length=20, choices=Topic.choices)
    body = models.TextField("comment", max_length=COMMENT_MAX_LENGTH)
    role = models.CharField("who commented", max_length=20, choices=Role.choices, default=Role.NOT_SAID)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="page"
    )
    page_title = models.CharField("page title when commented", max_length=255, blank=True)

    # Contact details: optional, never published, deleted on the retention schedule.
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    consent_to_contact = models.BooleanField("may contact", default=False)
    contact_details_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Moderation
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    theme = models.ForeignKey(
        "feedback.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text="The theme in a report that answers this comment.",
    )
    exclusion_reason = models.CharField(max_length=20, choices=ExclusionReason.choices, blank=True)
    exclusion_note = models.TextField(
        blank=True, help_text="Why it is excluded, and where it was sent (for example the complaints team)."
    )
    internal_notes = models.TextField(blank=True, help_text="Seen only by officers. Never published.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        permissions = [("view_contact_details", "Can see the names and emails people gave with comments")]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
            while Comment.objects.filter(reference=self.reference).exists():
                self.reference = new_reference()
        if self.theme_id and self.status == self.Status.NEW:
            self.status = self.Status.REVIEWED
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.status == self.Status.EXCLUDED:
            if not self.exclusion_reason:
                errors["exclusion_reason"] = "Choose why this comment is excluded."
            if self.theme_id:
                errors["theme"] = "An excluded comment cannot answer a theme. Remove the theme or the exclusion."
        elif self.exclusion_reason:
            errors["exclusion_reason"] = (
                "Only an excluded comment has a reason. Set the status to Excluded or clear it."
            )
        if self.theme_id and self.received_at:
            report = self.theme.report
            if not report.period_start <= timezone.localdate(self.received_at) <= report.period_end:
                errors["theme"] = (
                    f"Choose a theme from the report that covers {timezone.localdate(self.received_at):%-d %B %Y}."
                )
        if self.consent_to_contact and not self.email and not self.contact_details_deleted_at:
            errors["email"] = "Enter an email address, or untick 'may contact'."
        if errors:
            raise ValidationError(errors)

    @property
    def excerpt(self):
        text = " ".join(self.body.split())
        return text if len(text) <= 120 else text[:117].rstrip() + "..."

    @property
    def has_contact_details(self):
        return bool(self.name or self.email)

    def admin_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("feedback_comment:edit", args=[self.pk])


class BlockedSubmission(models.Model):
    """How many submissions the form turned away, per day and reason: spam is kept out of the inbox but counted.

    Nothing a blocked submission contained is kept."""

    class Reason(models.TextChoices):
        HONEYPOT = "honeypot", "Filled in the hidden field"
        TOO_FAST = "too_fast", "Sent too quickly after the form loaded"
        RATE_LIMITED = "rate_limited", "Too many comments from one place"
        BAD_TOKEN = "bad_token", "Form token missing or tampered with"

    day = models.DateField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "reason"]
        constraints = [models.UniqueConstraint(fields=["day", "reason"], name="feedback_blocked_day_reason")]
        verbose_name = "blocked submission count"

    def __str__(self):
        return f"{self.day}: {self.get_reason_display()} ({self.count})"


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Report.Status.PUBLISHED, published_at__isnull=False)

    def covering(self, day):
        """The report whose period holds `day` (periods may not overlap, so at most one)."""
        return self.filter(period_start__lte=day, period_end__gte=day)

    def overlapping(self, start, end):
        return self.filter(period_start__lte=end, period_end__gte=start)


class Report(PreviewableMixin, ClusterableModel):
    """One "you said, we did" report: what families told us in a period (normally a year), and what we did."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not on the website)"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text="For example: You said, we did: April 2025 to March 2026")
    slug = models.SlugField(
        unique=True,
        max_length=40,
        help_text="The last part of the web address, for example 2025-26.",
    )
    period_start = models.DateField("period from")
    period_end = models.DateField("period to")
    introduction = models.TextField(
        help_text="A short plain-English introduction. Separate paragraphs with a blank line."
    )
    how_we_asked = models.TextField(
        "how we asked for comments",
        help_text="How families could comment: the online form, forum meetings, events, surveys. The numbers for "
        "each are worked out from the comments.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            "Report",
        ),
        FieldPanel("introduction"),
        FieldPanel("how_we_asked"),
        HelpPanel(
            "Each theme answers a group of comments. Write 'you said' as your own summary: never copy a comment, "
            "and never include names, emails, phone numbers, postcodes or anything that could identify a child or "
            "family. A report with an email, phone number or postcode in a summary cannot be published."
        ),
        InlinePanel("themes", heading="Themes", label="Theme"),
        # Saving never publishes: "Publish..." at the top of the page checks the report and asks first.
        FieldPanel("status", heading="Status", read_only=True),
    ]

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            # A theme is dated by its report's period: a comment answers a theme of the report covering its date.
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="feedback_report_period_in_order"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The end of the period must be after its start."})
        if self.period_start and self.period_end:
            # One report covers each day, so each comment has one set of themes to choose from.
            other = Report.objects.overlapping(self.period_start, self.period_end).exclude(pk=self.pk).first()
            if other:
                raise ValidationError(
                    {
                        "period_start": f"This period overlaps '{other.title}' ({other.period_start:%-d %B %Y} to "
                        f"{other.period_end:%-d %B %Y}). Each day belongs to one report: change the dates."
                    }
                )

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        if self.status == self.Status.DRAFT:
            self.published_at = None
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None

    def get_absolute_url(self):
        return reverse("feedback:report", args=[self.slug])

    def publishing_problems(self, themes=None):
        """Why this report cannot be published: [(theme title, [kinds of contact detail found])]."""
        themes = self.themes.all() if themes is None else themes
        problems = []
        for theme in themes:
            found = find_contact_details(theme.you_said)
            if found:
                problems.append((theme.title, found))
        return problems

    def name_warnings(self, themes=None):
        """Themes whose summaries seem to name someone: [(theme title, [names])]. A warning for an officer to check,
        not a block: a name list cannot tell "Jo Bloggs" from a word every time."""
        themes = self.themes.all() if themes is None else themes
        warnings = []
        for theme in themes:
            names = list(dict.fromkeys(find_names(theme.title) + find_names(theme.you_said) + find_names(theme.we_did)))
            if names:
                warnings.append((theme.title, names))
        return warnings

    # Statistics: computed from the comments received in the period, spam left out.
    def comments(self):
        return Comment.objects.filter(
            received_at__date__gte=self.period_start, received_at__date__lte=self.period_end
        ).exclude(exclusion_reason=Comment.ExclusionReason.SPAM)

    @cached_property
    def statistics(self):
        rows = list(self.comments().values_list("topic", "role", "channel", "status", "exclusion_reason"))
        total = len(rows)

        def breakdown(index, choices):
            counts = Counter(row[index] for row in rows)
            return [
                {
                    "label": label,
                    "count": counts.get(value, 0),
                    "percent": round(100 * counts.get(value, 0) / total) if total else 0,
                }
                for value, label in choices
            ]

        excluded = Counter(row[4] for row in rows if row[3] == Comment.Status.EXCLUDED)
        return {
            "total": total,
            "by_topic": breakdown(0, Topic.choices),
            "by_role": breakdown(1, Role.choices),
            "by_channel": breakdown(2, Channel.choices),
            "vexatious": excluded.get(Comment.ExclusionReason.VEXATIOUS, 0),
            "one_person": excluded.get(Comment.ExclusionReason.ONE_PERSON, 0),
        }

    # Preview in the admin: the public template, with the form's unsaved content.
    def get_preview_template(self, request, mode_name):
        return "feedback/report_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(report=self, themes=list(self.themes.all()), stats=self.statistics, is_preview=True)
        return context


class ThemeQuerySet(models.QuerySet):
    def for_day(self, day):
        """The themes a comment received on `day` may answer: those of the report covering that day."""
        return self.filter(report__period_start__lte=day, report__period_end__gte=day)


class Theme(Orderable):
    class Status(models.TextChoices):
        DONE = "done", "Done"
        IN_PROGRESS = "in_progress", "In progress"
        PLANNED = "planned", "Planned"
        NOT_POSSIBLE = "not_possible", "Not possible"

    report = ParentalKey(Report, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(max_length=150, help_text="A short name, for example 'Waiting times for speech therapy'.")
    topic = models.CharField(max_length=20, choices=Topic.choices, blank=True)
    you_said = models.TextField(
        help_text="Your summary of what people told us. Never copy a comment; never name or identify anyone."
    )
    we_did = models.TextField("we did / we will", help_text="What we did, or will do, and by when.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    not_possible_reason = models.TextField(
        "why it is not possible", blank=True, help_text="Needed when the status is 'Not possible'."
    )

    objects = ThemeQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("topic"),
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldPanel("status"),
        FieldPanel("not_possible_reason"),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["report", "title"], name="feedback_theme_title_per_report")]

    def __str__(self):
        return f"{self.report.slug}: {self.title}" if self.report_id else self.title

    def clean(self):
        if self.status == self.Status.NOT_POSSIBLE and not self.not_possible_reason.strip():
            raise ValidationError({"not_possible_reason": "Say why this is not possible."})

    @property
    def status_tag(self):
        return {
            "done": "tag--green",
            "in_progress": "tag--blue",
            "planned": "tag--purple",
            "not_possible": "tag--grey",
        }[self.status]

    @cached_property
    def comment_count(self):
        if not self.pk:
            return 0
        return self.comments.exclude(status=Comment.Status.EXCLUDED).count()
