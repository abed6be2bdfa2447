"""The words families filter by, managed by officers as snippets: areas of need, need types, service categories
and the organisations that run services. A data migration seeds the standard ones (GUIDE.md section 2)."""

from uuid import uuid4

from django import forms
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AreaOfNeed(index.Indexed, models.Model):
    """One of the four broad areas of need of the SEND Code of Practice."""

    # The term's id in the open data feed (Open Referral UK taxonomy terms, directory/openreferral/): never changes.
    uuid = models.UUIDField("Open Referral id", default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in web addresses of filtered lists. Lower case, no spaces."
    )
    description = models.TextField(blank=True, help_text="A plain-English explanation for families.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "area of need"
        verbose_name_plural = "areas of need"

    def __str__(self):
        return self.name


class NeedType(index.Indexed, models.Model):
    """A type of need families search by, such as autism or hearing impairment, under one area of need."""

    # The term's id in the open data feed (Open Referral UK taxonomy terms, directory/openreferral/): never changes.
    uuid = models.UUIDField("Open Referral id", default=uuid4, unique=True, editable=False)
    area = models.ForeignKey(
        AreaOfNeed,
        on_delete=models.PROTECT,
        related_name="need_types",
        help_text="The broad area of need this belongs to.",
    )
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in web addresses of filtered lists. Lower case, no spaces."
    )
    description = models.TextField(blank=True, help_text="A plain-English explanation for families.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [
        FieldPanel("area"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "need type"

    def __str__(self):
        return self.name


class ServiceCategory(index.Indexed, models.Model):
    """A kind of service, such as education, health or short breaks. A local authority may add its own."""

    # The term's id in the open data feed (Open Referral UK taxonomy terms, directory/openreferral/): never changes.
    uuid = models.UUIDField("Open Referral id", default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in web addresses of filtered lists. Lower case, no spaces."
    )
    description = models.TextField(blank=True, help_text="One sentence saying what services of this kind do.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    statutory_topics = models.ManyToManyField(
        "localoffer.StatutoryTopic",
        blank=True,
        related_name="service_categories",
        help_text="Which statutory topics live services in this category cover (for the coverage report).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("statutory_topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "service category"
        verbose_name_plural = "service categories"

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    """Who runs a service: a school, an NHS trust, a charity, a council team."""

    # The organisation's id in the open data feed (Open Referral UK, directory/openreferral/): never changes.
    uuid = models.UUIDField("Open Referral id", default=uuid4, unique=True, editable=False)
    PROVIDER_TYPES = [
        ("early_years", "Early years provider"),
        ("maintained_school", "Maintained school or its unit"),
        ("academy", "Academy or its unit"),
        ("non_maintained_special", "Non-maintained special school"),
        ("post16", "Post-16 institution (college or sixth form)"),
        ("s41", "Independent special school or college approved under section 41"),
        ("pru", "Pupil referral unit"),
        ("commissioned", "Provider the local authority commissions"),
        ("local_authority", "Local authority service"),
        ("health", "NHS or health provider"),
        ("voluntary", "Charity, voluntary or community group"),
        ("private", "Private or independent provider"),
        ("other", "Other"),
    ]

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True, help_text="The organisation's own website, starting https://")
    provider_type = models.CharField(
        max_length=30,
        choices=PROVIDER_TYPES,
        default="other",
        help_text="The kind of provider, from the list in the SEND Regulations (Schedule 2).",
    )

    panels = [FieldPanel("name"), FieldPanel("website"), FieldPanel("provider_type")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
