"""Sitemap entries for the public feedback pages, for localoffer/urls.py to add beside Wagtail's page sitemap:

from localoffer.sitemaps import VisiblePageSitemap
from feedback.sitemaps import FeedbackSitemap
path("sitemap.xml", sitemap, {"sitemaps": {"pages": VisiblePageSitemap, "feedback": FeedbackSitemap}}, name="sitemap")
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Report


class FeedbackSitemap(Sitemap):
    def items(self):
        return ["have_your_say", "reports", *Report.objects.published().order_by("-period_start")]

    def location(self, item):
        if isinstance(item, Report):
            return item.get_absolute_url()
        return reverse(f"feedback:{item}")

    def lastmod(self, item):
        return item.updated_at if isinstance(item, Report) else None
