"""Public URLs of this app that are not Wagtail pages; included at the site root by localoffer/urls.py, before the
page tree."""

from django.urls import include, path, re_path

from .services import views as service_views

urlpatterns = [
    path("", include("directory.schools.senco.urls")),
    path("", include("directory.providers.urls")),
    path("", include("directory.changes.urls")),
    path("", include("directory.alerts.urls")),
    path("", include("directory.edition.urls")),
    # My list's add and remove, under the directory's address, without a CSRF token (directory/services/views.py).
    re_path(
        r"^(?P<prefix>(?:[-\w]+/)+)my-list/(?P<action>add|remove)/\Z",
        service_views.my_list_change,
        name="my_list_change",
    ),
]
