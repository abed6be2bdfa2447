"""Background tasks that went wrong, for officers: the "Background tasks" report (tasks that failed for good, and
those waiting to be tried again, each with its error; "Try again" and "Dismiss") and its dashboard count.
Registered in directory/wagtail_hooks.py. The worker and its retries: localoffer/background/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.menu import MenuItem

from localoffer.background.results import failed_tasks, last_line, retrying_tasks

from .dashboard import DashboardCount
from .views import AdminReportMixin

SHOWN = 200  # the newest failures; the rest are counted


def can_see_tasks(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def describe(result):
    """What the task does, in words: the first sentence of its docstring (else its function's name)."""
    try:
        doc = " ".join((result.task.func.__doc__ or "").split())
    except ImportError:  # the task's code has gone since it was queued
        doc = ""
    return doc.split(". ")[0].rstrip(".") if doc else result.task_name


def rows(queryset):
    return [
        {
            "result": result,
            "what": describe(result),
            "error": last_line(result.traceback),
            "attempts": len(result.worker_ids),
        }
        for result in queryset[:SHOWN]
    ]


class BackgroundTasksView(AdminReportMixin, TemplateView):
    template_name = "directory/admin/background_tasks.html"
    page_title = "Background tasks"
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed, retrying = failed_tasks(), retrying_tasks()
        context.update(
            failed=rows(failed),
            failed_count=failed.count(),
            retrying=rows(retrying),
            retrying_count=retrying.count(),
            waiting=DBTaskResult.objects.ready().count(),
            running=DBTaskResult.objects.running().count(),
        )
        return context


@require_POST
def retry_task(request, task_id):
    """Queue a failed task again, with a fresh set of attempts (for example once the mail server is back)."""
    if not can_see_tasks(request.user):
        raise PermissionDenied
    result = get_object_or_404(DBTaskResult, pk=task_id, status=TaskResultStatus.FAILED)
    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None, worker_ids=[]
    )
    messages.success(request, f"'{describe(result)}' will be tried again in a moment.")
    return redirect("directory_background_tasks")


@require_POST
def dismiss_task(request, task_id):
    """Forget a failed task (someone has dealt with it)."""
    if not can_see_tasks(request.user):
        raise PermissionDenied
    result = get_object_or_404(DBTaskResult, pk=task_id, status=TaskResultStatus.FAILED)
    result.delete()
    messages.success(request, f"'{describe(result)}' dismissed.")
    return redirect("directory_background_tasks")


def admin_urls():
    return [
        path("reports/background-tasks/", BackgroundTasksView.as_view(), name="directory_background_tasks"),
        path("reports/background-tasks/<uuid:task_id>/retry/", retry_task, name="directory_background_task_retry"),
        path(
            "reports/background-tasks/<uuid:task_id>/dismiss/", dismiss_task, name="directory_background_task_dismiss"
        ),
    ]


def menu_item():
    return MenuItem("Background tasks", reverse("directory_background_tasks"), icon_name="cogs", order=90)


def failed_tasks_count(request):
    if not can_see_tasks(request.user):
        return None
    failed = failed_tasks().count()
    retrying = retrying_tasks().count()
    return DashboardCount(
        label="Background tasks that failed",
        count=failed,
        url=reverse("directory_background_tasks"),
        detail=f"{retrying} waiting to be tried again" if retrying else "none waiting to be tried again",
        alert=bool(failed),
        order=90,
    )
