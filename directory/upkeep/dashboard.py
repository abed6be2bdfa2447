"""The officers' dashboard on the Wagtail home page: one panel of counts, each linking to its report.

A count is a function taking the request and returning a DashboardCount, or None when that user may not see it,
registered for the "localoffer_dashboard_counts" hook in a wagtail_hooks.py."""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.ui.components import Component


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


def add_dashboard_panel(request, panels):
    panels.insert(0, OfficersDashboardPanel())
