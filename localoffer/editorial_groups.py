"""Who may do what in the admin: the editorial groups and their permissions, set by data migrations
(localoffer 0004 for the site shell and Wagtail, directory 0006 for the directory's snippets, 0018 for providers'
updates, 0020 for the Open Referral term mappings, 0029 for SENCOs' updates).

- Editors write and change pages, documents and images, and add organisations, but cannot publish: their changes
  go to the "Moderators approval" workflow Wagtail puts on the root page.
- Moderators also publish (approving editors' changes), manage the directory's taxonomies and redirects, and map
  imported feeds' taxonomy terms to ours (Open data, Term mappings), and decide what SENCOs and providers send.
- Feedback officers handle comments and "you said, we did" reports (the feedback app gives them those permissions,
  including the only permission to see contact details); here they only get into the admin.
- Administrators run the site: users and groups, settings, review teams, workflows, everything editorial; NOT
  comment contact details (add a person to Feedback officers too if they need those).

Functions take the migration's `apps` so they work on historical models. Everything is get_or_create/add: running
twice, or after another app's migration made the same group, changes nothing."""

from django.contrib.auth.management import create_permissions
from wagtail.permission_policies import ModelPermissionPolicy

EDITORS, MODERATORS, FEEDBACK_OFFICERS, ADMINISTRATORS = "Editors", "Moderators", "Feedback officers", "Administrators"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page", "unlock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINISTRATORS: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: {"wagtaildocs.document": ["add", "change", "choose"], "wagtailimages.image": ["add", "change", "choose"]},
    MODERATORS: {
        "wagtaildocs.document": ["add", "change", "choose", "delete"],
        "wagtailimages.image": ["add", "change", "choose", "delete"],
    },
    ADMINISTRATORS: {
        "wagtaildocs.document": ["add", "change", "choose", "delete"],
        "wagtailimages.image": ["add", "change", "choose", "delete"],
        "wagtailcore.collection": ["add", "change", "delete"],
    },
}
# Model-wide permissions: "app_label.model": actions.
MODEL_PERMISSIONS = {
    EDITORS: {
        "wagtailadmin.admin": ["access"],
        "localoffer.statutorytopic": ["view"],
        "localoffer.reviewteam": ["view"],
    },
    MODERATORS: {
        "wagtailadmin.admin": ["access"],
        "localoffer.statutorytopic": ["view"],
        "localoffer.reviewteam": ["view"],
        "wagtailredirects.redirect": ["add", "change", "delete", "view"],
    },
    FEEDBACK_OFFICERS: {"wagtailadmin.admin": ["access"]},
    ADMINISTRATORS: {
        "wagtailadmin.admin": ["access"],
        "localoffer.statutorytopic": ["change", "view"],
        "localoffer.reviewteam": ["add", "change", "delete", "view"],
        "localoffer.localoffersettings": ["change"],
        "wagtailredirects.redirect": ["add", "change", "delete", "view"],
        "auth.user": ["add", "change", "delete", "view"],
        "auth.group": ["add", "change", "delete", "view"],
        "wagtailcore.site": ["add", "change", "delete"],
        "wagtailcore.workflow": ["add", "change", "delete"],
        "wagtailcore.task": ["add", "change", "delete"],
    },
}
# The glossary (granted by localoffer 0007, which seeds it). Its changes show on the public site at once, so only those
# who may publish pages may change it.
GLOSSARY_PERMISSIONS = {
    EDITORS: {"localoffer.glossaryterm": ["view"]},
    MODERATORS: {"localoffer.glossaryterm": ["add", "change", "delete", "view"]},
    ADMINISTRATORS: {"localoffer.glossaryterm": ["add", "change", "delete", "view"]},
}
SYNONYM_PERMISSIONS = {
    EDITORS: {"localoffer.synonym": ["view"]},
    MODERATORS: {"localoffer.synonym": ["add", "change", "delete", "view"]},
    ADMINISTRATORS: {"localoffer.synonym": ["add", "change", "delete", "view"]},
}
# The directory's snippets (granted by directory's migration once those models exist).
DIRECTORY_PERMISSIONS = {
    EDITORS: {
        "directory.organisation": ["add", "change", "view"],
        "directory.servicecategory": ["view"],
        "directory.areaofneed": ["view"],
        "directory.needtype": ["view"],
    },
    MODERATORS: {
        "directory.organisation": ["add", "change", "delete", "view"],
        "directory.servicecategory": ["add", "change", "view"],
        "directory.areaofneed": ["add", "change", "view"],
        "directory.needtype": ["add", "change", "view"],
    },
    ADMINISTRATORS: {
        "directory.organisation": ["add", "change", "delete", "view"],
        "directory.servicecategory": ["add", "change", "delete", "view"],
        "directory.areaofneed": ["add", "change", "delete", "view"],
        "directory.needtype": ["add", "change", "delete", "view"],
    },
}

# Providers' updates (granted by directory's migration once those models exist): the private provider contacts and
# the changes providers propose. Accepting one publishes it, so it is for those who may publish.
PROVIDER_PERMISSIONS = {
    MODERATORS: {
        "directory.providercontact": ["add", "change", "delete", "view"],
        "directory.proposedchange": ["change", "view"],
    },
    ADMINISTRATORS: {
        "directory.providercontact": ["add", "change", "delete", "view"],
        "directory.proposedchange": ["change", "delete", "view"],
    },
}

# SENCOs' updates to their school's SEN information report link (directory 0029): approving one changes a school's
# public page, so it is for those who may publish.
SENCO_PERMISSIONS = {
    MODERATORS: {"directory.sencosubmission": ["change", "view"]},
    ADMINISTRATORS: {"directory.sencosubmission": ["change", "view"]},
}

# Open data (directory 0020): what a feed's taxonomy terms mean here. The next import publishes what they say, so
# those who may publish pages and manage the taxonomies edit them; editors may look.
OPEN_DATA_PERMISSIONS = {
    EDITORS: {"directory.termmapping": ["view"]},
    MODERATORS: {"directory.termmapping": ["change", "view"]},
    ADMINISTRATORS: {"directory.termmapping": ["change", "delete", "view"]},
}


def ensure_permissions(apps, app_labels):
    """Permissions are normally made after all migrations; make them now so groups can hold them."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permission(apps, model_label, action):
    Permission = apps.get_model("auth", "Permission")
    app_label, model = model_label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")


def grant_model_permissions(apps, spec):
    Group = apps.get_model("auth", "Group")
    for group_name, models in spec.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*[permission(apps, label, a) for label, actions in models.items() for a in actions])


def grant_page_and_collection_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        if root_page is not None:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission(apps, "wagtailcore.page", codename[:-5])
                )
    for group_name, models in COLLECTION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        if root_collection is not None:
            for label, actions in models.items():
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission(apps, label, action)
                    )


def let_administrators_approve(apps):
    """Administrators can approve changes in the moderation workflow as well as moderators."""
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    administrators = Group.objects.get(name=ADMINISTRATORS)
    for task in GroupApprovalTask.objects.filter(groups__name=MODERATORS):
        task.groups.add(administrators)


class NoAddPolicy(ModelPermissionPolicy):
    """For what only comes from outside (SENCOs' submissions, providers' proposed changes): officers may view,
    decide and delete, never add, so the admin shows no "Add" button."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
