from django.conf import settings
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from feedback.sitemaps import FeedbackSitemap

from . import views
from .glossary.sitemaps import GlossarySitemap
from .sitemaps import VisiblePageSitemap
from .sitesearch import views as sitesearch

SITEMAPS = {"pages": VisiblePageSitemap, "glossary": GlossarySitemap, "feedback": FeedbackSitemap}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("search/", sitesearch.search, name="search"),
    path("", include("localoffer.glossary.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/openreferral/v3/", include("directory.openreferral.urls")),
    path("", include("directory.urls")),
    path("", include("feedback.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail's page tree last: it matches any path.
urlpatterns += [path("", include(wagtail_urls))]
