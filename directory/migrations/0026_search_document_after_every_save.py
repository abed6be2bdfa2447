"""The search document is now written after every save of a service (ServicePage.save) and kept out of revisions.
Written again here for every service: until now a service saved again after publishing (the demo loader's later
passes, scripts) lost it, and a renamed one kept its old words. PostgreSQL only, with 0022's frozen statement."""

import importlib

import django.contrib.postgres.search
from django.db import migrations


def rewrite_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(importlib.import_module("directory.migrations.0022_service_search_document").BACKFILL)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0025_spreadsheet_applied_in_background"),
    ]

    operations = [
        migrations.AlterField(
            model_name="servicepage",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False),
        ),
        migrations.RunPython(rewrite_documents, migrations.RunPython.noop),
    ]
