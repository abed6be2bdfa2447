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
