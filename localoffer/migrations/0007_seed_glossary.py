"""The glossary a new site starts with (localoffer/glossary/data.py), and who may change it."""

from django.db import migrations
from django.utils.text import slugify

from localoffer.editorial_groups import GLOSSARY_PERMISSIONS, ensure_permissions, grant_model_permissions
from localoffer.glossary.data import TERMS


def seed(apps, schema_editor):
    GlossaryTerm = apps.get_model("localoffer", "GlossaryTerm")
    for term, other_names, explanation in TERMS:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={"slug": slugify(term), "other_names": "\n".join(other_names), "explanation": explanation},
        )
    ensure_permissions(apps, ["localoffer"])
    grant_model_permissions(apps, GLOSSARY_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("localoffer", "0006_glossary_and_reading_age"),
        ("localoffer", "0004_editorial_groups"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
