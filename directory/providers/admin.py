"""Officers' side of providers' updates: provider contacts (private, per service), the queue of proposed changes with
the side-by-side decision page, the dashboard count, the digest section and the log actions. Registered in
directory/wagtail_hooks.py."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser, Button

from localoffer.admin_menus import PermittedMenuItem
from localoffer.editorial_groups import NoAddPolicy
from localoffer.models import ReviewTeam
from localoffer.query_params import object_id

from ..services.models import ServicePage
from ..upkeep.dashboard import DashboardCount
from ..upkeep.digest import admin_url, fallback_email
from ..upkeep.views import AdminReport
from . import cycle, decisions, reports
from .forms import RejectForm
from .models import ProposedChange, ProviderContact

SLOW_DECISION_DAYS = 5


def can_decide(user):
    return user.is_active and (user.is_superuser or user.has_perm("directory.change_proposedchange"))


# Provider contacts -------------------------------------------------------------------------------------------


class ProviderContactCreateView(CreateView):
    """Opened from a service's page header ("Provider contact"), the service is filled in."""

    def get_initial_form_instance(self):
        service_id = object_id(self.request.GET.get("service"))
        if service_id is not None:
            service = ServicePage.objects.filter(pk=service_id).first()
            if service is not None:
                return ProviderContact(service=service)
        return super().get_initial_form_instance()


class ProviderContactViewSet(ModelViewSet):
    add_view_class = ProviderContactCreateView
    model = ProviderContact
    icon = "user"
    menu_label = "Provider contacts"
    url_prefix = "provider-contacts"
    name = "provider_contacts"
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["service__title", "name", "email"]
    list_per_page = 50
    ordering = ["service__title"]
    panels = [
        FieldPanel("service", widget=AdminPageChooser(target_models=[ServicePage])),
        FieldPanel("name"),
        FieldPanel("email"),
    ]
    list_display = [
        TitleColumn("service", label="Service", accessor="service", url_name="provider_contacts:edit"),
        "name",
        "email",
        DateColumn("updated_at", label="Changed"),
    ]


# The queue and the decision page ------------------------------------------------------------------------------


def decide_view(request, pk):
    if not can_decide(request.user):
        raise PermissionDenied
    change = get_object_or_404(ProposedChange.objects.select_related("service", "decided_by"), pk=pk)
    index_url = reverse("proposed_changes:index") + "?status=pending"
    reject_form = RejectForm()
    chosen: list[str] = []
    if request.method == "POST" and change.is_pending:
        action = request.POST.get("action")
        chosen = request.POST.getlist("fields")
        try:
            if action in ("accept_all", "accept_some"):
                keys = [d.key for d in decisions.review(change) if not d.already] if action == "accept_all" else chosen
                decisions.accept(
                    change,
                    keys,
                    request.user,
                    confirm_conflicts=request.POST.get("confirm_conflicts") == "on",
                    reason=request.POST.get("reason", ""),
                )
                page = ServicePage.objects.get(pk=change.service_id)
                if page.has_unpublished_changes:
                    messages.success(
                        request,
                        f"Accepted. {page.title} has a draft (or changes waiting for approval): the accepted changes "
                        "are in it, not yet published.",
                    )
                else:
                    messages.success(request, f"Accepted and published: {page.title} shows the changes now.")
                return redirect(index_url)
            if action == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    decisions.reject(change, reject_form.cleaned_data["reason"], request.user)
                    messages.success(request, f"Rejected. The provider of {change.service.title} has been told why.")
                    return redirect(index_url)
        except decisions.DecisionError as error:
            messages.error(request, str(error))
            change.refresh_from_db()
    diffs = decisions.review(change) if change.is_pending else []
    edited_since = any(d.edited_since for d in diffs)
    return TemplateResponse(
        request,
        "directory/providers/admin/decide.html",
        {
            "change": change,
            "service": change.service,
            "diffs": diffs,
            "chosen": chosen or [d.key for d in diffs if not d.conflict and not d.already],
            "edited_since": edited_since,
            "reject_form": reject_form,
            "page_title": f"Proposed change to {change.service.title}",
            "header_title": f"Proposed change to {change.service.title}",
            "header_icon": "edit",
            "index_url": index_url,
            "labels": dict(decisions.changes.LABELS),
        },
    )


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class ProposedChangeViewSet(ModelViewSet):
    model = ProposedChange
    icon = "edit"
    menu_label = "Proposed changes"
    url_prefix = "proposed-changes"
    name = "proposed_changes"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["status"]
    list_per_page = 50
    ordering = ["-created_at"]
    form_fields = ["rejection_reason"]
    list_display = [
        TitleColumn("service", label="Service", accessor="service", url_name="proposed_changes:edit"),
        StatusColumn("status", label="Status"),
        DateColumn("created_at", label="Sent"),
    ]

    def get_queryset(self, request):
        return ProposedChange.objects.select_related("service")

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in ("add", "edit", "copy")]
        patterns.append(path("edit/<int:pk>/", decide_view, name="edit"))
        return patterns


def provider_contact_button(page, user, view_name, next_url=None):
    """In a service's page header (its "More" menu): its provider contact, to see or change, or to add."""
    if page.specific_class is not ServicePage or not (
        user.is_superuser or user.has_perm("directory.change_providercontact")
    ):
        return
    contact = ProviderContact.objects.filter(service_id=page.pk).only("pk").first()
    if contact is not None:
        url = reverse("provider_contacts:edit", args=[contact.pk])
    else:
        url = reverse("provider_contacts:add") + f"?service={page.pk}"
    yield Button("Provider contact (private)", url, icon_name="user", priority=80)


class ProvidersViewSetGroup(ViewSetGroup):
    """The "Providers" menu: proposed changes waiting (and decided), and the private provider contacts."""

    menu_label = "Providers"
    menu_icon = "group"
    menu_order = 260
    items = (ProposedChangeViewSet, ProviderContactViewSet)


proposed_change_permission_policy = NoAddPolicy(ProposedChange)


def pending_count(request):
    if not can_decide(request.user):
        return None
    pending = ProposedChange.objects.filter(status=ProposedChange.STATUS_PENDING)
    slow = pending.filter(created_at__lt=timezone.now() - timedelta(days=SLOW_DECISION_DAYS)).count()
    return DashboardCount(
        label="Providers' proposed changes",
        count=pending.count(),
        url=reverse("proposed_changes:index") + "?status=pending",
        detail=f"{slow} waiting more than {SLOW_DECISION_DAYS} days" if slow else "none waiting long",
        alert=bool(slow),
        order=42,
    )


def digest_section(today):
    """For each owning team: its services' providers' changes waiting, confirmations this week, and providers who
    did not answer (the team should ask them another way, or review the page itself)."""
    fallback = fallback_email()
    by_email: dict[str, list[str]] = {}

    def team_email(page):
        return page.review_owner.email if page.review_owner_id and page.review_owner else fallback

    queue_url = admin_url(reverse("proposed_changes:index") + "?status=pending")
    waiting: dict[str, list[str]] = {}
    for change in ProposedChange.objects.filter(status=ProposedChange.STATUS_PENDING).select_related(
        "service__review_owner"
    ):
        waiting.setdefault(team_email(change.service), []).append(change.service.title)
    for email, titles in waiting.items():
        noun = "change" if len(titles) == 1 else "changes"
        by_email.setdefault(email, []).append(
            f"- {len(titles)} proposed {noun} from providers waiting for a decision ({', '.join(sorted(titles))}): "
            f"{queue_url}"
        )
    week_ago = timezone.now() - timedelta(days=7)
    for request in cycle.confirmed_since(week_ago):
        by_email.setdefault(team_email(request.service), []).append(
            f"- The provider confirmed {request.service.title} is all still right"
        )
    for request in cycle.unanswered():
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[request.service_id]))
        by_email.setdefault(team_email(request.service), []).append(
            f"- The provider has not answered about {request.service.title} (asked "
            f"{timezone.localtime(request.sent_at):%d %B %Y}): contact them another way or review it yourself: {edit}"
        )
    return "Providers keeping their listings right", by_email


def log_actions(actions):
    actions.register_action(
        cycle.CONFIRMED_ACTION, "Provider confirmed", "The provider confirmed it is all still right"
    )
    actions.register_action(
        decisions.ACCEPTED_ACTION, "Provider's change accepted", "Accepted changes proposed by the provider"
    )
    actions.register_action(
        decisions.REJECTED_ACTION, "Provider's change rejected", "Rejected changes proposed by the provider"
    )


# The report ---------------------------------------------------------------------------------------------------


class AnswersFilterForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=ReviewTeam.objects.all(), required=False, empty_label="Any team", label="Owning team"
    )
    never_confirmed = forms.BooleanField(required=False, label="Only services never confirmed by their provider")


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


class ProvidersAnswersView(AdminReport):
    template_name = "directory/providers/admin/answers.html"
    page_title = "Providers' answers"
    header_icon = "mail"
    filter_form_class = AnswersFilterForm
    csv_filename = "providers-answers.csv"
    csv_columns = [
        "Service",
        "Owning team",
        "Times asked",
        "Times answered",
        "Confirmed",
        "Proposed changes",
        "Last asked",
        "Last answer",
        "Last answered",
        "Median days to answer",
        "Never confirmed",
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_decide(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self):
        self.summary = reports.answers(self.filters.get("owner"), bool(self.filters.get("never_confirmed")))

    def csv_rows(self):
        for row in self.summary.rows:
            yield [
                row.service.title,
                row.service.review_owner or "",
                row.asked,
                row.answered,
                row.confirmed,
                row.proposed,
                _date(row.last_asked),
                row.last_answer,
                _date(row.last_answered),
                "" if row.median_days is None else row.median_days,
                "yes" if row.never_confirmed else "no",
            ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = self.summary
        return context


def admin_urls():
    return [path("reports/providers-answers/", ProvidersAnswersView.as_view(), name="providers_answers")]


def answers_menu_item():
    return PermittedMenuItem(
        "Providers' answers", reverse("providers_answers"), icon_name="mail", order=47, check=can_decide
    )
