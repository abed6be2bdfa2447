from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .csv_export import csv_response
from .models import ReviewTeam
from .reviews import DUE_SOON_DAYS, due_for_review, mark_reviewed, reviewed_page_models

TIER_CHOICES = [("", "Any tier"), ("universal", "Universal"), ("targeted", "Targeted"), ("specialist", "Specialist")]


class DueForReviewFilterForm(forms.Form):
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


class DueForReviewView(AdminReportMixin, TemplateView):
    template_name = "localoffer/admin/due_for_review.html"
    page_title = "Due for review"
    header_icon = "time"

    def get(self, request, *args, **kwargs):
        self.form = DueForReviewFilterForm(request.GET or None)
        filters = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        within = filters.get("within")
        self.items = due_for_review(
            within_days=DUE_SOON_DAYS if within is None else within,
            owner=filters.get("owner"),
            model=self.form.models.get(filters.get("type") or ""),
            tier=filters.get("tier") or None,
        )
        if request.GET.get("format") == "csv":
            return csv_response(
                "due-for-review.csv",
                ["Title", "Type", "Owner", "Owner email", "Last reviewed", "Due", "Status", "Edit link"],
                (
                    [
                        item.page.title,
                        item.page._meta.verbose_name,
                        item.page.review_owner or "",
                        item.page.review_owner.email if item.page.review_owner else "",
                        item.page.last_reviewed or "",
                        item.due,
                        "Overdue" if item.overdue else "Due soon",
                        request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=[item.page.pk])),
                    ]
                    for item in self.items
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            items=self.items,
            overdue_count=sum(item.overdue for item in self.items),
            csv_query=self.request.GET.urlencode(),
        )
        return context


@require_POST
def mark_page_reviewed(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "last_reviewed"):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_reviewed(page, request.user)
    messages.success(request, f"'{page.title}' marked as reviewed today.")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("localoffer_due_for_review")
    return redirect(next_url)
