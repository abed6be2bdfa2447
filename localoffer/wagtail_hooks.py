from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import digest  # noqa: F401  (registers the review section of the weekly digest)
from .admin_views import DueForReviewView, mark_page_reviewed
from .dashboard import OfficersDashboardPanel
from .models import ReviewTeam, StatutoryTopic


class StatutoryTopicViewSet(SnippetViewSet):
    model = StatutoryTopic
    icon = "list-ol"
    menu_label = "Statutory topics"
    list_display = ["number", "title"]
    add_to_admin_menu = False


class ReviewTeamViewSet(SnippetViewSet):
    model = ReviewTeam
    icon = "group"
    menu_label = "Review teams"
    list_display = ["name", "email"]
    add_to_settings_menu = True


register_snippet(StatutoryTopicViewSet)
register_snippet(ReviewTeamViewSet)


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("reports/due-for-review/", DueForReviewView.as_view(), name="localoffer_due_for_review"),
        path("pages/<int:page_id>/mark-reviewed/", mark_page_reviewed, name="localoffer_mark_reviewed"),
    ]


@hooks.register("register_reports_menu_item")
def due_for_review_menu_item():
    return MenuItem("Due for review", reverse("localoffer_due_for_review"), icon_name="time", order=10)


@hooks.register("construct_homepage_panels")
def officers_dashboard(request, panels):
    panels.insert(0, OfficersDashboardPanel())


@hooks.register("register_log_actions")
def review_log_actions(actions):
    actions.register_action("localoffer.mark_reviewed", "Mark reviewed", "Marked as reviewed")
