"""The sitemap's page entries: Wagtail's page sitemap, listing only the pages the public may see."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import visible_pages


class VisiblePageSitemap(Sitemap):
    def items(self):
        return visible_pages(self.get_wagtail_site()).order_by("path").defer_streamfields().specific()
