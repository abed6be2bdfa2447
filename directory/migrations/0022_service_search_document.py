"""The keyword search's own weighted document on each service, with its GIN index, filled for every service.

PostgreSQL only for the index and the backfill (SQLite searches through Wagtail's index). The statement is a frozen
copy of directory/services/search.py's SEARCH_DOCUMENT_SQL as it was when this migration was written."""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "directory_servicepage_search_document_gin"

BACKFILL = """
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


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_servicepage USING gin (search_document)")
    schema_editor.execute(BACKFILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0021_printed_edition_pdf"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicepage",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
