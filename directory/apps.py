from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Service directory"

    def ready(self):
        from wagtail.signals import page_published

        from .models import ServicePage

        page_published.connect(reindex_service, sender=ServicePage, dispatch_uid="directory-reindex-service")


def reindex_service(sender, instance, **kwargs):
    """Index a service again once it is published: its need types and categories (many-to-many, saved after
    the page row) are searchable words, and the save-time index entry was made before they were saved."""
    from wagtail.search import index

    index.insert_or_update_object(instance)
