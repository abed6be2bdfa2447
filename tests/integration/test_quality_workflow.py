"""Editorial workflow: the groups and their permissions (data migrations), an editor's change to a service waits
for a moderator's approval, and scheduled publishing and expiry work for services. Comment contact details
(Feedback officers only) are tested with the feedback app."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, WorkflowState

from directory.models import ServicePage
from localoffer.editorial_groups import ADMINISTRATORS, EDITORS, FEEDBACK_OFFICERS, MODERATORS
from tests.factories import UserFactory, service_admin_form

pytestmark = pytest.mark.django_db


def user_in(group_name, username=None):
    return UserFactory(username=username or group_name.lower().replace(" ", "_"), groups=[group_name])


def test_the_four_groups_exist_with_sensible_permissions():
    editors, moderators, officers, admins = (
        Group.objects.get(name=name) for name in (EDITORS, MODERATORS, FEEDBACK_OFFICERS, ADMINISTRATORS)
    )
    editor, moderator, officer, admin = (user_in(g.name) for g in (editors, moderators, officers, admins))
    root = Page.get_first_root_node()

    def page_perms(group):
        return set(
            GroupPagePermission.objects.filter(group=group, page=root).values_list("permission__codename", flat=True)
        )

    assert {"add_page", "change_page"} <= page_perms(editors) and "publish_page" not in page_perms(editors)
    assert {"add_page", "change_page", "publish_page"} <= page_perms(moderators)
    assert {"publish_page", "bulk_delete_page"} <= page_perms(admins)
    assert page_perms(officers) == set()
    for user in (editor, moderator, officer, admin):
        assert user.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("directory.add_organisation") and not editor.has_perm("directory.change_servicecategory")
    assert moderator.has_perm("directory.change_servicecategory") and moderator.has_perm(
        "wagtailredirects.add_redirect"
    )
    assert not moderator.has_perm("auth.change_user")
    assert admin.has_perm("auth.change_user") and admin.has_perm("localoffer.change_localoffersettings")
    assert admin.has_perm("localoffer.add_reviewteam") and admin.has_perm("wagtailcore.change_workflow")
    # Contact details in comments are for Feedback officers alone, not even Administrators.
    assert officer.has_perm("feedback.view_contact_details")
    assert not any(user.has_perm("feedback.view_contact_details") for user in (editor, moderator, admin))


def test_the_groups_migration_can_run_again_without_changing_anything():
    from django.apps import apps

    from localoffer import editorial_groups

    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    editorial_groups.grant_model_permissions(apps, editorial_groups.MODEL_PERMISSIONS)
    editorial_groups.grant_model_permissions(apps, editorial_groups.DIRECTORY_PERMISSIONS)
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after


def service_form(title="Speech drop-in", **overrides):
    return service_admin_form(title=title, slug="speech-drop-in", **overrides)


def admin_datetime(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


@pytest.fixture
def service(client, directory):
    moderator = user_in(MODERATORS, "first_moderator")
    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/add/directory/servicepage/{directory.pk}/", {**service_form(), "action-publish": "publish"}
    )
    assert response.status_code == 302
    client.logout()
    page = ServicePage.objects.get(slug="speech-drop-in")
    assert page.live
    return page


def edit(client, page, action, **fields):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**service_form(**fields), f"action-{action}": action}
    )


def test_an_editor_cannot_publish_a_service_change_without_a_moderators_approval(client, service):
    editor = user_in(EDITORS)
    client.force_login(editor)

    # Asking to publish only saves a draft: families still see the approved version.
    assert edit(client, service, "publish", title="Speech drop-in (new times)").status_code == 302
    service.refresh_from_db()
    assert service.title == "Speech drop-in" and service.has_unpublished_changes

    # Submitting starts the "Moderators approval" workflow Wagtail put on the root page.
    assert edit(client, service, "submit", title="Speech drop-in (new times)").status_code == 302
    state = WorkflowState.objects.get(object_id=str(service.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Moderators approval"
    task_state = state.current_task_state
    service.refresh_from_db()
    assert service.title == "Speech drop-in"

    # The editor cannot approve their own change.
    approve = reverse("wagtailadmin_pages:workflow_action", args=[service.pk, "approve", task_state.pk])
    client.post(approve, {"comment": ""})  # Wagtail answers "permission denied" with a redirect and a message
    service.refresh_from_db()
    assert service.title == "Speech drop-in"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # A moderator approves it and it goes live.
    client.force_login(user_in(MODERATORS))
    assert client.post(approve, {"comment": ""}).status_code == 302
    service.refresh_from_db()
    assert service.live and service.title == "Speech drop-in (new times)" and not service.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_moderator_can_publish_directly(client, service):
    client.force_login(user_in(MODERATORS))
    assert edit(client, service, "publish", title="Speech drop-in (Saturdays)").status_code == 302
    service.refresh_from_db()
    assert service.title == "Speech drop-in (Saturdays)" and service.live


def test_a_service_can_be_scheduled_to_go_live_and_to_expire(client, directory):
    client.force_login(user_in(MODERATORS))
    soon = timezone.now() + datetime.timedelta(days=2)
    later = timezone.now() + datetime.timedelta(days=30)
    response = client.post(
        f"/admin/pages/add/directory/servicepage/{directory.pk}/",
        {
            **service_form(go_live_at=admin_datetime(soon), expire_at=admin_datetime(later)),
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    page = ServicePage.objects.get(slug="speech-drop-in")
    assert not page.live and page.go_live_at is not None
    revision = page.scheduled_revision
    assert revision is not None

    # The scheduled job (cron: `manage.py publish_scheduled`) does nothing before the time...
    call_command("publish_scheduled")
    assert not ServicePage.objects.get(pk=page.pk).live
    # ...and publishes once it has come (pretend two days passed).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.expire_at is not None

    # Past its expiry the service is hidden from families at once, and the job unpublishes it.
    ServicePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(page.url).status_code == 404
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
