"""Snippet permissions on the directory's taxonomies and organisations for the editorial groups
(see localoffer/editorial_groups.py)."""

from django.db import migrations

from localoffer.editorial_groups import DIRECTORY_PERMISSIONS, ensure_permissions, grant_model_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps, ["directory"])
    grant_model_permissions(apps, DIRECTORY_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_schools_and_senco_submissions"),
        ("localoffer", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
