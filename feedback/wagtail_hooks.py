"""Moderation and reports in the Wagtail admin: the comments inbox (filters, search, per-comment moderation, bulk
theme and status, CSV and XLSX export), the "you said, we did" reports (with preview), and the count of blocked
submissions.

Contact details are shown only to users with feedback.view_contact_details: the Feedback officers group and
superusers. Everyone else with access to the inbox sees the comments without them, on screen and in exports. The
inbox's exports leave contact details out; feedback officers have a second pair of downloads that include them,
named so ("...-with-contact-details-...") wherever the file ends up."""

import datetime

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from openpyxl import Workbook
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from localoffer.csv_export import (
    BOM,
    XLSX_DATETIME_FORMAT,
    fit_sheet,
    local_naive,
    readable_datetime,
    safe_cell,
    yes_no,
)
from localoffer.pii import find_contact_details

from .bulk import SetStatusBulkAction, SetThemeBulkAction
from .models import (
    CONTACT_DETAILS_PERMISSION,
    BlockedSubmission,
    Channel,
    Comment,
    Report,
    Role,
    Theme,
    Topic,
    can_see_contact_details,
)
from .publishing import PublishReportView, ReportEditView


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Comment.Status.choices, widget=forms.RadioSelect, empty_label="All")
    topic = django_filters.ChoiceFilter(choices=Topic.choices, empty_label="All")
    role = django_filters.ChoiceFilter(label="Who commented", choices=Role.choices, empty_label="All")
    channel = django_filters.ChoiceFilter(label="How it reached us", choices=Channel.choices, empty_label="All")
    page = django_filters.ModelChoiceFilter(
        queryset=lambda request: Page.objects.filter(
            pk__in=Subquery(Comment.objects.filter(page__isnull=False).values("page_id"))
        ).order_by("title"),
        empty_label="All",
    )
    received_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)
    has_theme = django_filters.BooleanFilter(
        label="Has a theme", field_name="theme", lookup_expr="isnull", exclude=True, widget=forms.NullBooleanSelect
    )

    class Meta:
        model = Comment
        fields = ["status", "topic", "role", "channel", "page", "received_at", "theme", "has_theme"]


BASE_EXPORT = [
    "reference",
    "received_at",
    "get_channel_display",
    "get_topic_display",
    "get_role_display",
    "page_title",
    "body",
    "get_status_display",
    "theme",
    "get_exclusion_reason_display",
    "exclusion_note",
    "internal_notes",
]
CONTACT_EXPORT = ["name", "email", "consent_to_contact"]
SEARCH_FIELDS = ["reference", "body", "page_title", "internal_notes", "exclusion_note"]
EXPORT_HEADINGS = {
    "get_channel_display": "How it reached us",
    "get_topic_display": "About",
    "get_role_display": "Who commented",
    "page_title": "Page",
    "body": "Comment",
    "get_status_display": "Status",
    "get_exclusion_reason_display": "Exclusion reason",
    "consent_to_contact": "May contact",
}


CONTACT_DETAILS_PARAM = "contact_details"


class CommentIndexView(generic.IndexView):
    template_name = "feedback/admin/comment_index.html"
    # Dates as people read them and Yes/No, in both formats; XLSX dates stay dates (sortable), shown the same way.
    # (The base's entries first: a datetime is also a date, so its own entry must keep its place before the dates'.)
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        datetime.datetime: {"csv": readable_datetime, "xlsx": local_naive},
        bool: {"csv": yes_no, "xlsx": yes_no},
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        officer = can_see_contact_details(request.user)
        # Contact details leave the building only when a feedback officer asks for them by name.
        self.with_contact_details = self.is_export and request.GET.get(CONTACT_DETAILS_PARAM) == "yes"
        if self.with_contact_details and not officer:
            raise PermissionDenied("Only feedback officers may download contact details.")
        self.list_export = BASE_EXPORT + (CONTACT_EXPORT if self.with_contact_details else [])
        # Officers can find someone's comments by name or email (to answer a request to see or delete them).
        self.search_fields = SEARCH_FIELDS + (["name", "email"] if officer else [])

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("theme__report")
        if not can_see_contact_details(self.request.user):
            queryset = queryset.defer("name", "email")
        return queryset

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        # The checkbox of each row is described by its reference, for screen readers.
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"comment_{quote(instance.pk)}_title"
        )

    def get_filename(self):
        kind = "comments-with-contact-details" if self.with_contact_details else "comments"
        return f"local-offer-{kind}-{timezone.localdate():%Y-%m-%d}"

    def preprocess_field_value(self, field, value, export_format):
        # CSV cells are neutralised; XLSX cells are written as text, so they keep their text unchanged.
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV and isinstance(value, str) else value

    def stream_csv(self, queryset):
        yield BOM.encode()  # so Excel reads the file as UTF-8
        yield from super().stream_csv(queryset)

    def write_xlsx(self, queryset, output):
        """One sheet, its header row frozen, each column as wide as what it holds (up to a limit)."""
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Comments"
        rows = [[self.get_heading(queryset, field) for field in self.list_export]]
        for item in queryset:
            row = self.to_row_dict(item)
            rows.append([self.preprocess_field_value(field, value, self.FORMAT_XLSX) for field, value in row.items()])
        for row_number, values in enumerate(rows, start=1):
            for column_number, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_number, column=column_number, value=value)
                if isinstance(value, datetime.datetime):
                    cell.number_format = XLSX_DATETIME_FORMAT
                elif cell.data_type == "f":
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
        fit_sheet(sheet, rows)
        workbook.save(output)

    def get_export_url(self, format, contact_details=False):
        params = self.request.GET.copy()
        params["export"] = format
        params.pop(CONTACT_DETAILS_PARAM, None)
        if contact_details:
            params[CONTACT_DETAILS_PARAM] = "yes"
        return self.request.path + "?" + params.urlencode()

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if can_see_contact_details(self.request.user):
            for label, export_format, priority in (("XLSX", "xlsx", 110), ("CSV", "csv", 120)):
                buttons.append(
                    Button(
                        f"Download {label} with contact details",
                        url=self.get_export_url(export_format, contact_details=True),
                        icon_name="download",
                        priority=priority,
                    )
                )
        return buttons


class CommentAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "theme" in self.fields:
            themes = Theme.objects.all()
            if self.instance.pk and self.instance.received_at:
                # The themes of the report covering the day the comment came (and its own theme, if it has one).
                themes = Theme.objects.for_day(timezone.localdate(self.instance.received_at))
                if self.instance.theme_id:
                    themes = themes | Theme.objects.filter(pk=self.instance.theme_id)
            self.fields["theme"].queryset = themes.select_related("report").order_by(
                "-report__period_start", "sort_order"
            )


CONTACT_PANEL = MultiFieldPanel(
    [
        FieldPanel("name", read_only=True, permission=CONTACT_DETAILS_PERMISSION),
        FieldPanel("email", read_only=True, permission=CONTACT_DETAILS_PERMISSION),
        FieldPanel("consent_to_contact", read_only=True, permission=CONTACT_DETAILS_PERMISSION),
    ],
    "Contact details (never published; deleted on the retention schedule)",
)
MODERATION_PANEL = MultiFieldPanel(
    [
        FieldPanel("status"),
        FieldPanel("theme"),
        FieldPanel("exclusion_reason"),
        FieldPanel("exclusion_note"),
        FieldPanel("internal_notes"),
    ],
    "Moderation",
)

# Editing a comment: what was said is the record and stays as it came; officers moderate it.
EDIT_PANELS = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("reference", read_only=True),
                FieldPanel("received_at", read_only=True),
                FieldPanel("channel", read_only=True),
                FieldPanel("topic", read_only=True),
                FieldPanel("role", read_only=True),
                FieldPanel("page_title", read_only=True),
                FieldPanel("body", read_only=True),
            ],
            "The comment",
        ),
        CONTACT_PANEL,
        MODERATION_PANEL,
    ],
    base_form_class=CommentAdminForm,
)

# Adding a comment that reached us another way (a forum meeting, an event, a survey, a letter).
ADD_PANELS = ObjectList(
    [
        HelpPanel(
            "Add comments that reached us outside the website, so they are counted in the report. "
            "Leave out names and contact details unless the person asked for a reply."
        ),
        MultiFieldPanel(
            [
                FieldPanel("received_at"),
                FieldPanel("channel"),
                FieldPanel("topic"),
                FieldPanel("role"),
                FieldPanel("body"),
            ],
            "The comment",
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", permission=CONTACT_DETAILS_PERMISSION),
                FieldPanel("email", permission=CONTACT_DETAILS_PERMISSION),
                FieldPanel("consent_to_contact", permission=CONTACT_DETAILS_PERMISSION),
            ],
            "Contact details (only if they asked for a reply)",
        ),
        MODERATION_PANEL,
    ],
    base_form_class=CommentAdminForm,
)


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "feedback_comment"
    icon = "comment"
    menu_label = "Comments inbox"
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = CommentIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "reference",
        "received_at",
        Column("topic", label="About", accessor="get_topic_display", sort_key="topic"),
        Column("role", label="Who", accessor="get_role_display", sort_key="role"),
        Column("excerpt", label="Comment"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        "theme",
    ]
    filterset_class = CommentFilterSet
    search_fields = SEARCH_FIELDS
    ordering = ["-received_at"]
    list_per_page = 50
    list_export = BASE_EXPORT
    export_headings = EXPORT_HEADINGS
    export_filename = "local-offer-comments"

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=self.menu_label, **kwargs)  # the heading is the menu's name

    def get_edit_handler(self):
        return EDIT_PANELS.bind_to_model(Comment)

    def get_add_view_kwargs(self, **kwargs):
        panel = ADD_PANELS.bind_to_model(Comment)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class ReportAdminForm(WagtailAdminModelForm):
    """Saving a published report changes the website at once: it cannot be saved while a "you said" summary holds an
    email, phone number or postcode. (A draft can; publishing it is refused until they are gone.)"""

    def clean(self):
        cleaned = super().clean()
        if not (self.instance.pk and self.instance.is_published):
            return cleaned
        formset = self.formsets.get("themes")
        blocked = []
        for form in formset.forms if formset else []:
            if not form.is_valid() or formset.can_delete and formset._should_delete_form(form):
                continue
            found = find_contact_details(form.cleaned_data.get("you_said", ""))
            if found:
                blocked.append(form.cleaned_data.get("title") or "a theme")
                form.add_error(
                    "you_said",
                    f"This summary contains {' and '.join(found)}. Remove it: reports never identify anyone.",
                )
        if blocked:
            self.add_error(
                None,
                "This report is on the website, so it cannot be saved while a 'you said' summary contains contact "
                f"details ({', '.join(blocked)}). Remove them first.",
            )
        return cleaned


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "doc-full"
    menu_label = "You said, we did"
    list_display = [
        "title",
        "period_start",
        "period_end",
        Column("status", accessor="get_status_display"),
        "published_at",
    ]
    list_filter = ["status"]
    search_fields = ["title", "introduction"]
    copy_view_enabled = False
    edit_handler = ObjectList(Report.panels, base_form_class=ReportAdminForm)
    edit_view_class = ReportEditView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=self.menu_label, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(publish_url_name=self.get_url_name("publish"), **kwargs)

    @property
    def publish_view(self):
        return self.construct_view(
            PublishReportView, edit_url_name=self.get_url_name("edit"), index_url_name=self.get_url_name("list")
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("publish/<str:pk>/", self.publish_view, name="publish")]


class BlockedSubmissionViewSet(ModelViewSet):
    model = BlockedSubmission
    name = "feedback_blocked"
    icon = "warning"
    menu_label = "Blocked submissions"
    list_display = ["day", Column("reason", accessor="get_reason_display"), "count"]
    list_filter = ["reason"]
    copy_view_enabled = False
    form_fields = ["day", "reason", "count"]

    def get_index_view_kwargs(self, **kwargs):
        # The counts are made by the comment form's defences, never by hand: no "Add" button.
        return super().get_index_view_kwargs(add_url_name=None, page_title=self.menu_label, **kwargs)


class FeedbackViewSetGroup(SnippetViewSetGroup):
    menu_label = "Feedback"
    menu_icon = "comment"
    menu_order = 250
    items = (CommentViewSet, ReportViewSet, BlockedSubmissionViewSet)


register_snippet(FeedbackViewSetGroup)
hooks.register("register_bulk_action", SetThemeBulkAction)
hooks.register("register_bulk_action", SetStatusBulkAction)
