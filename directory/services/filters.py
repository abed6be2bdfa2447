"""The directory's filters as a django-filter FilterSet on a plain GET form: it validates and cleans the query
string (a bad age gets a message; an unknown option is left out, with a note); the facet index does the filtering."""

import django_filters
from django import forms
from django.utils.functional import cached_property

from localoffer.search_words import SearchWordsField

from ..ages import AGE_BAND_CHOICES, MAX_AGE, MIN_AGE
from ..choices import DELIVERY, TIER_NAMES, Area, Tier
from ..places.forms import DEFAULT_DISTANCE, DistanceFilter, PostcodeFilter
from ..places.postcodes import Place
from .models import ServicePage

MAX_KEYWORD_LENGTH = 200
TIER_CHOICES = [(value, TIER_NAMES[value]) for value in Tier.values]
DELIVERY_CHOICES = [(name.removeprefix("delivery_"), label) for name, label in DELIVERY]
AREA_CHOICES = Area.choices
SORT_CHOICES = [("relevance", "Best match"), ("az", "Name (A to Z)"), ("reviewed", "Recently reviewed")]
NEAREST = ("distance", "Nearest first")  # offered (and the default) when a postcode is given


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows (in order, without repeats) and remembers the ones it does not, so a stale or
    mistyped link still shows results, with a message, instead of an error page."""

    def clean(self, value):
        values = [str(v) for v in self.to_python(value)]
        known = {str(key) for key, _label in self.choices}
        self.ignored = [v for v in values if v not in known]
        return list(dict.fromkeys(v for v in values if v in known))


class AgeField(forms.IntegerField):
    default_error_messages = {
        "invalid": "Enter the age in years as a number, like 7",
        "min_value": f"Enter an age from {MIN_AGE} to {MAX_AGE}",
        "max_value": f"Enter an age from {MIN_AGE} to {MAX_AGE}",
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=MIN_AGE, max_value=MAX_AGE, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        return super().to_python(value)


class KeywordField(SearchWordsField):
    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_KEYWORD_LENGTH, strip=True, **kwargs)
        self.error_messages["max_length"] = f"Search words must be {MAX_KEYWORD_LENGTH} characters or fewer"


class MultiFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


class CheckboxFilter(django_filters.Filter):
    field_class = forms.BooleanField


class KeywordFilter(django_filters.CharFilter):
    field_class = KeywordField


class AgeFilter(django_filters.Filter):
    field_class = AgeField


FILTER_GROUPS = [
    "age",
    "age_band",
    "need",
    "area_of_need",
    "tier",
    "category",
    "free",
    "self_referral",
    "delivery",
    "locality",
    "area",
]


class DirectoryFilterSet(django_filters.FilterSet):
    q = KeywordFilter(label="Search words", method="no_op")
    age = AgeFilter(label="Age in years", method="no_op")
    age_band = MultiFilter(label="Age group", choices=AGE_BAND_CHOICES, method="no_op")
    need = MultiFilter(label="Type of need", method="no_op")
    area_of_need = MultiFilter(label="Area of need", method="no_op")
    tier = MultiFilter(label="Level of support", choices=TIER_CHOICES, method="no_op")
    category = MultiFilter(label="Kind of service", method="no_op")
    free = CheckboxFilter(label="Free only", method="no_op")
    self_referral = CheckboxFilter(label="I can contact them myself (no referral needed)", method="no_op")
    delivery = MultiFilter(label="How it is given", choices=DELIVERY_CHOICES, method="no_op")
    locality = MultiFilter(label="Town or area", method="no_op")
    area = MultiFilter(label="Where", choices=AREA_CHOICES, method="no_op")
    postcode = PostcodeFilter(label="Postcode", method="no_op")
    distance = DistanceFilter(label="Distance", method="no_op")
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=[*SORT_CHOICES, NEAREST], method="no_op", empty_label=None
    )

    class Meta:
        model = ServicePage
        fields = []

    def __init__(self, data=None, *args, needs=(), areas=(), categories=(), localities=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["need"].extra["choices"] = [(n.slug, n.name) for n in needs]
        self.filters["area_of_need"].extra["choices"] = [(a.slug, a.name) for a in areas]
        self.filters["category"].extra["choices"] = [(c.slug, c.name) for c in categories]
        self.filters["locality"].extra["choices"] = [(place.slug, place.name) for place in localities]

    def no_op(self, queryset, name, value):
        # The FilterSet cleans the query string; the facet index (search.py) does the filtering, in memory.
        return queryset

    @cached_property
    def near(self) -> tuple[Place, int] | None:
        """(where, miles) when a usable postcode or district was given, else None (results not filtered by it)."""
        self.form.is_valid()
        place = getattr(self.form, "cleaned_data", {}).get("postcode")
        if place is None:
            return None
        return place, self.form.cleaned_data.get("distance") or DEFAULT_DISTANCE

    @cached_property
    def active(self):
        """{group: cleaned value} for every filter group the person chose (and that made sense)."""
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_GROUPS if _chosen(cleaned.get(name))}


def _chosen(value):
    if isinstance(value, bool):
        return value
    return value is not None and value != "" and value != []  # an age of 0 is a choice
