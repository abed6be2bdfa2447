"""Public URLs of this app that are not Wagtail pages; included at the site root by localoffer/urls.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("directory.schools.senco.urls")),
    path("", include("directory.providers.urls")),
    path("", include("directory.changes.urls")),
    path("", include("directory.alerts.urls")),
    path("", include("directory.edition.urls")),
]
