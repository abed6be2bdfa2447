"""Bulk actions officers take on pages they have ticked in a page listing (the services listing, the explorer):
give them an owning team, or mark them reviewed with a one-line note of what was checked. Pages of types without
review fields are listed as ones the action cannot change."""

from urllib.parse import urlsplit

from django import forms
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.models import Page

from localoffer.models import ReviewedPageMixin, ReviewTeam
from localoffer.query_params import object_id

from ..services.models import ServicePage
from ..upkeep.reviews import mark_reviewed, set_review_owner
from .filters import ServiceFilterSet

NOTE_HELP = "One line saying what you checked, such as 'Phone number and opening times confirmed with the team'."


class OwningTeamForm(forms.Form):
    review_owner = forms.ModelChoiceField(
        queryset=ReviewTeam.objects.all(),
        label="Owning team",
        help_text="The team that checks these pages and is reminded when they are due for review.",
        error_messages={"required": "Choose the team that will own these pages."},
    )


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label="What did you check?",
        max_length=200,
        help_text=NOTE_HELP,
        error_messages={"required": "Say in one line what you checked."},
    )


class ReviewedPagesBulkAction(PageBulkAction):
    template_name = "directory/admin/bulk_review_action.html"

    @classmethod
    def get_queryset(cls, model, object_ids):
        pks = [pk for pk in map(object_id, object_ids) if pk is not None]  # ids typed into the address are ignored
        pages = list(model.objects.filter(pk__in=pks).specific())
        if not pages:
            raise Http404("No pages chosen.")
        return pages

    def get_all_objects_in_listing_query(self, parent_id):
        # Wagtail's answer to "Select all in listing" is every page matching the search (or every child of the
        # explored page), whatever the listing was filtered to (wagtail#12853): an officer who narrowed the services
        # to a dozen and chose "all" would change every page of the site. The listing's query string comes with
        # the request: apply its filters too, the services listing's own or the page explorer's.
        searched = list(super().get_all_objects_in_listing_query(parent_id))
        from_services_listing = urlsplit(self.request.GET.get("next", "")).path == reverse("services:index")
        filterset_class, model = (ServiceFilterSet, ServicePage) if from_services_listing else (PageFilterSet, Page)
        pages = model.objects.filter(pk__in=searched)
        filterset = filterset_class(self.request.GET, queryset=pages, request=self.request)
        return list(filterset.qs.values_list("pk", flat=True)) if filterset.is_valid() else []

    def check_perm(self, page):
        return isinstance(page, ReviewedPageMixin) and page.permissions_for_user(self.request.user).can_edit()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}


class AssignOwningTeamBulkAction(ReviewedPagesBulkAction):
    display_name = "Assign owning team"
    action_type = "assign_owning_team"
    aria_label = "Assign an owning team to the selected pages"
    form_class = OwningTeamForm
    action_priority = 60
    question = "Give these pages an owning team:"
    button = "Assign team"

    def get_execution_context(self):
        return {"team": self.cleaned_form.cleaned_data["review_owner"]}

    @classmethod
    def execute_action(cls, objects, team=None, **kwargs):
        with transaction.atomic():
            for page in objects:
                set_review_owner(page, team)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        team = self.cleaned_form.cleaned_data["review_owner"]
        return f"{num_parent_objects} page{'s' if num_parent_objects != 1 else ''} now owned by {team}."


class MarkReviewedBulkAction(ReviewedPagesBulkAction):
    display_name = "Mark reviewed"
    action_type = "mark_reviewed"
    aria_label = "Mark the selected pages as reviewed today"
    form_class = ReviewNoteForm
    action_priority = 61
    question = "Mark these pages as reviewed today? Your note is kept in each page's history."
    button = "Yes, mark reviewed"

    def get_execution_context(self):
        return {"user": self.request.user, "note": self.cleaned_form.cleaned_data["note"]}

    @classmethod
    def execute_action(cls, objects, user=None, note="", **kwargs):
        for page in objects:
            mark_reviewed(page, user, note=note)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} page{'s' if num_parent_objects != 1 else ''} marked as reviewed today."
