"""Moderators and Administrators may keep provider contacts and decide on providers' proposed changes (see
localoffer/editorial_groups.py)."""

from django.db import migrations

from localoffer.editorial_groups import PROVIDER_PERMISSIONS, ensure_permissions, grant_model_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps, ["directory"])
    grant_model_permissions(apps, PROVIDER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0017_whats_new_and_alerts"),
        ("localoffer", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
