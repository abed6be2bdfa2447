"""Officers decide SENCOs' updates without being superusers: Moderators and Administrators may view and decide SENCO
submissions (localoffer/editorial_groups.py, SENCO_PERMISSIONS). Before this only superusers could."""

from django.db import migrations

from localoffer.editorial_groups import SENCO_PERMISSIONS, ensure_permissions, grant_model_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps, ["directory"])
    grant_model_permissions(apps, SENCO_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0028_venue_contact_order_ties_by_id"),
        ("localoffer", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
