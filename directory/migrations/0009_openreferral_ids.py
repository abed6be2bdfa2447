"""Open Referral ids (directory/openreferral/), step 1 of 3: the columns, empty for the rows that exist."""

from django.db import migrations, models

MODELS = ["servicepage", "servicevenue", "servicecontact", "organisation", "areaofneed", "needtype", "servicecategory"]


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0008_gias_import"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="Open Referral id"),
        )
        for model in MODELS
    ]
