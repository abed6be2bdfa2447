"""The officers' services listing (Directory, "Services"): every service, live or draft, filtered by tier, category,
need type, area of need, organisation, owning team, review status, live or draft and in or out of the area; sortable;
exported as the services spreadsheet (directory/openreferral/spreadsheet.py: the same columns its import reads, so an
exported selection can be edited and sent back); bulk actions "Assign owning team" and "Mark reviewed" (bulk.py).

It is Wagtail's own page listing (PageListingViewSet), so search, pagination, the page actions and bulk actions
work as everywhere else in the admin. It lives in upkeep because its filters are upkeep's questions (which services
are overdue, who owns them) and upkeep may read both the services and the spreadsheet."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from localoffer.models import ReviewTeam

from ..choices import Area, Tier
from ..openreferral import spreadsheet
from ..services.models import ServicePage
from ..taxonomy.admin import DirectoryViewSetGroup
from ..taxonomy.models import AreaOfNeed, NeedType, Organisation, ServiceCategory
from .reviews import REVIEW_STATUSES, review_status_filter

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
        label="Owning team", queryset=ReviewTeam.objects.all(), widget=CHECKBOXES, null_label="No owning team"
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


class ReviewDueColumn(Column):
    """When the service is next due for review, "overdue" marked in words (not colour alone)."""

    cell_template_name = "directory/admin/review_due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        due = instance.review_due
        context.update(due=due, overdue=bool(due and due < timezone.localdate()))
        return context


class ServiceIndexView(IndexView):
    """The listing; its CSV and Excel downloads are the services spreadsheet of exactly the services filtered."""

    default_ordering = "title"
    list_export = ["title"]  # shows Wagtail's download buttons; as_spreadsheet writes the full spreadsheet

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "review_owner")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        pages = [spreadsheet.latest(page) for page in queryset.prefetch_related("need_types", "categories")]
        if spreadsheet_format == self.FORMAT_XLSX:
            return spreadsheet.xlsx_export(pages)
        return spreadsheet.csv_export(pages)


class ServiceListingViewSet(PageListingViewSet):
    model = ServicePage
    index_view_class = ServiceIndexView
    filterset_class = ServiceFilterSet
    icon = "list-ul"
    menu_label = "Services"
    name = "services"
    add_to_admin_menu = False
    columns = [
        *[column for column in IndexView.base_columns if column.name in ("bulk_actions", "title")],
        Column("organisation", label="Organisation", sort_key="organisation__name"),
        Column("tier", label="Tier", accessor="get_tier_display", sort_key="tier"),
        Column("review_owner", label="Owning team", sort_key="review_owner__name"),
        ReviewDueColumn("review_due", label="Review due", sort_key="last_reviewed"),
        *[column for column in IndexView.base_columns if column.name == "status"],
        DateColumn("latest_revision_created_at", label="Updated", sort_key="latest_revision_created_at"),
    ]


class DirectoryMenu(SnippetViewSetGroup):
    """The Directory menu: the services listing first, then the taxonomies and organisations."""

    menu_label = DirectoryViewSetGroup.menu_label
    menu_icon = DirectoryViewSetGroup.menu_icon
    menu_order = DirectoryViewSetGroup.menu_order
    items = (ServiceListingViewSet, *DirectoryViewSetGroup.items)
