"""Bulk actions officers take on pages they have ticked in a page listing (the services listing, the explorer):
give them an owning team, or mark them reviewed with a one-line note of what was checked. Pages of types without
review fields are listed as ones the action cannot change."""

from django import forms
from django.db import transaction
from django.http import Http404
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from localoffer.models import ReviewedPageMixin, ReviewTeam

from .reviews import mark_reviewed

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
        pages = list(model.objects.filter(pk__in=object_ids).specific())
        if not pages:
            raise Http404("No pages chosen.")
        return pages

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
        # The live row and the latest revision both, so a later publish of a draft keeps the team.
        with transaction.atomic():
            for page in objects:
                page.review_owner = team
                page.save(update_fields=["review_owner"], clean=False)
                revision = page.latest_revision
                if revision is not None:
                    revision.content["review_owner"] = team.pk
                    revision.save(update_fields=["content"])
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
