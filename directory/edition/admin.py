"""Printed editions in the admin (Snippets, "Printed editions"): saving one has the worker make it again."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PrintedEdition
from .tasks import make_edition


class PrintedEditionViewSet(SnippetViewSet):
    model = PrintedEdition
    icon = "doc-full"
    menu_label = "Printed editions"
    add_to_admin_menu = False
    list_display = ["title", "arrange_by", "made_at", "service_count"]


def remake_after_save(request, instance):
    """after_create_snippet / after_edit_snippet: queue the edition to be made again with the officer's choices."""
    if isinstance(instance, PrintedEdition):
        make_edition.enqueue(instance.pk)
