"""The services listing in the admin: its columns, index view (CSV and Excel downloads are the services spreadsheet
of exactly the services filtered), viewset, and the Directory menu it heads. directory/wagtail_hooks.py registers
the menu."""

import datetime

from django.db.models import Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from localoffer.phones import format_phone

from ..openreferral import spreadsheet
from ..places.admin import LocalityViewSet
from ..services.models import ServicePage
from ..taxonomy.admin import DirectoryViewSetGroup
from .filters import ServiceFilterSet


class ReviewDueColumn(Column):
    """When the service is next due for review, "overdue" marked in words (not colour alone)."""

    cell_template_name = "directory/admin/review_due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        due = instance.review_due
        context.update(due=due, overdue=bool(due and due < timezone.localdate()))
        return context


class PhoneColumn(Column):
    """The service's first phone number, in the UK's usual groups (as typed if it cannot be read)."""

    def get_value(self, instance):
        return format_phone(next((contact.phone for contact in instance.contacts.all() if contact.phone), ""))


class ServiceIndexView(IndexView):
    """The listing; its CSV and Excel downloads are the services spreadsheet of exactly the services filtered."""

    default_ordering = "title"
    list_export = ["title"]  # shows Wagtail's download buttons; as_spreadsheet writes the full spreadsheet

    def get_base_queryset(self):
        # review_clock: the date the review interval (the same for every service) runs from, so sorting by it is
        # sorting by the review due date; never published and never reviewed, no date: last.
        clock = Coalesce("last_reviewed", TruncDate("first_published_at"), Value(datetime.date.max))
        return (
            super()
            .get_base_queryset()
            .annotate(review_clock=clock)
            .select_related("organisation", "review_owner")
            .prefetch_related("contacts")
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # A search gives search results, not a queryset: the services are loaded again by id, in the listing's order.
        order = [page.pk for page in queryset]
        related = ServicePage.objects.filter(pk__in=order).prefetch_related(
            "need_types", "categories", "venues", "contacts"
        )
        by_pk = {page.pk: page for page in related}
        pages = [spreadsheet.latest(by_pk[pk]) for pk in order if pk in by_pk]
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
        PhoneColumn("phone", label="Phone"),
        Column("review_owner", label="Owning team", sort_key="review_owner__name"),
        ReviewDueColumn("review_due", label="Review due", sort_key="review_clock"),
        *[column for column in IndexView.base_columns if column.name == "status"],
        DateColumn("latest_revision_created_at", label="Updated", sort_key="latest_revision_created_at"),
    ]


class DirectoryMenu(SnippetViewSetGroup):
    """The Directory menu: the services listing first, then the taxonomies, organisations and towns and areas."""

    menu_label = DirectoryViewSetGroup.menu_label
    menu_icon = DirectoryViewSetGroup.menu_icon
    menu_order = DirectoryViewSetGroup.menu_order
    items = (ServiceListingViewSet, *DirectoryViewSetGroup.items, LocalityViewSet)
