"""Services created in bulk (demo/generate.py, the feed import) get Wagtail's search index entries from
directory/services/bulk_index.py, in one INSERT a batch, on PostgreSQL:
they must be exactly what Wagtail's own indexing writes for the same services."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend

from demo.generate import generate
from directory.models import ServicePage

COLUMNS = "object_id, title::text, autocomplete::text, body::text, title_text, body_text, title_norm"


def entries():
    """The services' entries (need types, categories and organisations are indexed too, their ids overlapping)."""
    content_type = ContentType.objects.get_for_model(ServicePage).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {COLUMNS} FROM wagtailsearch_indexentry WHERE content_type_id = %s ORDER BY object_id",  # noqa: S608
            [content_type],
        )
        return cursor.fetchall()


def test_generated_index_entries_equal_wagtails_own(postgres, directory):
    assert generate(40, batch_size=15, seed=7) == 40
    ours = entries()
    ServicePage.objects.first().index_entries.model.objects.filter(
        content_type=ContentType.objects.get_for_model(ServicePage)
    ).delete()
    backend = get_search_backend()
    services = ServicePage.objects.select_related("organisation").prefetch_related("need_types", "categories")
    backend.add_bulk(ServicePage, list(services))
    wagtails = entries()
    assert len(ours) == len(wagtails) == 40
    for mine, theirs in zip(ours, wagtails, strict=True):
        for column in range(6):
            assert mine[column] == theirs[column], (column, mine[column], theirs[column])
    assert {round(row[6], 6) for row in ours} == {round(row[6], 6) for row in wagtails}  # title norms, refreshed once


def test_generated_services_are_found_by_site_search(db, directory):
    generate(12, seed=3)
    service = ServicePage.objects.order_by("pk").last()
    word = service.title.split()[0]
    assert service.pk in {hit.pk for hit in ServicePage.objects.live().search(word)}
