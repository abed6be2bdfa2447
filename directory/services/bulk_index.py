"""Wagtail's search index entries for services created in bulk (the benchmark generator, the Open Referral feed
import), as Wagtail's own indexing writes them (`backend.add_bulk`; tests/integration/test_generate_services.py
finds them equal), but in one INSERT a batch from the rows in memory: Wagtail reads each field again through its
search field definitions, five times over, and compiles an expression per text, which was two thirds of the
generator's time and half the feed import's. The body's texts follow ServicePage.search_fields: change both
together (the test says when they differ)."""

from collections.abc import Mapping, Sequence
from typing import Any

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
    """One INSERT. Each distinct text of the bodies is made a vector once (a batch's services share most of theirs:
    their providers, need types, categories and set phrases) and each body joins its texts' vectors in order;
    the titles, nearly all different, are made vectors row by row."""
    numbers: dict[tuple[str, str], int] = {}  # (text, weight): its number among the distinct texts, from 1
    descriptions: dict[str, str] = {}
    object_ids, titles, body_texts, parts = [], [], [], []
    for page in pages:
        if page.description not in descriptions:
            descriptions[page.description] = get_text_for_indexing(page.description)
        # ServicePage.search_fields: the title (boost 2: weight B), then the body in field order, related rows in
        # their models' order, each text its own vector. The autocomplete column uses the "simple" configuration.
        body = [(page.summary, "B"), (descriptions[page.description], "D")]
        body += [(page.who_for, "D"), (page.eligibility, "D"), (page.languages, "D")]
        body += [(page.organisation.name, "D")] if page.organisation else []
        body += [(need.name, "D") for need in sorted(needs[page.pk], key=lambda n: (n.sort_order, n.name))]
        body += [(c.name, "D") for c in sorted(categories[page.pk], key=lambda c: (c.sort_order, c.name))]
        body = [(text.strip(), weight) for text, weight in body if text.strip()]
        object_ids.append(str(page.pk))
        titles.append(page.title.strip())
        body_texts.append(" ".join(text for text, _weight in body))
        parts.append([numbers.setdefault(part, len(numbers) + 1) for part in body])
    width = max(len(numbers_of_one) for numbers_of_one in parts)

    def vector(text_sql: str, configuration: str) -> str:
        """to_tsvector in the backend's `config` or `autocomplete_config` (None: the database's default)."""
        if getattr(backend, configuration):
            return f"to_tsvector(%({configuration})s::regconfig, {text_sql})"
        return f"to_tsvector({text_sql})"

    params: dict[str, Any] = {
        "content_type": ContentType.objects.get_for_model(ServicePage).pk,
        "config": backend.config,
        "autocomplete_config": backend.autocomplete_config,
        "texts": [text for text, _weight in numbers],
        "weights": [weight for _text, weight in numbers],
        "object_ids": object_ids,
        "titles": titles,
        "body_texts": body_texts,
    }
    for i in range(width):
        params[f"p{i}"] = [numbers_of_one[i] if i < len(numbers_of_one) else None for numbers_of_one in parts]
    columns = "".join(f", %(p{i})s::int[]" for i in range(width))
    names = "".join(f", p{i}" for i in range(width))
    body_sql = " || ".join(f"coalesce(texts.vectors[e.p{i}], ''::tsvector)" for i in range(width)) or "''::tsvector"
    # Our own fragments joined; every value is a parameter.
    insert = f"""
        WITH texts AS MATERIALIZED (
            SELECT array_agg(setweight({vector("t", "config")}, w::"char") ORDER BY n) AS vectors
            FROM unnest(%(texts)s::text[], %(weights)s::text[]) WITH ORDINALITY AS u(t, w, n)
        )
        INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete, body, title_norm,
            title_text, body_text)
        SELECT %(content_type)s, e.object_id,
            CASE WHEN e.title = '' THEN ''::tsvector ELSE setweight({vector("e.title", "config")}, 'B') END,
            CASE WHEN e.title = '' THEN ''::tsvector ELSE setweight({vector("e.title", "autocomplete_config")}, 'D') END,
            {body_sql}, 1.0, e.title, e.body_text
        FROM unnest(%(object_ids)s::text[], %(titles)s::text[], %(body_texts)s::text[]{columns})
            WITH ORDINALITY AS e(object_id, title, body_text{names}, row_number), texts
        ORDER BY e.row_number
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(insert, params)


def refresh_title_norms() -> None:
    """What Wagtail's indexing does after each batch (the title norms, from the average title length of the whole
    index), once at the end of a bulk run: after every batch it reads the whole index, quadratic in the number of
    services."""
    for backend in get_search_backends(with_auto_update=True):
        if connection.vendor == "postgresql" and isinstance(backend, PostgresSearchBackend):
            backend.get_index_for_model(ServicePage)._refresh_title_norms()
