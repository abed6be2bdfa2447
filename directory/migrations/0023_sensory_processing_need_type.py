"""A need type officers asked for: sensory processing difficulties, under "Sensory and/or physical" (issue 14).
Sites seeded before it get it here; new sites get it from directory/taxonomy/data.py through 0002 as well."""

from django.db import migrations

from directory.taxonomy.data import AREAS_OF_NEED

SLUG = "sensory-processing"


def add_need_type(apps, schema_editor):
    AreaOfNeed = apps.get_model("directory", "AreaOfNeed")
    NeedType = apps.get_model("directory", "NeedType")
    for area_slug, area_name, area_description, needs in AREAS_OF_NEED:
        for slug, name, description in needs:
            if slug != SLUG:
                continue
            area, _ = AreaOfNeed.objects.get_or_create(
                slug=area_slug, defaults={"name": area_name, "description": area_description}
            )
            after = NeedType.objects.filter(slug="multi-sensory-impairment").first()
            NeedType.objects.get_or_create(
                slug=slug,
                defaults={
                    "area": area,
                    "name": name,
                    "description": description,
                    "sort_order": after.sort_order if after else 0,
                },
            )


def remove_need_type(apps, schema_editor):
    NeedType = apps.get_model("directory", "NeedType")
    NeedType.objects.filter(slug=SLUG, services__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0022_service_search_document")]

    operations = [migrations.RunPython(add_need_type, remove_need_type)]
