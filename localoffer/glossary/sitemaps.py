"""The glossary page in the sitemap (it is a view, not a page in Wagtail's tree)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class GlossarySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["glossary"]

    def location(self, item):
        return reverse(item)
