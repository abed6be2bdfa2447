"""The services listing's filters: each narrows the listing; within one filter any ticked value matches."""

import django_filters
from django import forms
from django.db.models import Q
from wagtail.admin.views.pages.listing import PageFilterSet

from localoffer.models import ReviewTeam

from ..choices import Area, Tier
from ..services.models import ServicePage
from ..taxonomy.models import AreaOfNeed, NeedType, Organisation, ServiceCategory
from ..upkeep.reviews import REVIEW_STATUSES, review_status_filter

CHECKBOXES = forms.CheckboxSelectMultiple


class ServiceFilterSet(PageFilterSet):
    """Each filter narrows the listing; within one filter any ticked value matches (tier universal or targeted)."""

    tier = django_filters.MultipleChoiceFilter(label="Tier", choices=Tier.choices, widget=CHECKBOXES)
    categories = django_filters.ModelMultipleChoiceFilter(
        label="Category", queryset=ServiceCategory.objects.all(), widget=CHECKBOXES, distinct=True
    )
    need_types = django_filters.ModelMultipleChoiceFilter(
        label="Need type", queryset=NeedType.objects.select_related("area"), widget=CHECKBOXES, distinct=True
    )
    area_of_need = django_filters.ModelMultipleChoiceFilter(
        label="Area of need",
        field_name="need_types__area",
        queryset=AreaOfNeed.objects.all(),
        widget=CHECKBOXES,
        distinct=True,
    )
    organisation = django_filters.ModelMultipleChoiceFilter(
        label="Organisation", queryset=Organisation.objects.all(), widget=CHECKBOXES
    )
    review_owner = django_filters.ModelMultipleChoiceFilter(
        label="Owning team", queryset=ReviewTeam.objects.all(), widget=CHECKBOXES
    )
    # Its own filter, not a "null" choice of the one above: Wagtail's active-filter labels expect every chosen
    # value of a model choice to be a model instance (a "null" choice was a server error).
    no_owner = django_filters.BooleanFilter(
        label="No owning team", widget=forms.CheckboxInput, method="filter_no_owner"
    )
    mine = django_filters.BooleanFilter(
        label="My team's reviews",
        widget=forms.CheckboxInput,
        method="filter_mine",
        help_text="Only services owned by a review team you belong to.",
    )
    review_status = django_filters.MultipleChoiceFilter(
        label="Review status", choices=REVIEW_STATUSES, widget=CHECKBOXES, method="filter_review_status"
    )
    live = django_filters.ChoiceFilter(
        label="Live or draft",
        choices=[("true", "Live"), ("false", "Draft (not live)")],
        empty_label="Any",
        widget=forms.RadioSelect,
        method="filter_live",
    )
    area = django_filters.MultipleChoiceFilter(label="Where", choices=Area.choices, widget=CHECKBOXES)

    # Wagtail's generic page filters that say nothing about a service
    owner = None
    edited_by = None
    site = None
    has_child_pages = None

    class Meta:
        model = ServicePage
        fields = []

    def filter_review_status(self, queryset, name, value):
        if not value:
            return queryset
        wanted = Q()
        for status in value:
            wanted |= review_status_filter(ServicePage, status)
        return queryset.filter(wanted)

    def filter_live(self, queryset, name, value):
        return queryset.filter(live=value == "true") if value in ("true", "false") else queryset

    def filter_no_owner(self, queryset, name, value):
        return queryset.filter(review_owner=None) if value else queryset

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(review_owner__in=ReviewTeam.objects.with_member(self.request.user))
