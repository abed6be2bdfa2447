from django.db import migrations

from localoffer.statutory_topics import STATUTORY_TOPICS


def seed(apps, schema_editor):
    StatutoryTopic = apps.get_model("localoffer", "StatutoryTopic")
    for number, title, description in STATUTORY_TOPICS:
        StatutoryTopic.objects.update_or_create(number=number, defaults={"title": title, "description": description})


class Migration(migrations.Migration):
    dependencies = [("localoffer", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
