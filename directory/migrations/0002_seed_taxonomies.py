from django.db import migrations

from directory.taxonomy.data import AREAS_OF_NEED, SERVICE_CATEGORIES


def seed(apps, schema_editor):
    AreaOfNeed = apps.get_model("directory", "AreaOfNeed")
    NeedType = apps.get_model("directory", "NeedType")
    ServiceCategory = apps.get_model("directory", "ServiceCategory")
    order = 0
    for area_order, (slug, name, description, needs) in enumerate(AREAS_OF_NEED):
        area, _ = AreaOfNeed.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": area_order}
        )
        for need_slug, need_name, need_description in needs:
            order += 1
            NeedType.objects.get_or_create(
                slug=need_slug,
                defaults={"area": area, "name": need_name, "description": need_description, "sort_order": order},
            )
    for category_order, (slug, name, description) in enumerate(SERVICE_CATEGORIES):
        ServiceCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": category_order}
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_services_and_taxonomies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
