"""Officers' side of schools: SENCO submissions to approve or reject (with a reason), and the GIAS import upload."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import senco
from .models.schools import SchoolsIndexPage, SencoSubmission
from .schools_import import import_gias
from .senco_forms import RejectForm

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class NoAddPolicy(ModelPermissionPolicy):
    """Submissions come from SENCOs only: officers may view, decide and delete, never add."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def can_decide(user):
    return user.is_active and (user.is_superuser or user.has_perm("directory.change_sencosubmission"))


def decide_view(request, pk):
    if not can_decide(request.user):
        raise PermissionDenied
    submission = get_object_or_404(SencoSubmission.objects.select_related("school", "decided_by"), pk=pk)
    reject_form = RejectForm()
    index_url = reverse("senco_submissions:index")
    base_url = request.build_absolute_uri("/")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                senco.approve(submission, user=request.user, base_url=base_url)
                messages.success(request, f"Approved: {submission.school.title} now shows the new link.")
                return redirect(index_url)
            if action == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    senco.reject(submission, reject_form.cleaned_data["reason"], user=request.user, base_url=base_url)
                    messages.success(request, f"Rejected. The SENCO for {submission.school.title} has been told why.")
                    return redirect(index_url)
        except senco.DecisionError as error:
            messages.error(request, str(error))
            submission.refresh_from_db()
    earlier = (
        SencoSubmission.objects.filter(school=submission.school).exclude(pk=submission.pk).order_by("-created_at")[:10]
    )
    return TemplateResponse(
        request,
        "directory/schools/admin/decide.html",
        {
            "submission": submission,
            "school": submission.school,
            "reject_form": reject_form,
            "earlier": earlier,
            "page_title": f"SENCO submission for {submission.school.title}",
            "header_title": f"SENCO submission for {submission.school.title}",
            "header_icon": "mail",
            "index_url": index_url,
            "can_decide": submission.status == SencoSubmission.STATUS_PENDING,
        },
    )


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class LinkColumn(Column):
    def get_value(self, instance):
        if instance.link_loaded is None:
            return "Not checked"
        return "Loaded" if instance.link_loaded else f"Did not load: {instance.link_error}"


class SencoSubmissionViewSet(ModelViewSet):
    model = SencoSubmission
    icon = "mail"
    menu_label = "SENCO submissions"
    add_to_admin_menu = False
    url_prefix = "senco-submissions"
    name = "senco_submissions"
    copy_view_enabled = False
    list_filter = ["status"]
    list_per_page = 50
    ordering = ["-created_at"]
    form_fields = ["rejection_reason"]
    list_display = [
        TitleColumn("school", label="School", accessor="school", url_name="senco_submissions:edit"),
        StatusColumn("status", label="Status"),
        LinkColumn("link", label="Link check"),
        DateColumn("created_at", label="Sent"),
    ]

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in ("add", "edit", "copy")]
        # "edit" is the decision page: the listing links each row's title there.
        patterns.append(path("edit/<int:pk>/", decide_view, name="edit"))
        return patterns


register_permission_policy(SencoSubmission, NoAddPolicy(SencoSubmission))
senco_submission_viewset = SencoSubmissionViewSet()


# GIAS upload ---------------------------------------------------------------------------------------------------


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
