"""Open Referral ids, step 2 of 3: a new random id for every row that exists (once; they never change after)."""

import uuid

from django.db import migrations

MODELS = ["ServicePage", "ServiceVenue", "ServiceContact", "Organisation", "AreaOfNeed", "NeedType", "ServiceCategory"]


def fill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("directory", name)
        rows = list(model.objects.filter(uuid__isnull=True).only("pk"))
        for row in rows:
            row.uuid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uuid"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0009_openreferral_ids"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
