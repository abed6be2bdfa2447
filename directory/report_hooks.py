"""Admin reports "Statutory coverage" and "Sufficiency" (directory/reports.py), with CSV, and the coverage count on
the officers' dashboard. Imported by directory/link_hooks.py (which directory/wagtail_hooks.py imports)."""

from django import forms
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from localoffer.admin_views import AdminReportMixin
from localoffer.csv_export import csv_response
from localoffer.dashboard import DashboardCount

from .models import ServicePage
from .reports import statutory_coverage, sufficiency


class CoverageView(AdminReportMixin, TemplateView):
    template_name = "directory/admin/statutory_coverage.html"
    page_title = "Statutory coverage"
    header_icon = "tasks"

    def get(self, request, *args, **kwargs):
        self.coverage = statutory_coverage()
        if request.GET.get("format") == "csv":
            return csv_response(
                "statutory-coverage.csv",
                ["Topic number", "Topic", "Status", "Live pages", "In date", "Pages"],
                (
                    [
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
                    for item in self.coverage.topics
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coverage"] = self.coverage
        return context


TIER_CHOICES = [("", "All tiers")] + [(value, ServicePage.TIER_NAMES[value]) for value, _label in ServicePage.TIERS]


class SufficiencyFilterForm(forms.Form):
    tier = forms.ChoiceField(choices=TIER_CHOICES, required=False, label="Tier")


class SufficiencyView(AdminReportMixin, TemplateView):
    template_name = "directory/admin/sufficiency.html"
    page_title = "Sufficiency of provision"
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        self.form = SufficiencyFilterForm(request.GET or None)
        tier = self.form.cleaned_data.get("tier") if self.form.is_bound and self.form.is_valid() else ""
        self.tier = tier
        self.data = sufficiency(tier=tier or None)
        if request.GET.get("format") == "csv":
            header = ["Need type", "Area of need", *[band.title for band in self.data.bands], "Services (any age)"]
            rows = [[row.label, row.area, *row.counts, row.total] for row in [*self.data.rows, self.data.any_need]]
            rows.append(["All live services", "", *self.data.band_totals, self.data.total])
            suffix = f"-{tier}" if tier else ""
            return csv_response(f"sufficiency{suffix}.csv", header, rows)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            data=self.data,
            tier_name=ServicePage.TIER_NAMES.get(self.tier, ""),
            csv_query=self.request.GET.urlencode(),
        )
        return context


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("reports/statutory-coverage/", CoverageView.as_view(), name="directory_statutory_coverage"),
        path("reports/sufficiency/", SufficiencyView.as_view(), name="directory_sufficiency"),
    ]


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    return MenuItem("Statutory coverage", reverse("directory_statutory_coverage"), icon_name="tasks", order=30)


@hooks.register("register_reports_menu_item")
def sufficiency_menu_item():
    return MenuItem("Sufficiency", reverse("directory_sufficiency"), icon_name="table", order=40)


@hooks.register("localoffer_dashboard_counts")
def coverage_count(request):
    coverage = statutory_coverage()
    missing = sum(item.status == "missing" for item in coverage.topics)
    overdue = sum(item.status == "overdue" for item in coverage.topics)
    parts = [f"{missing} with no live page" if missing else "", f"{overdue} only overdue" if overdue else ""]
    detail = ", ".join(part for part in parts if part) or "every topic covered"
    return DashboardCount(
        label="Statutory coverage",
        count=f"{coverage.percent}%",
        url=reverse("directory_statutory_coverage"),
        detail=f"{coverage.covered} of {len(coverage.topics)} topics; {detail}",
        alert=bool(coverage.flagged),
        order=40,
    )
