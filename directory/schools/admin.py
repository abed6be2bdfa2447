"""Officers' side of schools: the GIAS import upload and its status page, the "Schools" admin menu, the dashboard count of broken SEN
information report links and the schools section of the owners' digest. Registered in directory/wagtail_hooks.py."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from localoffer.background.results import task_state

from ..upkeep.dashboard import DashboardCount
from ..upkeep.digest import admin_url, fallback_email
from .gias import decode
from .models import GiasImport, SchoolPage, SchoolsIndexPage
from .senco.admin import can_decide
from .senco.models import SencoSubmission
from .tasks import import_gias_upload

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
REFRESH_SECONDS = 3  # how often the status page of a running import reloads itself


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
    """The upload form. The import itself runs in the background: the upload is stored, queued, and the officer is
    sent to its status page at once."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = GiasUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["csv_file"]
            gias_import = GiasImport.objects.create(
                file_name=upload.name[:255],
                file_text=decode(upload.read()).replace("\x00", ""),  # PostgreSQL text cannot hold NUL
                la_name=form.cleaned_data["la_name"],
                neighbours=[n.strip() for n in form.cleaned_data["neighbours"].split(",") if n.strip()],
                created_by=request.user,
            )
            queued = import_gias_upload.enqueue(gias_import.pk)
            GiasImport.objects.filter(pk=gias_import.pk).update(task_id=str(queued.id))
            return redirect("schools_gias_import_status", gias_import.pk)
    else:
        form = GiasUploadForm()
    return TemplateResponse(
        request,
        "directory/schools/admin/gias_import.html",
        {
            "form": form,
            "recent": GiasImport.objects.defer("file_text", "report").select_related("created_by")[:5],
            "page_title": "Import schools from GIAS",
            "header_title": "Import schools from GIAS",
            "header_icon": "download",
        },
    )


def gias_import_status_view(request, pk):
    """Where an import has got to: waiting, importing (rows done of all), done (the report) or failed (the error,
    and whether it will be tried again). The page reloads itself until the import is over."""
    if not can_import(request.user):
        raise PermissionDenied
    gias_import = get_object_or_404(GiasImport.objects.defer("file_text").select_related("created_by"), pk=pk)
    task = task_state(gias_import.task_id)
    finished = gias_import.status == GiasImport.DONE or (
        gias_import.status == GiasImport.FAILED and (task is None or task.failed_for_good)
    )
    return TemplateResponse(
        request,
        "directory/schools/admin/gias_import_status.html",
        {
            "gias_import": gias_import,
            "report": gias_import.report,
            "task": task,
            "refresh_seconds": None if finished else REFRESH_SECONDS,
            "page_title": f"GIAS import: {gias_import.file_name}",
            "header_title": "Import schools from GIAS",
            "header_icon": "download",
        },
    )


def admin_urls():
    return [
        path("schools/import-gias/", gias_import_view, name="schools_gias_import"),
        path("schools/import-gias/<int:pk>/", gias_import_status_view, name="schools_gias_import_status"),
    ]


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
