"""Public URLs for SENCOs keeping their school's SEN information report link right (no account needed)."""

from django.urls import path

from . import views as senco_views

urlpatterns = [
    path("schools/update-your-link/", senco_views.find_school, name="senco_find"),
    path("schools/update-your-link/<int:urn>/", senco_views.submission_form, name="senco_form"),
    path("schools/update-your-link/<int:urn>/check-your-email/", senco_views.sent, name="senco_sent"),
    path("schools/update-your-link/<int:urn>/confirm/<str:token>/", senco_views.confirm, name="senco_confirm"),
    path("schools/update-your-link/<int:urn>/done/", senco_views.done, name="senco_done"),
    path("schools/update-your-link/<int:urn>/update/<str:token>/", senco_views.update, name="senco_update"),
]
