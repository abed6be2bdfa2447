"""The officers' dashboard on the Wagtail home page: one panel of counts, each linking to its report.

Each app adds its counts with `@hooks.register("localoffer_dashboard_counts")` on a function taking the request
and returning a DashboardCount, or None when that user may not see it."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .reviews import due_for_review


@dataclass
class DashboardCount:
    label: str
    count: int | str
    url: str
    detail: str = ""
    alert: bool = False  # shown loudly: something is wrong now
    order: int = 100


class OfficersDashboardPanel(Component):
    name = "localoffer_dashboard"
    template_name = "localoffer/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        counts = [count for fn in hooks.get_hooks("localoffer_dashboard_counts") if (count := fn(request))]
        return {"counts": sorted(counts, key=lambda count: count.order)}


@hooks.register("localoffer_dashboard_counts")
def due_for_review_count(request):
    items = due_for_review()
    overdue = sum(item.overdue for item in items)
    return DashboardCount(
        label="Due for review",
        count=len(items),
        url=reverse("localoffer_due_for_review"),
        detail=f"{overdue} overdue" if overdue else "none overdue",
        alert=bool(overdue),
        order=10,
    )
