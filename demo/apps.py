"""The demo app: no models, only the data files, their loaders and the load_demo command."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    label = "demo"
    verbose_name = "Demo content"
