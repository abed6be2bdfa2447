from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "localoffer"
    verbose_name = "Site"

    def ready(self):
        # The one place for late imports: the models are loaded now, so their signals can be wired in.
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .caching.version import content_changed
        from .glossary.models import GlossaryTerm, glossary_changed, linked_page_changed
        from .readability.measure import measure_on_publish
        from .sitesearch.groups import INFORMATION, register
        from .synonyms.expand import synonyms_changed
        from .synonyms.models import Synonym

        # Explanations are cached with the glossary's version: a change to a term, or to a page one links to,
        # starts a new one.
        post_save.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="glossary-saved")
        post_delete.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="glossary-deleted")
        for signal, name in (
            (page_published, "published"),
            (page_unpublished, "unpublished"),
            (post_page_move, "moved"),
        ):
            signal.connect(linked_page_changed, dispatch_uid=f"glossary-linked-page-{name}")
        # The site search's first group; the directory registers services and schools.
        register(INFORMATION)
        # Both searches read the synonyms from the cache until an officer changes one.
        post_save.connect(synonyms_changed, sender=Synonym, dispatch_uid="synonyms-saved")
        post_delete.connect(synonyms_changed, sender=Synonym, dispatch_uid="synonyms-deleted")
        # Each published page's reading age, for the report and the owners' digest.
        page_published.connect(measure_on_publish, dispatch_uid="readability-measure-on-publish")
        # The public content's version (the page cache and the site shell's cached lookups): any saved or deleted row
        # a public page may show, and pages published, unpublished or moved.
        for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, post_page_move):
            signal.connect(content_changed, dispatch_uid=f"content-version-{id(signal)}")
