"""Email alerts for a directory search (no account needed)."""

from django.urls import path

from . import views

urlpatterns = [
    path("alerts/", views.request_alert, name="alert_request"),
    path("alerts/check-your-email/", views.sent, name="alert_sent"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alert_confirm"),
    path("alerts/stop/<str:token>/", views.unsubscribe, name="alert_unsubscribe"),
    path("alerts/keep/<str:token>/", views.keep, name="alert_keep"),
]
