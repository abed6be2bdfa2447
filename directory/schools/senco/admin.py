"""Officers' side of SENCO submissions: the listing, the decision page (approve, or reject with a reason), and the
dashboard count of submissions waiting. Registered in directory/wagtail_hooks.py."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from localoffer.editorial_groups import NoAddPolicy

from ...upkeep.dashboard import DashboardCount
from . import submissions
from .forms import RejectForm
from .models import SencoSubmission

SLOW_DECISION_DAYS = 5


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
                submissions.approve(submission, user=request.user, base_url=base_url)
                messages.success(request, f"Approved: {submission.school.title} now shows the new link.")
                return redirect(index_url)
            if action == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    submissions.reject(
                        submission, reject_form.cleaned_data["reason"], user=request.user, base_url=base_url
                    )
                    messages.success(request, f"Rejected. The SENCO for {submission.school.title} has been told why.")
                    return redirect(index_url)
        except submissions.DecisionError as error:
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


senco_submission_viewset = SencoSubmissionViewSet()
senco_permission_policy = NoAddPolicy(SencoSubmission)


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
