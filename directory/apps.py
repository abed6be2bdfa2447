from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Service directory"

    def ready(self):
        # The one place for late imports: the models are loaded now, so the layers above them can be wired in.
        from django.core import checks
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from localoffer.sitesearch.groups import SearchGroup, load_pages, page_finder, register

        from .changes import record as changes
        from .models import (
            AreaOfNeed,
            DirectoryPage,
            Locality,
            NeedType,
            Organisation,
            SchoolPage,
            SchoolsIndexPage,
            ServiceCategory,
            ServicePage,
        )
        from .schools import views as school_views
        from .services import facet_index, maps
        from .services import views as service_views
        from .services.search import reindex_service, terms_renamed
        from .upkeep.links import page_links_changed

        # Page models serve their public views without importing them (models sit below views).
        DirectoryPage.views = ServicePage.views = service_views
        SchoolsIndexPage.views = school_views

        # The site search's services and schools groups, after the information pages.
        register(
            SearchGroup(
                "services",
                "Services",
                "service",
                "services",
                find=service_views.site_search_find,
                load=service_views.services_in_order,
                order=20,
                page_models=(ServicePage,),
                elsewhere=service_views.site_search_elsewhere,
            )
        )
        register(
            SearchGroup(
                "schools",
                "Schools and colleges",
                "school or college",
                "schools and colleges",
                find=page_finder(school_views.site_search_schools),
                load=load_pages,
                order=30,
                page_models=(SchoolPage,),
            )
        )

        # Whatever the directory's filters, counts and sort read: every process rebuilds its index after a change.
        for model in (ServicePage, NeedType, AreaOfNeed, ServiceCategory, Locality, PageViewRestriction, Site):
            post_save.connect(facet_index.invalidate, sender=model, dispatch_uid=f"facet-index-save-{model.__name__}")
            post_delete.connect(facet_index.invalidate, sender=model, dispatch_uid=f"facet-index-del-{model.__name__}")
        page_published.connect(facet_index.invalidate, sender=ServicePage, dispatch_uid="facet-index-publish")
        page_unpublished.connect(facet_index.invalidate, sender=ServicePage, dispatch_uid="facet-index-unpublish")
        post_page_move.connect(facet_index.invalidate, dispatch_uid="facet-index-move")

        # What's new: services added, closed and changed in ways that matter.
        page_published.connect(changes.service_published, sender=ServicePage, dispatch_uid="changes-publish")
        page_unpublished.connect(changes.service_unpublished, sender=ServicePage, dispatch_uid="changes-unpublish")
        pre_delete.connect(changes.service_deleted, sender=ServicePage, dispatch_uid="changes-delete")

        # A MAP_TILES_URL the map cannot use is said at start-up (README "Map").
        checks.register(maps.check_tiles_setting)

        page_published.connect(reindex_service, sender=ServicePage, dispatch_uid="directory-reindex-service")
        # Services' search documents hold the names of their organisation, need types and categories.
        for model in (Organisation, NeedType, ServiceCategory):
            post_save.connect(terms_renamed, sender=model, dispatch_uid=f"search-document-{model.__name__}")
        page_published.connect(page_links_changed, dispatch_uid="directory_links_on_publish")
        page_unpublished.connect(page_links_changed, dispatch_uid="directory_links_on_unpublish")
