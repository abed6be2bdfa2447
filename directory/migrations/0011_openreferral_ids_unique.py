"""Open Referral ids, step 3 of 3: every row has one, so the column is required, unique and made for new rows."""

import uuid

from django.db import migrations, models

MODELS = ["servicepage", "servicevenue", "servicecontact", "organisation", "areaofneed", "needtype", "servicecategory"]


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0010_fill_openreferral_ids"),
    ]

    operations = [
        migrations.AlterField(
            model_name=model,
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="Open Referral id"),
        )
        for model in MODELS
    ]
