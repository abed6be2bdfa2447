"""A service page's body (all of it but My list's button, which differs between visitors), rendered once and kept in
the process under the content version (localoffer/caching/version.py), which every saved row renews: a kept body is
never older than what it shows. Loading the service's needs, categories, venues and contacts and explaining its words
from the glossary cost more than the rest of the page; a page from a kept body costs neither.

Previews are never kept: they show a draft, under the live page's id."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from localoffer.caching.version import KeptInProcess

from . import maps

if TYPE_CHECKING:
    from wagtail.models import Page

TEMPLATE = "directory/includes/service_body.html"
# Where the rendered body is split: no text a visitor sees can hold these (it is escaped).
HEAD_END = "<!--head-end-->"
BUTTON_SLOT = "<!--my-list-button-->"
MAX_PAGES = 2000  # per process (a body is a few kB); past it, the kept bodies are dropped and made again


@dataclass
class Body:
    head: SafeString  # the structured data, for <head>
    before_button: SafeString
    after_button: SafeString
    map: dict[str, Any] | None  # the map's data when the body shows one (the page's policy then lets in its tiles)


_kept: KeptInProcess[tuple[str | None, str, int, maps.Tiles | None], Body] = KeptInProcess(MAX_PAGES)


def body(page: "Page", directory: "Page", request: HttpRequest) -> Body:
    """The page's body for this request's address (links are made for its host), kept unless it is a preview."""
    if getattr(request, "is_preview", False):
        return render(page, directory, request)
    entries = _kept.entries()
    key = (request.scheme, request.get_host(), page.pk, maps.tiles())
    found = entries.get(key)
    if found is None:
        found = entries[key] = render(page, directory, request)
    return found


def render(page: "Page", directory: "Page", request: HttpRequest) -> Body:
    # Each list the page shows, read once (the template and the structured data both use them).
    prefetch_related_objects([page], "categories", "need_types", "venues", "contacts")
    context = {"page": page, "self": page, "directory": directory}
    tiles = maps.tiles()
    if tiles is not None:
        context.update(maps.map_context(maps.venue_markers(page.venues.all()), tiles))
    html = render_to_string(TEMPLATE, context, request=request)
    head, _end, rest = html.partition(HEAD_END)
    before, _slot, after = rest.partition(BUTTON_SLOT)
    return Body(mark_safe(head), mark_safe(before), mark_safe(after), context.get("map"))  # noqa: S308
