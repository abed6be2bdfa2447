from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Service directory"

    def ready(self):
        # The one place for late imports: the models are loaded now, so the layers above them can be wired in.
        from wagtail.signals import page_published, page_unpublished

        from .models import DirectoryPage, SchoolsIndexPage, ServicePage
        from .schools import views as school_views
        from .services import views as service_views
        from .services.search import reindex_service
        from .upkeep.links import page_links_changed

        # Page models serve their public views without importing them (models sit below views).
        DirectoryPage.views = ServicePage.views = service_views
        SchoolsIndexPage.views = school_views

        page_published.connect(reindex_service, sender=ServicePage, dispatch_uid="directory-reindex-service")
        page_published.connect(page_links_changed, dispatch_uid="directory_links_on_publish")
        page_unpublished.connect(page_links_changed, dispatch_uid="directory_links_on_unpublish")
