"""What every public page type asks the database on each request, remembered under the content version
(version.py), so a page costs only the queries of its own content.

- Routing: Wagtail finds each level of the address with two queries (the child by slug, then its specific type);
  here each (parent, slug) step's specific page is remembered. Any saved, published, moved or deleted page starts a
  new version, so a copy is never older than the page.
- View restrictions: Wagtail reads the page's ancestors and their restrictions (two queries) on every page served,
  and `visible()` asks again. Most councils restrict nothing: while no restriction exists anywhere, both are
  skipped; adding or removing one starts a new version.
- Breadcrumbs: the live ancestors of a page, remembered per parent (10,000 services share one entry)."""

from typing import Any

from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from .version import remember


def any_view_restrictions() -> bool:
    return remember("any-view-restriction", lambda: PageViewRestriction.objects.exists())


def breadcrumbs(page: Page) -> list[Page]:
    """The live ancestors of a page below the site root, home first (empty on the home page itself)."""
    if page.depth <= 2:
        return []
    return remember(
        f"breadcrumbs:{page.path[: -page.steplen]}",
        lambda: list(page.get_ancestors().filter(depth__gte=2).live().specific(defer=True)),
    )


class RememberedPageMixin:
    """For every public page type (before Page in its bases; after RoutablePageMixin, whose own routes come first)."""

    def route(self, request: Any, path_components: list[str]) -> Any:
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        slug, remaining = path_components[0], path_components[1:]
        child = remember(f"route:{self.pk}:{slug}", lambda: self._specific_child(slug))  # type: ignore[attr-defined]
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail's own route does: get_parent() needs no query
        return child.route(request, remaining)

    def _specific_child(self, slug: str) -> Page | None:
        child = self.get_children().filter(slug=slug).first()  # type: ignore[attr-defined]
        return child.specific if child is not None else None

    def get_view_restrictions(self) -> Any:
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]
