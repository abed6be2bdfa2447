"""Officers' side of open data: importing another directory's Open Referral UK feed (a form that queues the import,
and a status page with its report), the mapping of a feed's taxonomy terms to ours, and the services spreadsheet
(export as CSV or Excel; import with a preview, then apply in the background with a status page). Registered in
directory/wagtail_hooks.py, under an "Open data" menu."""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse_lazy
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from localoffer.admin_menus import PermittedMenuItem
from localoffer.background.results import task_state

from ..choices import Area
from ..services.models import DirectoryPage
from . import spreadsheet
from .models import FeedImport, SpreadsheetImport, TermMapping
from .tasks import apply_spreadsheet, import_feed

REFRESH_SECONDS = 3


def can_import(user: Any) -> bool:
    """Who may import: officers who may add services to the directory."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    directory = DirectoryPage.objects.first()
    return bool(directory and directory.permissions_for_user(user).can_add_subpage())


def can_import_feed(user: Any) -> bool:
    """Who may import another directory's feed: officers who may also publish services, because the import publishes
    what it creates and updates (the services spreadsheet, open to every importer, keeps an editor's rows as drafts)."""
    if not can_import(user):
        return False
    directory = DirectoryPage.objects.first()
    return bool(user.is_superuser or (directory and directory.permissions_for_user(user).can_publish_subpage()))


class FeedImportForm(forms.Form):
    url = forms.URLField(
        label="The feed's address",
        max_length=2000,
        assume_scheme="https",
        help_text="The Open Referral UK 3.0 API of the other directory, such as "
        "https://www.example.gov.uk/api/openreferral/v3/ (its /services address works too).",
    )
    area = forms.ChoiceField(
        label="Where are its services?",
        choices=Area.choices,
        initial=Area.OUTSIDE,
        help_text="Used when a service does not say. A neighbouring council's services are outside our area.",
    )


def import_view(request: HttpRequest) -> HttpResponse:
    if not can_import_feed(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = FeedImportForm(request.POST)
        if form.is_valid():
            run = FeedImport.objects.create(
                url=form.cleaned_data["url"],
                area=form.cleaned_data["area"],
                created_by=request.user,  # type: ignore[misc]
            )
            queued = import_feed.enqueue(run.pk)
            FeedImport.objects.filter(pk=run.pk).update(task_id=str(queued.id))
            return redirect("openreferral_import_status", run.pk)
    else:
        form = FeedImportForm()
    return TemplateResponse(
        request,
        "directory/openreferral/admin/import.html",
        {
            "form": form,
            "recent": FeedImport.objects.defer("report").select_related("created_by")[:10],
            "unmapped": TermMapping.objects.filter(need_type=None, category=None, fixed="", ignore=False).count(),
            "page_title": "Import from Open Referral",
            "header_title": "Import from Open Referral",
            "header_icon": "download",
        },
    )


def import_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_import_feed(request.user):
        raise PermissionDenied
    run = get_object_or_404(FeedImport.objects.select_related("created_by"), pk=pk)
    task = task_state(run.task_id)
    finished = run.status == FeedImport.DONE or (
        run.status == FeedImport.FAILED and (task is None or task.failed_for_good)
    )
    return TemplateResponse(
        request,
        "directory/openreferral/admin/import_status.html",
        {
            "run": run,
            "report": run.report,
            "task": task,
            "refresh_seconds": None if finished else REFRESH_SECONDS,
            "page_title": f"Open Referral import: {run.url}",
            "header_title": "Import from Open Referral",
            "header_icon": "download",
        },
    )


MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024


class SpreadsheetForm(forms.Form):
    file = forms.FileField(
        label="Services spreadsheet (.csv or .xlsx)",
        help_text="A file exported from this page, with your changes. Columns you delete are left as they are.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SPREADSHEET_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB.")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        return upload


def spreadsheet_view(request: HttpRequest) -> HttpResponse:
    """Export every service, or upload an edited file and see what it would change."""
    if not can_import(request.user):
        raise PermissionDenied
    export = request.GET.get("export")
    if export == "csv":
        return spreadsheet.csv_export()
    if export == "xlsx":
        return spreadsheet.xlsx_export()
    form = SpreadsheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = spreadsheet.preview(upload.name, upload.read())
        except spreadsheet.SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            item = SpreadsheetImport.objects.create(
                file_name=upload.name[:255],
                preview=data,
                created_by=request.user,  # type: ignore[misc]
            )
            return redirect("openreferral_spreadsheet_preview", item.pk)
    return TemplateResponse(
        request,
        "directory/openreferral/admin/spreadsheet.html",
        {
            "form": form,
            "page_title": "Services spreadsheet",
            "header_title": "Services spreadsheet",
            "header_icon": "table",
        },
    )


def may_see_upload(user: Any, item: SpreadsheetImport) -> bool:
    """A file's preview and outcome may show the private provider contacts typed into it: its uploader sees them, and
    otherwise only officers who may keep provider contacts."""
    return item.created_by_id == user.pk or spreadsheet.may_keep_provider_contacts(user)


def spreadsheet_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What an uploaded file would change; applying it (POST) queues the changes once, as a background task, and
    goes to its status page."""
    if not can_import(request.user):
        raise PermissionDenied
    item = get_object_or_404(SpreadsheetImport, pk=pk)
    if not may_see_upload(request.user, item):
        raise PermissionDenied
    if request.method == "POST":
        queued = SpreadsheetImport.objects.filter(pk=item.pk, status=SpreadsheetImport.PREVIEWED).update(
            status=SpreadsheetImport.QUEUED,
            publish=bool(request.POST.get("publish")),
            applied_by=request.user,
            rows_total=len(spreadsheet.to_apply(item.preview)),
        )
        if queued:  # not twice, whoever presses Apply again
            result = apply_spreadsheet.enqueue(item.pk)
            SpreadsheetImport.objects.filter(pk=item.pk).update(task_id=str(result.id))
        return redirect("openreferral_spreadsheet_status", item.pk)
    return TemplateResponse(
        request,
        "directory/openreferral/admin/spreadsheet_preview.html",
        {
            "item": item,
            "preview": item.preview,
            "page_title": f"Services spreadsheet: {item.file_name}",
            "header_title": "Services spreadsheet",
            "header_icon": "table",
        },
    )


def spreadsheet_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """How applying a file is going (rows done of the total), then what was saved; reloads itself until done."""
    if not can_import(request.user):
        raise PermissionDenied
    item = get_object_or_404(SpreadsheetImport.objects.select_related("created_by", "applied_by"), pk=pk)
    if not may_see_upload(request.user, item):
        raise PermissionDenied
    if item.status == SpreadsheetImport.PREVIEWED:
        return redirect("openreferral_spreadsheet_preview", item.pk)
    task = task_state(item.task_id)
    finished = item.status == SpreadsheetImport.DONE or (
        item.status == SpreadsheetImport.FAILED and (task is None or task.failed_for_good)
    )
    return TemplateResponse(
        request,
        "directory/openreferral/admin/spreadsheet_status.html",
        {
            "item": item,
            "outcome": item.outcome,
            "task": task,
            "refresh_seconds": None if finished else REFRESH_SECONDS,
            "page_title": f"Services spreadsheet: {item.file_name}",
            "header_title": "Services spreadsheet",
            "header_icon": "table",
        },
    )


def admin_urls() -> list[URLPattern]:
    return [
        path("open-data/import/", import_view, name="openreferral_import"),
        path("open-data/import/<int:pk>/", import_status_view, name="openreferral_import_status"),
        path("open-data/spreadsheet/", spreadsheet_view, name="openreferral_spreadsheet"),
        path("open-data/spreadsheet/<int:pk>/", spreadsheet_preview_view, name="openreferral_spreadsheet_preview"),
        path("open-data/spreadsheet/<int:pk>/apply/", spreadsheet_status_view, name="openreferral_spreadsheet_status"),
    ]


class TermMappingViewSet(ModelViewSet):
    """What each imported feed's taxonomy terms mean here. An officer chooses one of our need types or categories,
    one of our fixed choices, or "means nothing here"; the next import uses it."""

    model = TermMapping
    icon = "tag"
    menu_label = "Term mappings"
    name = "openreferral_terms"
    add_to_admin_menu = False
    form_fields = ["need_type", "category", "fixed", "ignore"]
    list_display = ["name", "taxonomy", "source_url", "need_type", "category", "fixed", "ignore"]
    list_filter = ["source_url", "ignore"]
    search_fields = ["name", "taxonomy"]
    inspect_view_enabled = False
    copy_view_enabled = False


term_mapping_viewset = TermMappingViewSet()


def can_map(user: Any) -> bool:
    return bool(user.is_active and user.has_perm("directory.change_termmapping"))


class OpenDataMenuItem(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_import(request.user) or can_map(request.user)


def open_data_menu_item() -> OpenDataMenuItem:
    return OpenDataMenuItem(
        "Open data",
        Menu(
            items=[
                PermittedMenuItem(
                    "Import from Open Referral",
                    reverse_lazy("openreferral_import"),
                    icon_name="download",
                    order=100,
                    check=can_import_feed,
                ),
                PermittedMenuItem(
                    "Services spreadsheet",
                    reverse_lazy("openreferral_spreadsheet"),
                    icon_name="table",
                    order=150,
                    check=can_import,
                ),
                PermittedMenuItem(
                    "Term mappings",
                    reverse_lazy("openreferral_terms:index"),
                    icon_name="tag",
                    order=200,
                    check=can_map,
                ),
            ]
        ),
        icon_name="globe",
        order=270,
    )
