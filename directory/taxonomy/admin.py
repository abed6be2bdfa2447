"""Officers manage the directory's taxonomies and organisations as snippets, grouped under "Directory" in the menu."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AreaOfNeed, NeedType, Organisation, ServiceCategory


class AreaOfNeedViewSet(SnippetViewSet):
    model = AreaOfNeed
    icon = "folder-open-inverse"
    menu_label = "Areas of need"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class NeedTypeViewSet(SnippetViewSet):
    model = NeedType
    icon = "tag"
    menu_label = "Need types"
    list_display = ["name", "area", "slug", "sort_order"]
    list_filter = ["area"]
    ordering = ["area__sort_order", "sort_order", "name"]


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "list-ul"
    menu_label = "Service categories"
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "provider_type", "website"]
    list_filter = ["provider_type"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Directory"
    menu_icon = "list-ul"
    menu_order = 250
    items = (OrganisationViewSet, ServiceCategoryViewSet, AreaOfNeedViewSet, NeedTypeViewSet)
