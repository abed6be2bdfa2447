"""The one answer to "which pages may the public see?", as a QuerySet method every public surface calls.

A page is visible when it is live, not past its expiry time (the scheduled job that unpublishes it may not have run
yet), has no view restriction on itself or an ancestor (password, login or group), and sits under a site's root.
Directory results, facet counts, site search, the sitemap, My list, the comment form's page choice, feeds and public
exports all go through `visible()`; none restates the rule."""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageManager, PageQuerySet, Site


class VisiblePageQuerySet(PageQuerySet):
    def not_expired(self, now=None):
        return self.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now()))

    def on_site(self, site: Site | None = None):
        """Pages under the root of `site`, or of any site when None (not pages left outside every site)."""
        # Root paths are url_paths ("/home/"), cached by Wagtail and cleared when a site changes.
        roots = [root.root_path for root in Site.get_site_root_paths() if site is None or root.site_id == site.pk]
        under = Q(pk__in=[])
        for root in roots:
            under |= Q(url_path__startswith=root)
        return self.filter(under)

    def visible(self, site: Site | None = None, now=None):
        """Live, not expired, not restricted, on the site: what a family may see."""
        return self.live().public().on_site(site).not_expired(now)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)


def visible_pages(site: Site | None = None):
    """Every page the public may see, of any type (site search, sitemap, the comment form's page choice)."""
    return VisiblePageQuerySet(Page).visible(site)
