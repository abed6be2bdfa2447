"""The page editor when publishing fails: the officer's work is kept as a draft and the message says so plainly.

Wagtail validates a publish fully and, when anything is missing, saves nothing and says "The page could not be saved
due to validation errors"; a draft is validated leniently (required fields deferred, ServicePageForm's publish rules
skipped). Here a failed publish (or submission for moderation) on an existing page saves the same input as a draft
when it is good enough for one, keeps the errors beside their fields (so each tab with an error gets Wagtail's error
badge), and the message at the top says what happened and lists what to fix, each item naming its tab and linking
to its field. A page not created yet is not saved (there is nowhere to keep a draft until it exists), and the message
says that instead.

Every page type gets these views through its own PageViewSet (Wagtail 8's per-page-type views), registered by
localoffer/wagtail_hooks.py.
"""

from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import Panel
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, get_page_models

ACTION_WORDS = {"publish": "published", "submit": "submitted for moderation"}


def panel_field_names(panel: Panel) -> Iterator[str]:
    """The form fields and formsets a panel (and everything inside it) shows, by the names errors are keyed on."""
    for attribute in ("field_name", "relation_name", "error_field"):
        name = getattr(panel, attribute, None)
        if name:
            yield name
    for child in getattr(panel, "children", ()):
        yield from panel_field_names(child)


def error_items(form) -> Iterator[tuple[str, str, str]]:
    """(field or formset name, the id of the element to go to, "Label: message") for every error of the form and of
    its formsets."""
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            label, target = "", ""
        else:
            label = form.fields[name].label if name in form.fields else name.replace("_", " ").capitalize()
            target = f"id_{name}"
        for error in errors:
            yield name, target, f"{label}: {error}" if label else error
    for name, formset in form.formsets.items():
        label = formset.model._meta.verbose_name_plural.capitalize()
        for error in formset.non_form_errors():
            yield name, f"id_{formset.prefix}-FORMS", f"{label}: {error}"
        for child in formset.forms:
            for field_name, errors in child.errors.items():
                field_label = child.fields[field_name].label if field_name in child.fields else "details"
                for error in errors:
                    yield name, f"id_{child.prefix}-{field_name}", f"{label}, {field_label}: {error}"


class HonestPublishErrorsMixin:
    """Shared by the edit and create views: the message of a failed publish or submission."""

    request: HttpRequest
    page: Page
    action_name: str

    def publish_failed_message(self, saved_draft: bool) -> str:
        verb = ACTION_WORDS[self.action_name]
        if saved_draft:
            if self.page.live:
                return (
                    f"Your changes are saved as a draft but not {verb}: families still see the published version. "
                    f"Fix the problems below, then try again."
                )
            return f"Your changes are saved as a draft but not {verb}. Fix the problems below, then try again."
        return (
            f"Nothing has been saved and the page is not {verb}. Fix the problems below, then try again, or save a "
            "draft to keep what you have typed."
        )

    def fix_list(self, form):
        """The problems as a list, each linking to its field and naming its tab. The link is Wagtail's own "skip
        link" controller (w-focus): it opens the tab holding the field, then moves focus to it."""
        tabs = []
        bound = self.edit_handler.get_bound_panel(instance=self.page, request=self.request, form=form)
        for child, _identifier in getattr(bound, "visible_children_with_identifiers", ()):
            tabs.append((set(panel_field_names(child.panel)), child.heading))
        rows = []
        for name, target, text in error_items(form):
            tab = next((heading for names, heading in tabs if name in names), None)
            where = f" ({tab} tab)" if tab else ""
            if target:
                rows.append(
                    format_html(
                        '<li><a href="#{}" data-controller="w-focus" data-action="w-focus#focus:prevent">{}</a>{}</li>',
                        target,
                        text,
                        where,
                    )
                )
            else:
                rows.append(format_html("<li>{}{}</li>", text, where))
        return format_html('<ul class="errorlist">{}</ul>', format_html_join("", "{}", ((row,) for row in rows)))

    def add_publish_failed_message(self, form, saved_draft: bool) -> None:
        message = self.publish_failed_message(saved_draft)
        messages.error(self.request, format_html("{}{}", message, self.fix_list(form)), extra_tags="publish-failed")

    def is_failed_publish(self) -> bool:
        return self.action_name in ACTION_WORDS and not getattr(self, "expects_json_response", False)


class PageEditView(HonestPublishErrorsMixin, EditView):
    def form_invalid(self, form):
        if not self.is_failed_publish() or self.locked_for_user or self.is_cancelling_workflow:
            return super().form_invalid(form)
        saved_draft = self.save_as_draft()
        self.add_publish_failed_message(form, saved_draft)
        self.errors_debug = repr(form.errors)
        self.has_unsaved_changes = not saved_draft
        return self.render_to_response(self.get_context_data())

    def save_as_draft(self) -> bool:
        """Save what was sent as a draft if a draft may hold it (as Wagtail's save action does); True if saved."""
        draft_form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=self.request.user,
        )
        draft_form.defer_required_fields()
        if not draft_form.is_valid():
            return False
        overwrite_revision = None
        if overwrite_revision_id := self.request.POST.get("overwrite_revision_id"):
            overwrite_revision = self.page.revisions.filter(pk=overwrite_revision_id).first()
        with transaction.atomic():
            page = draft_form.save(commit=not self.page.live)
            self.subscription.save()
            revision = page.save_revision(
                user=self.request.user,
                log_action=True,
                previous_revision=self.previous_revision,
                overwrite_revision=overwrite_revision,
                clean=False,
            )
        # The form rendered next carries the new revision, so the next save or autosave is not taken for a conflict.
        self.latest_revision = revision
        self.__dict__.pop("latest_revision_created_at", None)
        return True


class PageCreateView(HonestPublishErrorsMixin, CreateView):
    def form_invalid(self, form):
        if not self.is_failed_publish():
            return super().form_invalid(form)
        self.add_publish_failed_message(form, saved_draft=False)
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


class PageEditorViewSet(PageViewSet):
    """Wagtail's views of one page type, with the edit and create views above."""

    edit_view_class = PageEditView
    add_view_class = PageCreateView

    @cached_property
    def parent_models(self):
        # Explorer listings stay Wagtail's own for every parent: this viewset changes only editing.
        return []


def page_editor_viewsets() -> list[PageEditorViewSet]:
    """One viewset per page type of the project (Wagtail's Page keeps its own)."""
    return [
        PageEditorViewSet(name=f"page_editor_{model._meta.label_lower.replace('.', '_')}", model=model)
        for model in get_page_models()
        if model is not Page
    ]
