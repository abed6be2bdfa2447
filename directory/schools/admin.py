"""Officers' side of schools: the GIAS import upload, the "Schools" admin menu, the dashboard count of broken SEN
information report links and the schools section of the owners' digest. Registered in directory/wagtail_hooks.py."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from ..upkeep.dashboard import DashboardCount
from ..upkeep.digest import admin_url, fallback_email
from .gias import import_gias
from .models import SchoolPage, SchoolsIndexPage
from .senco.admin import can_decide
from .senco.models import SencoSubmission

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class GiasUploadForm(forms.Form):
    csv_file = forms.FileField(
        label="GIAS CSV file",
        help_text="Download it from Get Information about Schools: search for your local authority's "
        "establishments, then 'Download' as CSV.",
    )
    la_name = forms.CharField(label="Your local authority, as GIAS spells it", max_length=120)
    neighbours = forms.CharField(
        label="Neighbouring local authorities (optional)",
        required=False,
        max_length=500,
        help_text="Separate names with commas. Their schools are marked 'outside our area'.",
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB. Download your area only.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file")
        return upload


def can_import(user):
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    index = SchoolsIndexPage.objects.first()
    return bool(index and index.permissions_for_user(user).can_add_subpage())


def gias_import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = GiasUploadForm(request.POST, request.FILES)
        if form.is_valid():
            neighbours = [n.strip() for n in form.cleaned_data["neighbours"].split(",") if n.strip()]
            report = import_gias(
                form.cleaned_data["csv_file"].read(), form.cleaned_data["la_name"], neighbours, user=request.user
            )
    else:
        form = GiasUploadForm()
    return TemplateResponse(
        request,
        "directory/schools/admin/gias_import.html",
        {
            "form": form,
            "report": report,
            "page_title": "Import schools from GIAS",
            "header_title": "Import schools from GIAS",
            "header_icon": "download",
            "now": timezone.now(),
        },
    )


def admin_urls():
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


def schools_menu_item():
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


def schools_digest_section(today):
    """For the team that owns the schools finder (or the Local Offer team): submissions waiting, broken links."""
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
