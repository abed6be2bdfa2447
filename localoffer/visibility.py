"""The one answer to "which pages may the public see?", as a QuerySet method every public surface calls.

A page is visible when it is live, not past its expiry time (the scheduled job that unpublishes it may not have run
yet), has no view restriction on itself or an ancestor (password, login or group), and sits under a site's root.
Directory results, facet counts, site search, the sitemap, My list, the comment form's page choice, feeds and public
exports all go through `visible()`; none restates the rule.

Every condition is a filter on fields Wagtail's search index can filter by (id, path, live), so the same queryset
can be searched; like Wagtail's own public(), each condition first reads the few rows it needs (site roots,
expired-but-live pages). Whether anything is restricted at all, the site roots and the soonest expiry time are
remembered under the content version (localoffer/caching/), so they cost no query once known."""

from functools import reduce
from operator import or_

from django.db.models import Min, Q
from django.utils import timezone
from wagtail.models import Page, PageManager, PageQuerySet, Site

from .caching.pages import any_view_restrictions
from .caching.version import remember


def _soonest_expiry():
    """When the first live page is due to expire (None if none is): remembered under the content version, which
    changes whenever a page is saved, published or unpublished, so the expiry times it read stay the same."""
    return Page.objects.filter(live=True, expire_at__isnull=False).aggregate(soonest=Min("expire_at"))["soonest"]


class VisiblePageQuerySet(PageQuerySet):
    def not_expired(self, now=None):
        now = now or timezone.now()
        soonest = remember("soonest-expiry", _soonest_expiry)  # no query while no live page has passed its expiry
        if soonest is None or soonest > now:
            return self
        expired = Page.objects.filter(live=True, expire_at__lte=now).values_list("pk", flat=True)
        return self.exclude(id__in=list(expired))

    def on_site(self, site: Site | None = None):
        """Pages under the root of `site`, or of any site when None (not pages left outside every site)."""

        def load():
            sites = Site.objects.filter(pk=site.pk) if site is not None else Site.objects.all()
            return list(sites.values_list("root_page__path", flat=True))

        roots = remember(f"site-roots:{site.pk if site is not None else 'all'}", load)
        if not roots:
            return self.none()
        return self.filter(reduce(or_, (Q(path__startswith=root) for root in roots)))

    def visible(self, site: Site | None = None, now=None):
        """Live, not expired, not restricted, on the site: what a family may see."""
        live = self.live()
        if any_view_restrictions():  # remembered under the content version: no query while nothing is restricted
            live = live.public()
        return live.on_site(site).not_expired(now)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)


def visible_pages(site: Site | None = None):
    """Every page the public may see, of any type (site search, sitemap, the comment form's page choice)."""
    return VisiblePageQuerySet(Page).visible(site)
