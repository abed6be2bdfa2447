"""The site shell's admin: statutory topics, review teams and the glossary as snippets; the page editor of every page
type (page_editing.py: a failed publish keeps the draft and says so). (The review reports, dashboard and digest
are upkeep's: directory/wagtail_hooks.py registers them.)"""

from django import forms
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .glossary.models import GlossaryTerm
from .models import ReviewTeam, StatutoryTopic
from .page_editing import page_editor_viewsets
from .synonyms.models import Synonym


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
    panels = [FieldPanel("name"), FieldPanel("email"), FieldPanel("members", widget=forms.CheckboxSelectMultiple)]
    add_to_settings_menu = True


class GlossaryTermViewSet(SnippetViewSet):
    """The words explained to families where pages first use them, and in the A to Z glossary (/glossary/)."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["term", "explanation", "updated_at"]
    search_fields = ["term", "other_names", "explanation"]
    search_backend_name = None  # a plain database search: the seeded terms are found without a search index
    ordering = ["term"]


class SynonymViewSet(SnippetViewSet):
    """Families' own words for what our pages call something else, used by both searches."""

    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["means", "family_words", "updated_at"]
    search_fields = ["means", "family_words"]
    search_backend_name = None
    ordering = ["means"]


register_snippet(StatutoryTopicViewSet)
register_snippet(ReviewTeamViewSet)
register_snippet(GlossaryTermViewSet)
register_snippet(SynonymViewSet)
hooks.register("register_admin_viewset", page_editor_viewsets)
