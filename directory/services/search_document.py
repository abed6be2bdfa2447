"""The keyword search's weighted document on each service (`ServicePage.search_document`, PostgreSQL): the one
statement that writes it, computed in the database from what is saved, so that one statement serves one service or
any number of them and nothing held in memory can go stale in it.

Written after every save of a service page that may change its words (ServicePage.save, in the save's transaction),
after the bulk paths' inserts (`generate_services`, the Open Referral and spreadsheet imports), and for the services
of an organisation, need type or category when it is renamed (search.py's `terms_renamed`). Read by search.py.
SQLite has no such document: it searches through Wagtail's index."""

from collections.abc import Iterable

from django.db import connection

# Title (A), summary (B), and the rest families search (C): description without its markup, who it is for,
# eligibility, languages, organisation, need types and categories, as Wagtail indexes them. Migration 0022 holds a
# frozen copy of this statement for its backfill.
SEARCH_DOCUMENT_SQL = """
UPDATE directory_servicepage AS s SET search_document =
    setweight(to_tsvector(coalesce(p.title, '')), 'A')
    || setweight(to_tsvector(coalesce(s.summary, '')), 'B')
    || setweight(to_tsvector(concat_ws(' ',
        regexp_replace(s.description, '<[^>]*>', ' ', 'g'), s.who_for, s.eligibility, s.languages,
        (SELECT o.name FROM directory_organisation AS o WHERE o.id = s.organisation_id),
        (SELECT string_agg(n.name, ' ') FROM directory_servicepage_need_types AS sn
            JOIN directory_needtype AS n ON n.id = sn.needtype_id WHERE sn.servicepage_id = s.page_ptr_id),
        (SELECT string_agg(c.name, ' ') FROM directory_servicepage_categories AS sc
            JOIN directory_servicecategory AS c ON c.id = sc.servicecategory_id WHERE sc.servicepage_id = s.page_ptr_id)
    )), 'C')
FROM wagtailcore_page AS p
WHERE p.id = s.page_ptr_id
"""

# What a service's document is made of, by the names `save(update_fields=...)` may give: a save naming none of
# them leaves the document as it is (Wagtail's own metadata saves: a new draft, unpublishing, a lock).
SEARCHED_FIELDS = frozenset(
    {
        "title",
        "summary",
        "description",
        "who_for",
        "eligibility",
        "languages",
        "organisation",
        "organisation_id",
        "need_types",
        "categories",
    }
)


def update_search_documents(pks: Iterable[int] | None = None) -> None:
    """Write the search document of the given services (every service when None): one statement. PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if pks is None:
            cursor.execute(SEARCH_DOCUMENT_SQL)
        else:
            cursor.execute(SEARCH_DOCUMENT_SQL + " AND s.page_ptr_id = ANY(%s)", [list(pks)])


def write_search_document(pk: int) -> str | None:
    """Write one service's search document and return it as written (one statement), so the saved instance holds
    the document the database holds. None on SQLite (and for a page that is not a service)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_DOCUMENT_SQL + " AND s.page_ptr_id = %s RETURNING s.search_document", [pk])
        row = cursor.fetchone()
    return row[0] if row else None
