"""Bulk actions of the comments inbox: give many comments one theme, or one status, at once (Wagtail's bulk actions:
tick comments in the inbox, choose the action, confirm on the next page).

The rules of one comment hold for many: a comment takes only a theme of the report covering the day it was
received, an excluded comment answers no theme and has a reason, and a comment with a theme is no longer new. The
comments an action cannot change are left as they were, and the officer is told how many and why."""

from django import forms
from django.http import Http404
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from localoffer.query_params import object_id

from .models import Comment, Theme

CHANGE_PERMISSION = "feedback.change_comment"


def plural(count, word="comment"):
    return f"{count} {word}{'' if count == 1 else 's'}"


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.report.title})"


class SetThemeForm(forms.Form):
    theme = ThemeChoiceField(
        queryset=Theme.objects.none(),
        label="Theme",
        help_text="Only the themes of the report that covers the dates of these comments are offered.",
        error_messages={"required": "Choose the theme these comments answer."},
    )

    def __init__(self, *args, comments=(), **kwargs):
        super().__init__(*args, **kwargs)
        days = {timezone.localdate(comment.received_at) for comment in comments}
        themes = Theme.objects.none()
        for day in days:
            themes = themes | Theme.objects.for_day(day)
        self.fields["theme"].queryset = themes.select_related("report").order_by("-report__period_start", "sort_order")


class SetStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Comment.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status these comments will have."},
    )
    exclusion_reason = forms.ChoiceField(
        label="Why they are excluded",
        choices=[("", "---------"), *Comment.ExclusionReason.choices],
        required=False,
        help_text="Needed when the status is Excluded. Excluding a comment takes it out of its theme.",
    )

    def __init__(self, *args, comments=(), **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Comment.Status.EXCLUDED and not cleaned.get("exclusion_reason"):
            self.add_error("exclusion_reason", "Choose why these comments are excluded.")
        return cleaned


class CommentBulkAction(BulkAction):
    models = [Comment]
    template_name = "feedback/admin/bulk_comment_action.html"
    question = ""
    button = ""

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in map(object_id, object_ids) if pk is not None]
        comments = list(model.objects.filter(pk__in=ids).select_related("theme__report").order_by("-received_at"))
        if not comments:
            raise Http404("No comments chosen.")
        return comments

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" would mean every comment, whatever the inbox was filtered to: not offered.
        return []

    def check_perm(self, obj):
        return self.request.user.has_perm(CHANGE_PERMISSION)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "comments": self.get_actionable_objects()[0]}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    def report_left_alone(self, count, why):
        if count:
            messages.warning(self.request, f"{plural(count)} left as {'it was' if count == 1 else 'they were'}: {why}")


class SetThemeBulkAction(CommentBulkAction):
    display_name = "Set theme"
    action_type = "set_theme"
    aria_label = "Set theme of the selected comments"  # begins with the visible label (WCAG 2.5.3)
    form_class = SetThemeForm
    action_priority = 10
    question = "Give these comments a theme:"
    button = "Set theme"

    def get_execution_context(self):
        return {"theme": self.cleaned_form.cleaned_data["theme"]}

    @classmethod
    def execute_action(cls, objects, theme=None, **kwargs):
        report = theme.report
        fits = [
            comment.pk
            for comment in objects
            if comment.status != Comment.Status.EXCLUDED
            and report.period_start <= timezone.localdate(comment.received_at) <= report.period_end
        ]
        now = timezone.now()
        Comment.objects.filter(pk__in=fits).update(theme=theme, updated_at=now)
        Comment.objects.filter(pk__in=fits, status=Comment.Status.NEW).update(status=Comment.Status.REVIEWED)
        return len(fits), len(objects) - len(fits)

    def get_success_message(self, num_parent_objects, num_child_objects):
        theme = self.cleaned_form.cleaned_data["theme"]
        self.report_left_alone(num_child_objects, f"they were received outside {theme.report.title}, or are excluded.")
        return f"{plural(num_parent_objects)} now answer{'s' if num_parent_objects == 1 else ''} '{theme.title}'."


class SetStatusBulkAction(CommentBulkAction):
    display_name = "Set status"
    action_type = "set_status"
    aria_label = "Set status of the selected comments"
    form_class = SetStatusForm
    action_priority = 20
    question = "Set the status of these comments:"
    button = "Set status"

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {"status": data["status"], "reason": data.get("exclusion_reason", "")}

    @classmethod
    def execute_action(cls, objects, status=None, reason="", **kwargs):
        ids = [comment.pk for comment in objects]
        changes = {"status": status, "updated_at": timezone.now(), "exclusion_reason": ""}
        if status == Comment.Status.NEW:
            # A comment that answers a theme has been read: it stays reviewed.
            ids = [comment.pk for comment in objects if comment.theme_id is None]
        elif status == Comment.Status.EXCLUDED:
            changes.update(exclusion_reason=reason, theme=None)
        Comment.objects.filter(pk__in=ids).update(**changes)
        return len(ids), len(objects) - len(ids)

    def get_success_message(self, num_parent_objects, num_child_objects):
        status = Comment.Status(self.cleaned_form.cleaned_data["status"]).label
        self.report_left_alone(num_child_objects, "a comment with a theme cannot be new; remove its theme first.")
        return f"{plural(num_parent_objects)} set to {status}."
