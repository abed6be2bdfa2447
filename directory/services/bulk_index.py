"""Wagtail's search index entries for services created in bulk (the benchmark generator, the Open Referral feed
import), as Wagtail's own indexing writes them (`backend.add_bulk`; tests/integration/test_generate_services.py
finds them equal), but in one INSERT a batch from the rows in memory: Wagtail reads each field again through its
search field definitions, five times over, and compiles an expression per text, which was two thirds of the
generator's time and half the feed import's. The body's texts follow ServicePage.search_fields: change both
together (the test says when they differ)."""

from collections.abc import Mapping, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.backends import get_search_backends

from ..taxonomy.models import NeedType, ServiceCategory
from .models import ServicePage


def add_to_search_index(
    pages: Sequence[ServicePage],
    needs: Mapping[int, Sequence[NeedType]],
    categories: Mapping[int, Sequence[ServiceCategory]],
) -> None:
    """Index new services (given with their need types and categories) in every search backend: on PostgreSQL's
    database backend, the entries Wagtail's own indexing would write, in one INSERT."""
    if not pages:
        return
    for backend in get_search_backends(with_auto_update=True):
        if connection.vendor == "postgresql" and isinstance(backend, PostgresSearchBackend):
            _insert_entries(backend, pages, needs, categories)
        else:
            indexed = ServicePage.objects.filter(pk__in=[p.pk for p in pages])
            backend.add_bulk(ServicePage, list(indexed.select_related("organisation")))


def _insert_entries(
    backend: PostgresSearchBackend,
    pages: Sequence[ServicePage],
    needs: Mapping[int, Sequence[NeedType]],
    categories: Mapping[int, Sequence[ServiceCategory]],
) -> None:

    def vector(texts: list[tuple[str, str]], configuration: str | None) -> tuple[str, list[str]]:
        """Each non-empty text its own weighted vector, joined: what Wagtail's `as_vector` builds."""
        parts: list[str] = []
        params: list[str] = []
        for text, weight in texts:
            if text.strip():
                if configuration:
                    parts.append(f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')")
                    params += [configuration, text.strip()]
                else:  # the database's default_text_search_config
                    parts.append(f"setweight(to_tsvector(%s), '{weight}')")
                    params.append(text.strip())
        return (" || ".join(parts) or "''::tsvector"), params

    rows: list[str] = []
    params: list[str | int] = []
    content_type = ContentType.objects.get_for_model(ServicePage).pk
    for page in pages:
        # ServicePage.search_fields: the title (boost 2: weight B), then the body in field order, related rows in
        # their models' order, each text its own vector. The autocomplete column uses the "simple" configuration.
        body = [(page.summary, "B"), (get_text_for_indexing(page.description), "D")]
        body += [(page.who_for, "D"), (page.eligibility, "D"), (page.languages, "D")]
        body += [(page.organisation.name, "D")] if page.organisation else []
        body += [(need.name, "D") for need in sorted(needs[page.pk], key=lambda n: (n.sort_order, n.name))]
        body += [(c.name, "D") for c in sorted(categories[page.pk], key=lambda c: (c.sort_order, c.name))]
        title_sql, title_params = vector([(page.title, "B")], backend.config)
        autocomplete_sql, autocomplete_params = vector([(page.title, "D")], backend.autocomplete_config)
        body_sql, body_params = vector(body, backend.config)
        rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
        params += [content_type, str(page.pk), *title_params, *autocomplete_params, *body_params]
        params += [page.title.strip(), " ".join(text.strip() for text, _weight in body if text.strip())]
    # Our own fragments joined; every value is a parameter.
    insert = (
        "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete, body, title_norm, "  # noqa: S608
        "title_text, body_text) VALUES " + ", ".join(rows)
    )
    with connection.cursor() as cursor:
        cursor.execute(insert, params)


def refresh_title_norms() -> None:
    """What Wagtail's indexing does after each batch (the title norms, from the average title length of the whole
    index), once at the end of a bulk run: after every batch it reads the whole index, quadratic in the number of
    services."""
    for backend in get_search_backends(with_auto_update=True):
        if connection.vendor == "postgresql" and isinstance(backend, PostgresSearchBackend):
            backend.get_index_for_model(ServicePage)._refresh_title_norms()
