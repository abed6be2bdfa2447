"""What's new and its Atom feed."""

from django.urls import path

from . import views

urlpatterns = [
    path("whats-new/", views.whats_new, name="whats_new"),
    path("whats-new/feed/", views.whats_new_feed, name="whats_new_feed"),
]
