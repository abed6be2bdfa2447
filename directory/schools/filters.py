"""The schools finder's filters (django-filter): a plain GET form, so every result list has a shareable address.

Bad values never cause an error page: the form reports them (GOV.UK error summary) and that filter is ignored."""

import re

import django_filters
from django import forms
from django.db.models import Q

from localoffer.search_words import SearchWordsField

from ..ages import MAX_AGE, MIN_AGE
from ..places.forms import DEFAULT_DISTANCE, DistanceFilter, PostcodeFilter
from ..places.postcodes import is_full_postcode, normalise_postcode
from ..taxonomy.models import NeedType
from .models import SchoolPage

KEYWORD_MAX_LENGTH = 120
AREA_CHOICES = [("", "Anywhere"), ("in", "In our area"), ("out", "Outside our area")]
TYPE_GROUP_CHOICES = [(slug, label) for slug, label, _types in SchoolPage.TYPE_GROUPS]
TYPE_GROUP_TYPES = {slug: types for slug, _label, types in SchoolPage.TYPE_GROUPS}
AGE_ERROR = f"Enter an age in years, from {MIN_AGE} to {MAX_AGE}, like 12"


class AgeField(forms.CharField):
    """An age in whole years (12) or a range of ages (11-16)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = re.fullmatch(r"\s*(\d{1,2})\s*(?:(?:-|to)\s*(\d{1,2})\s*)?", value)
        if not match:
            raise forms.ValidationError(AGE_ERROR)
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else low
        if not (MIN_AGE <= low <= MAX_AGE and MIN_AGE <= high <= MAX_AGE) or low > high:
            raise forms.ValidationError(AGE_ERROR)
        return (low, high)


class AgeFilter(django_filters.Filter):
    """Schools whose ages overlap the age or range given: a range matches every school serving any age in it (as
    an age band matches services, ages.AgeBand.q), not only those serving all of it."""

    field_class = AgeField

    def filter(self, qs, value):
        if not value:
            return qs
        low, high = value
        return qs.filter(min_age__lte=high, max_age__gte=low)


def postcode_q(text):
    """The schools at the full postcode typed, however it was typed ("nb44er" is NB4 4ER, as stored), or None if
    the text is not a full postcode."""
    postcode = normalise_postcode(text)
    return Q(postcode__iexact=postcode) if postcode and is_full_postcode(postcode) else None


def need_choices():
    return [(need.slug, need.name) for need in NeedType.objects.order_by("sort_order", "name")]


class SearchWordsFilter(django_filters.CharFilter):
    field_class = SearchWordsField


class SchoolFilter(django_filters.FilterSet):
    q = SearchWordsFilter(
        label="School name, town or postcode",
        method="filter_keyword",
        max_length=KEYWORD_MAX_LENGTH,
        help_text="Or the school's URN.",
        error_messages={"max_length": f"Enter {KEYWORD_MAX_LENGTH} characters or fewer"},
    )
    age = AgeFilter(
        label="Age of the child or young person",
        help_text="In years, like 12.",
        max_length=5,
        error_messages={"max_length": AGE_ERROR},
    )
    type = django_filters.MultipleChoiceFilter(
        label="Type of school or setting",
        choices=TYPE_GROUP_CHOICES,
        method="filter_type",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a type of school from the list"},
    )
    phase = django_filters.MultipleChoiceFilter(
        label="Phase",
        choices=SchoolPage.PHASES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a phase from the list"},
    )
    provision = django_filters.BooleanFilter(
        label="Only schools with a resourced provision or SEN unit",
        method="filter_provision",
        widget=forms.CheckboxInput,
    )
    need = django_filters.MultipleChoiceFilter(
        label="Resourced provision or SEN unit for",
        choices=need_choices,
        method="filter_need",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a need from the list"},
    )
    area = django_filters.ChoiceFilter(
        label="Where",
        choices=AREA_CHOICES[1:],
        empty_label=None,
        method="filter_area",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose in our area, outside our area or anywhere"},
    )

    # Near a postcode: cleaned here, applied by the view (views.near_schools), which orders by distance.
    postcode = PostcodeFilter(label="Postcode", method="keep")
    distance = DistanceFilter(label="Distance", method="keep")

    class Meta:
        model = SchoolPage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area = self.form.fields["area"]
        area.choices = AREA_CHOICES
        area.required = False

    def keep(self, qs, name, value):
        return qs

    @property
    def near(self):
        """(where, miles) when a usable postcode or district was given, else None."""
        cleaned = getattr(self.form, "cleaned_data", {})
        place = cleaned.get("postcode")
        return (place, cleaned.get("distance") or DEFAULT_DISTANCE) if place else None

    def filter_keyword(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        if value.isascii() and value.isdigit() and len(value) == 6:
            return qs.filter(urn=int(value))
        same_postcode = postcode_q(value)
        for word in value.split():
            words = Q(title__icontains=word) | Q(address__icontains=word) | Q(postcode__icontains=word)
            qs = qs.filter(words | same_postcode if same_postcode else words)
        return qs

    def filter_type(self, qs, name, values):
        types = [t for value in values for t in TYPE_GROUP_TYPES.get(value, ())]
        return qs.filter(school_type__in=types) if types else qs

    def filter_provision(self, qs, name, value):
        return qs.exclude(provision="") if value else qs

    def filter_need(self, qs, name, values):
        if not values:
            return qs
        return qs.filter(provision_need_types__slug__in=values).exclude(provision="").distinct()

    def filter_area(self, qs, name, value):
        if value == "in":
            return qs.filter(in_area=True)
        if value == "out":
            return qs.filter(in_area=False)
        return qs
