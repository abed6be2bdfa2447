"""The upkeep reports in the admin: Due for review (and "Mark reviewed"), Broken links (and "Check again"),
Statutory coverage, Sufficiency and Reading age, each with CSV. Registered in directory/wagtail_hooks.py through
admin.py."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView
from django_tasks import TaskResultStatus
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from localoffer.csv_export import csv_response
from localoffer.glossary.models import explained_page_models
from localoffer.models import ReviewTeam
from localoffer.readability.measure import unmeasured_count

from ..choices import TIER_NAMES, Tier
from .links import broken_by_page, digest_after, recheck
from .models import LinkCheck
from .readability import measured_count, pages_over_target, target
from .reports import statutory_coverage, sufficiency
from .reviews import DUE_SOON_DAYS, due_for_review, mark_reviewed, reviewed_page_models
from .tasks import check_links_task

TIER_CHOICES = [("", "Any tier")] + [(value, TIER_NAMES[value]) for value in Tier.values]


class DueForReviewFilterForm(forms.Form):
    mine = forms.BooleanField(required=False, label="My team's reviews")
    owner = forms.ModelChoiceField(
        queryset=ReviewTeam.objects.all(), required=False, empty_label="Any team", label="Owner"
    )
    type = forms.ChoiceField(required=False, label="Page type")
    tier = forms.ChoiceField(choices=TIER_CHOICES, required=False, label="Tier (services)")
    within = forms.IntegerField(
        min_value=0, max_value=365, required=False, label="Due within (days)", initial=DUE_SOON_DAYS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model in reviewed_page_models()}
        self.fields["type"].choices = [("", "Any type")] + [
            (label, model._meta.verbose_name.capitalize()) for label, model in self.models.items()
        ]


class AdminReportMixin(WagtailAdminTemplateMixin):
    """The report's title in the admin header (Wagtail shows the breadcrumbs there)."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class AdminReport(AdminReportMixin, TemplateView):
    """A report in the admin: its filters (`filter_form_class`, if any) read from the query string, each one that
    does not validate ignored (the form says which and why) and the rest applied, what it shows worked out once (`load`), and the same as a spreadsheet
    with `?format=csv` (`csv_columns`, `csv_rows`)."""

    filter_form_class: type[forms.Form] | None = None
    csv_filename = ""
    csv_columns: list[str] = []

    def get(self, request, *args, **kwargs):
        self.form = self.filter_form_class(request.GET or None) if self.filter_form_class else None
        self.filters = {}
        if self.form is not None and self.form.is_bound:
            self.form.is_valid()
            self.filters = self.form.cleaned_data  # the fields that are valid: the form names the others
        self.load()
        if request.GET.get("format") == "csv":
            return csv_response(self.get_csv_filename(), self.csv_columns, self.csv_rows())
        return super().get(request, *args, **kwargs)

    def load(self):
        raise NotImplementedError

    def csv_rows(self):
        raise NotImplementedError

    def get_csv_filename(self):
        return self.csv_filename

    def my_teams_member(self):
        """The officer, when "My team's reviews" is ticked: the reports then show their review teams' pages only."""
        return self.request.user if self.filters.get("mine") else None

    def edit_link(self, page):
        return self.request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, csv_query=self.request.GET.urlencode())
        return context


class DueForReviewView(AdminReport):
    template_name = "localoffer/admin/due_for_review.html"
    page_title = "Due for review"
    header_icon = "time"
    filter_form_class = DueForReviewFilterForm
    csv_filename = "due-for-review.csv"
    csv_columns = ["Title", "Type", "Owner", "Owner email", "Last reviewed", "Due", "Status", "Edit link"]

    def load(self):
        within = self.filters.get("within")
        self.items = due_for_review(
            within_days=DUE_SOON_DAYS if within is None else within,
            owner=self.filters.get("owner"),
            model=self.form.models.get(self.filters.get("type") or ""),
            tier=self.filters.get("tier") or None,
            member=self.my_teams_member(),
        )

    def csv_rows(self):
        for item in self.items:
            owner = item.page.review_owner
            yield [
                item.page.title,
                item.page._meta.verbose_name,
                owner or "",
                owner.email if owner else "",
                item.page.last_reviewed or "",
                item.due,
                "Overdue" if item.overdue else "Due soon",
                self.edit_link(item.page),
            ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            items=self.items,
            overdue_count=sum(item.overdue for item in self.items),
            # "Mark reviewed" only where the officer may edit the page (the form would turn them away).
            editable={item.page.pk for item in self.items if item.page.permissions_for_user(user).can_edit()},
        )
        return context


class MarkReviewedForm(forms.Form):
    note = forms.CharField(
        label="What did you check?",
        max_length=200,
        help_text="One line, kept in the page's history, such as 'Opening times and phone number confirmed'.",
        error_messages={"required": "Say in one line what you checked."},
    )


@require_http_methods(["GET", "POST"])
def mark_page_reviewed(request, page_id):
    """Ask what was checked (a one-line note, kept in the page's history), then mark the page reviewed today."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "last_reviewed"):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("localoffer_due_for_review")
    form = MarkReviewedForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        mark_reviewed(page, request.user, note=form.cleaned_data["note"])
        messages.success(request, f"'{page.title}' marked as reviewed today: {form.cleaned_data['note']}")
        return redirect(next_url)
    return TemplateResponse(
        request,
        "localoffer/admin/mark_reviewed.html",
        {"page": page, "form": form, "next_url": next_url, "page_title": f"Mark reviewed: {page.title}"},
    )


# Link health ------------------------------------------------------------------------------------------------


class BrokenLinksFilterForm(forms.Form):
    mine = forms.BooleanField(required=False, label="My team's reviews")
    owner = forms.ModelChoiceField(
        queryset=ReviewTeam.objects.all(), required=False, empty_label="Any team", label="Owner"
    )


class BrokenLinksView(AdminReport):
    template_name = "directory/admin/broken_links.html"
    page_title = "Broken links"
    header_icon = "warning"
    filter_form_class = BrokenLinksFilterForm
    csv_filename = "broken-links.csv"
    csv_columns = [
        "Owner",
        "Owner email",
        "Page",
        "Edit link",
        "Where on the page",
        "Link",
        "Problem",
        "Status",
        "Final address",
        "Broken since",
        "Last checked",
    ]

    def load(self):
        self.groups = broken_by_page(owner=self.filters.get("owner"), member=self.my_teams_member())

    def csv_rows(self):
        for group in self.groups:
            for occurrence in group.occurrences:
                link = occurrence.link
                yield [
                    group.owner or "No owner",
                    group.owner.email if group.owner else "",
                    group.page.title,
                    self.edit_link(group.page),
                    occurrence.where,
                    link.url,
                    link.error,
                    link.status_code or "",
                    link.final_url,
                    _when(link.first_failure_at),
                    _when(link.last_checked_at),
                ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_owner = defaultdict(list)
        for group in self.groups:
            by_owner[group.owner].append(group)
        last = LinkCheck.objects.exclude(last_checked_at=None).order_by("-last_checked_at").first()
        context.update(
            by_owner=list(by_owner.items()),
            page_count=len(self.groups),
            link_count=len({o.link_id for group in self.groups for o in group.occurrences}),
            last_checked=last.last_checked_at if last else None,
            checked_count=LinkCheck.objects.exclude(ok=None).count(),
            digest_days=digest_after().days,
        )
        return context


@require_POST
def check_links_now(request):
    """Queue a check of every link on published pages (the nightly job, now). With the worker it runs in the
    background and the report fills in when it finishes; where tasks run at once (development) it is already done."""
    result = check_links_task.enqueue()
    if result.status == TaskResultStatus.SUCCESSFUL:
        summary = result.return_value
        messages.success(
            request, f"Links checked: {summary['links']} links on {summary['pages']} pages, {summary['broken']} broken."
        )
    else:
        messages.success(
            request, "Link check queued. It runs in the background; this report shows the results when it finishes."
        )
    return redirect("directory_broken_links")


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@require_POST
def recheck_link(request, link_id):
    """Check one link again now, for an officer who has just fixed it (or asked the other site to)."""
    link = recheck(get_object_or_404(LinkCheck, pk=link_id))
    if link.ok:
        messages.success(request, f"{link.url} works now.")
    else:
        messages.error(request, f"{link.url} is still broken: {link.error}")
    return redirect(reverse("directory_broken_links") + ("?" + request.GET.urlencode() if request.GET else ""))


# Statutory coverage and sufficiency -----------------------------------------------------------------------------


class CoverageView(AdminReport):
    template_name = "directory/admin/statutory_coverage.html"
    page_title = "Statutory coverage"
    header_icon = "tasks"
    csv_filename = "statutory-coverage.csv"
    csv_columns = ["Topic number", "Topic", "Status", "Live pages", "In date", "Pages"]

    def load(self):
        self.coverage = statutory_coverage()

    def csv_rows(self):
        for item in self.coverage.topics:
            yield [
                item.topic.number,
                item.topic.title,
                item.status_text,
                len(item.pages),
                sum(not covering.overdue for covering in item.pages),
                "; ".join(
                    covering.page.title
                    + (f" (service: {covering.via})" if covering.via else "")
                    + (" [overdue]" if covering.overdue else "")
                    for covering in item.pages
                ),
            ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coverage"] = self.coverage
        return context


class SufficiencyFilterForm(forms.Form):
    tier = forms.ChoiceField(choices=TIER_CHOICES, required=False, label="Tier")


class SufficiencyView(AdminReport):
    template_name = "directory/admin/sufficiency.html"
    page_title = "Sufficiency of provision"
    header_icon = "table"
    filter_form_class = SufficiencyFilterForm

    def load(self):
        self.tier = self.filters.get("tier", "")
        self.data = sufficiency(tier=self.tier or None)
        self.csv_columns = [
            "Need type",
            "Area of need",
            *[band.title for band in self.data.bands],
            "Services (any age)",
        ]

    def get_csv_filename(self):
        return f"sufficiency-{self.tier}.csv" if self.tier else "sufficiency.csv"

    def csv_rows(self):
        for row in [*self.data.rows, self.data.any_need]:
            yield [row.label, row.area, *row.counts, row.total]
        yield ["All live services", "", *self.data.band_totals, self.data.total]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(data=self.data, tier_name=TIER_NAMES.get(self.tier, ""))
        return context


# Reading age ----------------------------------------------------------------------------------------------------


class ReadingAgeFilterForm(forms.Form):
    mine = forms.BooleanField(required=False, label="My team's reviews")
    owner = forms.ModelChoiceField(
        queryset=ReviewTeam.objects.all(), required=False, empty_label="Any team", label="Owner"
    )
    type = forms.ChoiceField(required=False, label="Page type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model in explained_page_models()}
        self.fields["type"].choices = [("", "Any type")] + [
            (label, model._meta.verbose_name.capitalize()) for label, model in self.models.items()
        ]


class ReadingAgeView(AdminReport):
    """Published pages whose reading age is over the target, hardest first. Advice for their owners."""

    template_name = "directory/admin/reading_age.html"
    page_title = "Reading age"
    header_icon = "doc-full"
    filter_form_class = ReadingAgeFilterForm
    csv_filename = "reading-age.csv"
    csv_columns = [
        "Title",
        "Type",
        "Owner",
        "Owner email",
        "Reading age",
        "Target",
        "Words",
        "Longest sentence (words)",
        "Measured",
        "Edit link",
    ]

    def load(self):
        self.items = pages_over_target(
            owner=self.filters.get("owner"),
            model=self.form.models.get(self.filters.get("type") or ""),
            member=self.my_teams_member(),
        )

    def csv_rows(self):
        for item in self.items:
            yield [
                item.page.title,
                item.kind,
                item.owner or "",
                item.owner.email if item.owner else "",
                item.reading_age,
                target(),
                item.measurement.words,
                item.measurement.longest_sentence_words,
                _when(item.measurement.measured_at),
                self.edit_link(item.page),
            ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(items=self.items, target=target(), measured=measured_count(), unmeasured=unmeasured_count())
        return context
