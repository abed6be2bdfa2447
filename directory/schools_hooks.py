"""Wagtail admin hooks for schools: the SENCO submissions listing and decision page, the GIAS upload, a "Schools"
menu, and the officers' dashboard count of submissions waiting for a decision."""

from datetime import timedelta

from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from localoffer.dashboard import DashboardCount

from .models.schools import SchoolPage, SchoolsIndexPage, SencoSubmission
from .schools_admin import can_decide, can_import, gias_import_view, senco_submission_viewset

SLOW_DECISION_DAYS = 5


@hooks.register("register_admin_viewset")
def register_senco_submissions():
    return senco_submission_viewset


@hooks.register("register_admin_urls")
def register_gias_import_url():
    return [path("schools/import-gias/", gias_import_view, name="schools_gias_import")]


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


class SchoolsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_decide(request.user) or can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_schools_menu():
    return SchoolsMenuItem(
        "Schools",
        Menu(
            items=[
                PermittedMenuItem(
                    "SENCO submissions",
                    reverse_lazy("senco_submissions:index"),
                    icon_name="mail",
                    order=100,
                    check=can_decide,
                ),
                PermittedMenuItem(
                    "Import from GIAS",
                    reverse_lazy("schools_gias_import"),
                    icon_name="download",
                    order=200,
                    check=can_import,
                ),
            ]
        ),
        icon_name="group",
        order=260,
    )


@hooks.register("localoffer_dashboard_counts")
def pending_senco_submissions_count(request):
    if not can_decide(request.user):
        return None
    pending = SencoSubmission.objects.filter(status=SencoSubmission.STATUS_PENDING)
    slow = pending.filter(email_confirmed_at__lt=timezone.now() - timedelta(days=SLOW_DECISION_DAYS)).count()
    return DashboardCount(
        label="Pending SENCO submissions",
        count=pending.count(),
        url=reverse("senco_submissions:index") + "?status=pending",
        detail=f"{slow} waiting more than {SLOW_DECISION_DAYS} days" if slow else "none waiting long",
        alert=bool(slow),
        order=40,
    )


@hooks.register("localoffer_dashboard_counts")
def broken_school_links_count(request):
    if not can_decide(request.user):
        return None
    index = SchoolsIndexPage.objects.first()
    broken = SchoolPage.objects.live().filter(is_closed=False, sen_report_status=SchoolPage.LINK_BROKEN).count()
    missing = SchoolPage.objects.live().filter(is_closed=False, sen_report_url="").count()
    return DashboardCount(
        label="Schools with a broken SEN report link",
        count=broken,
        url=reverse("wagtailadmin_explore", args=[index.pk]) if index else reverse("wagtailadmin_explore_root"),
        detail=f"{missing} with no link at all",
        alert=bool(broken),
        order=41,
    )


@hooks.register("localoffer_digest_sections")
def schools_digest_section(today):
    """For the team that owns the schools finder (or the Local Offer team): submissions waiting, broken links."""
    from localoffer.digest import admin_url, fallback_email

    index = SchoolsIndexPage.objects.select_related("review_owner").first()
    email = index.review_owner.email if index and index.review_owner else fallback_email()
    lines = []
    waiting = SencoSubmission.objects.filter(status=SencoSubmission.STATUS_PENDING).count()
    if waiting:
        url = admin_url(reverse("senco_submissions:index") + "?status=pending")
        lines.append(f"- {waiting} SENCO submission{'s' if waiting != 1 else ''} waiting for a decision: {url}")
    broken = SchoolPage.objects.live().filter(is_closed=False, sen_report_status=SchoolPage.LINK_BROKEN)
    for school in broken.order_by("title")[:50]:
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[school.pk]))
        lines.append(f"- Broken SEN information report link: {school.title} (URN {school.urn}): {edit}")
    return "Schools and SENCO submissions", ({email: lines} if email and lines else {})
