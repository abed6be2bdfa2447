"""Officers keep the towns and areas (localities) venues belong to as snippets, in the Directory menu."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Locality


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = "Towns and areas"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
