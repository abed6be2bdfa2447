from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import StatutoryTopic


class StatutoryTopicViewSet(SnippetViewSet):
    model = StatutoryTopic
    icon = "list-ol"
    menu_label = "Statutory topics"
    list_display = ["number", "title"]
    add_to_admin_menu = False


register_snippet(StatutoryTopicViewSet)
