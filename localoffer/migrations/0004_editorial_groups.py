"""Editors, Moderators, Feedback officers and Administrators with their permissions (see localoffer/editorial_groups.py).

Wagtail's own migrations already made Editors and Moderators (with page permissions on the root page) and the
"Moderators approval" workflow on the root page; this adds to them, never removes."""

from django.db import migrations

from localoffer.editorial_groups import (
    MODEL_PERMISSIONS,
    ensure_permissions,
    grant_model_permissions,
    grant_page_and_collection_permissions,
    let_administrators_approve,
)


def create_groups(apps, schema_editor):
    ensure_permissions(
        apps, ["localoffer", "wagtailcore", "wagtailadmin", "wagtaildocs", "wagtailimages", "wagtailredirects", "auth"]
    )
    grant_model_permissions(apps, MODEL_PERMISSIONS)
    grant_page_and_collection_permissions(apps)
    let_administrators_approve(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("localoffer", "0003_review_teams"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
