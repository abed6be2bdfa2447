"""Officers manage the directory's taxonomies and organisations as snippets."""

from wagtail.snippets.models import register_snippet
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


from . import schools_hooks  # noqa: E402,F401,I001  (schools: SENCO submissions, GIAS import, dashboard counts)
register_snippet(DirectoryViewSetGroup)
from . import link_hooks  # noqa: E402,F401  (Broken links report, dashboard count, digest section)
