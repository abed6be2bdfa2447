"""Public URLs of this app that are not Wagtail pages; included at the site root by localoffer/urls.py."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("have-your-say/", views.have_your_say, name="have_your_say"),
    path("have-your-say/thank-you/", views.thank_you, name="thank_you"),
    path("you-said-we-did/", views.report_index, name="reports"),
    path("you-said-we-did/themes.csv", views.themes_csv, name="themes_csv"),
    path("you-said-we-did/<slug:slug>/", views.report_detail, name="report"),
    path("you-said-we-did/<slug:slug>/themes.csv", views.themes_csv, name="report_themes_csv"),
]
