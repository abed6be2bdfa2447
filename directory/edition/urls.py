"""Print or download the Local Offer."""

from django.urls import path

from . import views

urlpatterns = [
    path("print/", views.index, name="edition_index"),
    path("print/<slug:slug>/", views.edition, name="edition"),
    path("print/<slug:slug>.pdf", views.edition_pdf, name="edition_pdf"),
]
