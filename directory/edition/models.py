"""The printed edition: a document of the directory's services that family hubs and libraries print, made by the
worker (make.py) from sections an officer chooses, and stored as made (a clean HTML print view)."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..ages import AGE_BAND_CHOICES
from ..taxonomy.models import AreaOfNeed, ServiceCategory


class ArrangeBy(models.TextChoices):
    CATEGORY = "category", "Kind of service"
    AREA_OF_NEED = "area_of_need", "Area of need"
    AGE_BAND = "age_band", "Age group"


class PrintedEditionForm(WagtailAdminModelForm):
    age_bands = forms.MultipleChoiceField(
        label="Age groups", choices=AGE_BAND_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )


class PrintedEdition(ClusterableModel):
    title = models.CharField(max_length=200, help_text="For example: 'Services for families in Northbrook'.")
    slug = models.SlugField(unique=True, help_text="Its address: /print/<slug>/.")
    introduction = models.TextField(blank=True, help_text="A few plain-English sentences for the first page.")
    arrange_by = models.CharField(
        "sections",
        max_length=20,
        choices=ArrangeBy.choices,
        default=ArrangeBy.CATEGORY,
        help_text="One section for each kind of service, area of need or age group you choose below (all of them "
        "if you choose none). The other choices narrow every section.",
    )
    categories = ParentalManyToManyField(ServiceCategory, blank=True, related_name="+")
    areas_of_need = ParentalManyToManyField(AreaOfNeed, blank=True, related_name="+")
    age_bands = models.JSONField("age groups", default=list, blank=True)

    # Made by the worker: the document as it was made, when, and how many services it holds.
    html = models.TextField(blank=True, editable=False)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    made_at = models.DateTimeField(null=True, blank=True, editable=False)
    service_count = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("arrange_by"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("areas_of_need", widget=forms.CheckboxSelectMultiple),
                FieldPanel("age_bands"),
            ],
            heading="What goes in",
        ),
    ]

    base_form_class = PrintedEditionForm

    class Meta:
        verbose_name = "printed edition"
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def age_band_labels(self):
        labels = dict(AGE_BAND_CHOICES)
        return [labels[slug] for slug in self.age_bands if slug in labels]
