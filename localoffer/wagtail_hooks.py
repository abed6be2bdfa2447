"""The site shell's admin: statutory topics and review teams as snippets. (The review reports, dashboard and digest
are upkeep's: directory/wagtail_hooks.py registers them.)"""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
