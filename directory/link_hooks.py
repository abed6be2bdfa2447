"""Link health in the admin: the "Broken links" report (grouped by owner and page, CSV), its dashboard count and
its section of the owners' weekly digest. Imported from directory/wagtail_hooks.py."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from localoffer.admin_views import AdminReportMixin
from localoffer.csv_export import csv_response
from localoffer.dashboard import DashboardCount
from localoffer.digest import admin_url, fallback_email
from localoffer.models import ReviewTeam

from . import report_hooks  # noqa: F401  (registers the Statutory coverage and Sufficiency reports)
from .links import broken_by_page, broken_link_count, digest_after, recheck
from .models import LinkCheck


class BrokenLinksFilterForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=ReviewTeam.objects.all(), required=False, empty_label="Any team", label="Owner"
    )


class BrokenLinksView(AdminReportMixin, TemplateView):
    template_name = "directory/admin/broken_links.html"
    page_title = "Broken links"
    header_icon = "warning"

    def get(self, request, *args, **kwargs):
        self.form = BrokenLinksFilterForm(request.GET or None)
        filters = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        self.groups = broken_by_page(owner=filters.get("owner"))
        if request.GET.get("format") == "csv":
            return csv_response(
                "broken-links.csv",
                [
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
                ],
                (
                    [
                        group.owner or "No owner",
                        group.owner.email if group.owner else "",
                        group.page.title,
                        request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=[group.page.pk])),
                        occurrence.where,
                        occurrence.link.url,
                        occurrence.link.error,
                        occurrence.link.status_code or "",
                        occurrence.link.final_url,
                        _when(occurrence.link.first_failure_at),
                        _when(occurrence.link.last_checked_at),
                    ]
                    for group in self.groups
                    for occurrence in group.occurrences
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_owner = defaultdict(list)
        for group in self.groups:
            by_owner[group.owner].append(group)
        last = LinkCheck.objects.exclude(last_checked_at=None).order_by("-last_checked_at").first()
        context.update(
            form=self.form,
            by_owner=list(by_owner.items()),
            page_count=len(self.groups),
            link_count=len({o.link_id for group in self.groups for o in group.occurrences}),
            last_checked=last.last_checked_at if last else None,
            checked_count=LinkCheck.objects.exclude(ok=None).count(),
            digest_days=digest_after().days,
            csv_query=self.request.GET.urlencode(),
        )
        return context


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


@hooks.register("register_admin_urls")
def link_health_urls():
    return [
        path("reports/broken-links/", BrokenLinksView.as_view(), name="directory_broken_links"),
        path("reports/broken-links/<int:link_id>/recheck/", recheck_link, name="directory_recheck_link"),
    ]


@hooks.register("register_reports_menu_item")
def broken_links_menu_item():
    return MenuItem("Broken links", reverse("directory_broken_links"), icon_name="warning", order=20)


@hooks.register("localoffer_dashboard_counts")
def broken_links_count(request):
    count = broken_link_count()
    long_broken = LinkCheck.objects.filter(ok=False, occurrences__page__live=True).distinct()
    long_broken = long_broken.filter(first_failure_at__lte=timezone.now() - digest_after()).count()
    return DashboardCount(
        label="Broken links",
        count=count,
        url=reverse("directory_broken_links"),
        detail=f"{long_broken} broken for more than {digest_after().days} days" if count else "all links work",
        alert=bool(count),
        order=20,
    )


@hooks.register("localoffer_digest_sections")
def broken_links_section(today):
    """Links broken for longer than LINK_CHECK_DIGEST_AFTER_DAYS, to the owner of each page they are on."""
    lines = defaultdict(list)
    for group in broken_by_page(older_than=digest_after()):
        email = group.owner.email if group.owner else fallback_email()
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[group.page.pk]))
        for occurrence in group.occurrences:
            since = occurrence.link.first_failure_at
            lines[email].append(
                f"- {group.page.title}, {occurrence.where}: {occurrence.link.url} "
                f"({occurrence.link.error or 'broken'}; not working since {since:%d %B %Y}). Edit: {edit}"
            )
    return f"Links that have not worked for more than {digest_after().days} days", lines


@hooks.register("directory_link_results")
def update_schools_sen_report_status(results):
    """Schools keep their SEN information report link's state on the page (for their own report and reminders):
    the nightly check keeps it current, through the school page's own record_link_check()."""
    from django.apps import apps

    from .url_safety import FetchResult

    try:
        school_model = apps.get_model("directory", "SchoolPage")
    except LookupError:
        return
    if not hasattr(school_model, "record_link_check"):
        return
    for school in school_model.objects.filter(sen_report_url__in=list(results)):
        result = results[school.sen_report_url]
        school.record_link_check(FetchResult(result.status_code, result.final_url, None if result.ok else result.error))
