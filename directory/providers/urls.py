"""Public URLs for providers keeping their listing right with their emailed link (no account needed)."""

from django.urls import path

from . import views as provider_views

urlpatterns = [
    path("check-your-listing/<int:service_id>/thank-you/", provider_views.done, name="provider_done"),
    path("check-your-listing/<int:service_id>/<str:token>/", provider_views.check, name="provider_check"),
    path("check-your-listing/<int:service_id>/<str:token>/change/", provider_views.change, name="provider_change"),
]
