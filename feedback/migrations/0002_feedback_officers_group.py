"""The "Feedback officers" group: moderates comments, drafts and publishes "you said, we did" reports, and is the
only group that sees the contact details people give (feedback.view_contact_details)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Feedback officers"
FEEDBACK_PERMISSIONS = [
    "add_comment",
    "change_comment",
    "delete_comment",
    "view_comment",
    "view_contact_details",
    "add_report",
    "change_report",
    "delete_report",
    "view_report",
    "view_blockedsubmission",
]


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the group can hold them.
    for app_label in ("feedback",):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = list(Permission.objects.filter(content_type__app_label="feedback", codename__in=FEEDBACK_PERMISSIONS))
    permissions += list(Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
