"""Officers' side of schools: the GIAS import (the upload, with a dry run and new schools published or saved as
drafts; its status page and report, linking each school; running a dry run for real), the "Schools" admin menu,
the dashboard count of broken SEN information report links and the schools section of the owners' digest.
Registered in directory/wagtail_hooks.py."""

import difflib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.text import capfirst
from wagtail.admin.menu import Menu, SubmenuMenuItem

from localoffer.admin_menus import PermittedMenuItem
from localoffer.background.results import task_state
from localoffer.csv_export import csv_response

from ..upkeep.dashboard import DashboardCount
from ..upkeep.digest import admin_url, fallback_email
from .gias import COLUMNS, DOWNLOADS_URL, REQUIRED_COLUMNS, count_rows, decode, local_authorities, missing_columns
from .models import GiasImport, SchoolPage, SchoolsIndexPage
from .senco.admin import can_decide
from .senco.models import SencoSubmission
from .tasks import import_gias_upload

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
REFRESH_SECONDS = 3  # how often the status page of a running import reloads itself
LISTED = 100  # schools listed on the report page under each outcome; the CSV download has them all
PUBLISH, DRAFT = "publish", "draft"


class NewSchoolsForm(forms.Form):
    new_schools = forms.ChoiceField(
        label="New schools",
        choices=[
            (PUBLISH, "Publish them: families can find them straight away"),
            (DRAFT, "Save them as drafts: an officer checks each one and publishes it"),
        ],
        widget=forms.RadioSelect,
        required=False,  # missing: published, as before there was a choice
        initial=PUBLISH,
        help_text="Schools already on the Local Offer are updated whichever you choose.",
    )

    def clean_new_schools(self):
        return self.cleaned_data["new_schools"] or PUBLISH


class GiasUploadForm(NewSchoolsForm):
    csv_file = forms.FileField(
        label="GIAS CSV file",
        help_text="From Get Information about Schools: the establishment fields CSV (edubasealldata), or a "
        "download of your area's establishments as CSV.",
        error_messages={
            "required": "Choose the GIAS CSV file to upload",
            "empty": "The file you chose is empty",
            "invalid": "Choose the GIAS CSV file to upload",
        },
    )
    la_name = forms.CharField(
        label="Your local authority, as GIAS spells it",
        max_length=120,
        error_messages={"required": "Enter your local authority's name as GIAS spells it, for example Northbrook"},
    )
    neighbours = forms.CharField(
        label="Neighbouring local authorities (optional)",
        required=False,
        max_length=500,
        help_text="Separate names with commas. Their schools are marked 'outside our area'.",
    )
    field_order = ["csv_file", "la_name", "neighbours", "new_schools"]

    text = ""  # the file's text, once it has been read

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_fields()

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self):
        """Each input names its help text and its error (aria-describedby), as the template gives them ids."""
        for name, field in self.fields.items():
            errors = self.is_bound and hasattr(self, "_errors") and self._errors is not None and name in self._errors
            ids = ([f"id_{name}-error"] if errors else []) + ([f"id_{name}-help"] if field.help_text else [])
            field.widget.attrs.pop("aria-invalid", None)
            if errors:
                field.widget.attrs["aria-invalid"] = "true"
            if ids and name != "new_schools":  # the radios' fieldset is described instead
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB. Download your area only.")
        name = upload.name.lower()
        if name.endswith(".zip"):
            raise forms.ValidationError("This is a zip file. Open it and upload the .csv file inside")
        if name.endswith((".xls", ".xlsx", ".ods")):
            raise forms.ValidationError("This is a spreadsheet, not CSV. Upload a .csv file: GIAS downloads as CSV")
        if not name.endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file")
        data = upload.read()
        upload.seek(0)
        if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
            raise forms.ValidationError(
                "The file is named .csv but is not a CSV file (it may be a spreadsheet or a zip). "
                "Upload the CSV file from GIAS"
            )
        text = decode(data).replace("\x00", "")  # PostgreSQL text cannot hold NUL
        missing = missing_columns(text)
        if len(missing) == len(REQUIRED_COLUMNS):
            raise forms.ValidationError(
                "The file is not a GIAS export: it has none of the columns the import reads "
                "(see 'Columns the import reads')"
            )
        if missing:
            raise forms.ValidationError(
                "The file has no column " + ", ".join(f"'{column}'" for column in missing) + ". Download the CSV of "
                "all establishment fields from GIAS"
            )
        if not count_rows(text):
            raise forms.ValidationError("The file has column headings but no schools")
        self.text = text
        return upload

    def neighbour_names(self):
        return [name.strip() for name in self.cleaned_data.get("neighbours", "").split(",") if name.strip()]

    def clean(self):
        cleaned = super().clean()
        if not self.text:
            return cleaned
        found = local_authorities(self.text)
        for field_name, names in (("la_name", [cleaned.get("la_name", "")]), ("neighbours", self.neighbour_names())):
            for name in names:
                if name and " ".join(name.split()).lower() not in found:
                    close = difflib.get_close_matches(name, sorted(found.values()), n=1)
                    hint = f" Did you mean '{close[0]}'?" if close else " Check the spelling GIAS uses."
                    self.add_error(field_name, f"No school in this file is in '{name}'.{hint}")
        return cleaned


def can_import(user):
    """Who may import the schools register: officers who may add and publish schools (an import publishes the
    changes to schools already here, whether new ones wait as drafts or not)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    index = SchoolsIndexPage.objects.first()
    if index is None:
        return False
    permissions = index.permissions_for_user(user)
    return bool(permissions.can_add_subpage() and permissions.can_publish_subpage())


def gias_import_view(request):
    """The upload form. The import itself runs in the background: the upload is stored, queued, and the officer is
    sent to its status page at once. "Check the file" queues a dry run instead."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = GiasUploadForm(request.POST, request.FILES)
        if form.is_valid():
            gias_import = GiasImport.objects.create(
                file_name=form.cleaned_data["csv_file"].name[:255],
                file_text=form.text,
                la_name=form.cleaned_data["la_name"],
                neighbours=form.neighbour_names(),
                dry_run=request.POST.get("action") == "dry_run",
                publish_new=form.cleaned_data["new_schools"] == PUBLISH,
                created_by=request.user,
            )
            GiasImport.forget_old_dry_run_files()
            return queue(gias_import)
    else:
        form = GiasUploadForm()
    return TemplateResponse(
        request,
        "directory/schools/admin/gias_import.html",
        {
            "form": form,
            "columns": COLUMNS,
            "downloads_url": DOWNLOADS_URL,
            "recent": GiasImport.objects.defer("file_text", "report").select_related("created_by")[:5],
            "page_title": "Import schools from GIAS",
            "header_title": "Import schools from GIAS",
            "header_icon": "download",
        },
    )


def queue(gias_import):
    queued = import_gias_upload.enqueue(gias_import.pk)
    GiasImport.objects.filter(pk=gias_import.pk).update(task_id=str(queued.id))
    return redirect("schools_gias_import_status", gias_import.pk)


def gias_import_run_view(request, pk):
    """Run a dry run for real: its kept file, imported as it said, with the officer's choice for new schools."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("schools_gias_import_status", pk)
    form = NewSchoolsForm(request.POST)
    form.is_valid()  # a missing or unknown choice publishes, as the upload form does
    with transaction.atomic():
        dry_run = get_object_or_404(GiasImport.objects.select_for_update(), pk=pk, dry_run=True)
        already = dry_run.real_runs.order_by("pk").first()
        if already:  # pressed twice, or by two officers: one import
            return redirect("schools_gias_import_status", already.pk)
        if not dry_run.can_run_for_real:
            messages.error(request, "This dry run cannot be run for real: upload the file again.")
            return redirect("schools_gias_import_status", pk)
        real = GiasImport.objects.create(
            file_name=dry_run.file_name,
            file_text=dry_run.file_text,
            la_name=dry_run.la_name,
            neighbours=dry_run.neighbours,
            publish_new=form.cleaned_data.get("new_schools", PUBLISH) == PUBLISH,
            dry_run_of=dry_run,
            created_by=request.user,
        )
        GiasImport.objects.filter(pk=dry_run.pk).update(file_text="")
    return queue(real)


def change_labels(names):
    return [capfirst(str(SchoolPage._meta.get_field(name).verbose_name)) for name in names or []]


def report_sections(report):
    """The schools of each outcome for the report page (the first LISTED of each), with their admin edit links."""
    names, changes = report.get("names", {}), report.get("changes", {})
    sections = []
    for kind, heading in (("created", "New schools"), ("updated", "Updated"), ("closed", "Marked closed")):
        urns = report.get(kind, [])
        pages = {
            urn: (pk, live)
            for urn, pk, live in SchoolPage.objects.filter(urn__in=urns[:LISTED]).values_list("urn", "pk", "live")
        }
        rows = [
            {
                "urn": urn,
                "name": names.get(str(urn), ""),
                "changes": change_labels(changes.get(str(urn))),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[pages[urn][0]]) if urn in pages else "",
                "draft": urn in pages and not pages[urn][1],
            }
            for urn in urns[:LISTED]
        ]
        sections.append({"kind": kind, "heading": heading, "count": len(urns), "rows": rows})
    return sections


def report_csv(gias_import):
    report = gias_import.report or {}
    names, changes = report.get("names", {}), report.get("changes", {})
    pages = dict(SchoolPage.objects.values_list("urn", "pk"))
    rows = []
    outcomes = {"created": "created", "updated": "updated", "closed": "marked closed"}
    for kind, label in outcomes.items():
        for urn in report.get(kind, []):
            edit = admin_url(reverse("wagtailadmin_pages:edit", args=[pages[urn]])) if urn in pages else ""
            what = ", ".join(change_labels(changes.get(str(urn))))
            rows.append(
                [("would be " if gias_import.dry_run else "") + label, "", urn, names.get(str(urn), ""), what, edit]
            )
    for line, urn, reason in report.get("rejected", []):
        rows.append(["rejected", line, urn, "", reason, ""])
    for line, urn, note in report.get("warnings", []):
        rows.append(["note", line, urn, "", note, ""])
    kind = "dry-run" if gias_import.dry_run else "import"
    return csv_response(
        f"gias-{kind}-{gias_import.pk}.csv", ["Outcome", "Line", "URN", "School", "Changes or reason", "Edit"], rows
    )


def gias_import_status_view(request, pk):
    """Where an import has got to: waiting, importing (rows done of all), done (the report) or failed (the error,
    and whether it will be tried again). The page reloads itself until the import is over. A finished dry run
    offers to run it for real."""
    if not can_import(request.user):
        raise PermissionDenied
    gias_import = get_object_or_404(GiasImport.objects.select_related("created_by", "dry_run_of"), pk=pk)
    if request.GET.get("download") == "csv" and gias_import.report:
        return report_csv(gias_import)
    task = task_state(gias_import.task_id)
    finished = gias_import.status == GiasImport.DONE or (
        gias_import.status == GiasImport.FAILED and (task is None or task.failed_for_good)
    )
    report = gias_import.report
    return TemplateResponse(
        request,
        "directory/schools/admin/gias_import_status.html",
        {
            "gias_import": gias_import,
            "report": report,
            "sections": report_sections(report) if report and not report.get("fatal") else [],
            "listed": LISTED,
            "real_run": gias_import.real_runs.order_by("pk").first() if gias_import.dry_run else None,
            "run_form": NewSchoolsForm(initial={"new_schools": PUBLISH if gias_import.publish_new else DRAFT}),
            "task": task,
            "refresh_seconds": None if finished else REFRESH_SECONDS,
            "page_title": f"GIAS {'dry run' if gias_import.dry_run else 'import'}: {gias_import.file_name}",
            "header_title": "Import schools from GIAS",
            "header_icon": "download",
        },
    )


def admin_urls():
    return [
        path("schools/import-gias/", gias_import_view, name="schools_gias_import"),
        path("schools/import-gias/<int:pk>/", gias_import_status_view, name="schools_gias_import_status"),
        path("schools/import-gias/<int:pk>/run/", gias_import_run_view, name="schools_gias_import_run"),
    ]


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
