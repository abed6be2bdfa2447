"""Officers map imported feeds' taxonomy terms without being superusers: Moderators and Administrators may change
Open Referral term mappings, Editors may view them (localoffer/editorial_groups.py, OPEN_DATA_PERMISSIONS)."""

from django.db import migrations

from localoffer.editorial_groups import OPEN_DATA_PERMISSIONS, ensure_permissions, grant_model_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps, ["directory"])
    grant_model_permissions(apps, OPEN_DATA_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0019_printed_edition"),
        ("localoffer", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
