from django.utils import timezone
from wagtail.admin.panels import Panel


class ReviewStatusPanel(Panel):
    """Tells officers loudly, at the top of the editor, when a page is overdue for review (or due soon)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "localoffer/admin/review_status_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk and getattr(self.instance, "review_due", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            due = self.instance.review_due
            context.update(due=due, days=(due - timezone.localdate()).days)
            return context


class FieldErrorsPanel(Panel):
    """The errors of a form field that has no widget of its own: a rule about a group of fields (such as "tick at
    least one of these") keyed on a name the form declares, shown where the group is, so the group's tab gets
    Wagtail's error badge (it counts the `.error-message` elements in a tab)."""

    def __init__(self, error_field, **kwargs):
        super().__init__(**kwargs)
        self.error_field = error_field

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "error_field": self.error_field}

    class BoundPanel(Panel.BoundPanel):
        template_name = "localoffer/admin/field_errors_panel.html"

        def is_shown(self):
            return bool(self.form is not None and self.form.errors.get(self.panel.error_field))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(errors=self.form.errors.get(self.panel.error_field), field_id=f"id_{self.panel.error_field}")
            return context
