"""What officers may know about queued tasks: the state of one (for a status page such as the GIAS import's), and
the tasks that failed for good or are waiting to be tried again (the Background tasks report).

Only the database queue keeps tasks; with the immediate backend (development, tests) there is nothing to look up,
and a task's outcome is whatever it recorded itself."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from localoffer.pii import redact


def last_line(traceback: str) -> str:
    """The exception and its message: the last line of a traceback that says something, with any email address,
    phone number or postcode in it removed (a refused email names the family's or SENCO's address, and every officer
    sees these lines)."""
    lines = [line.strip() for line in traceback.splitlines() if line.strip()]
    return redact(lines[-1]) if lines else ""


@dataclass
class TaskState:
    status: str  # TaskResultStatus: READY, RUNNING, SUCCESSFUL or FAILED
    attempts: int
    max_attempts: int
    error: str  # the last attempt's, if it failed
    retry_at: datetime | None  # when a failed task will be tried again

    @property
    def waiting_to_retry(self) -> bool:
        return self.status == TaskResultStatus.READY and bool(self.error)

    @property
    def failed_for_good(self) -> bool:
        return self.status == TaskResultStatus.FAILED


def task_state(task_id: str) -> TaskState | None:
    """The queue's record of a task, or None if the queue keeps none (the immediate backend, or pruned)."""
    if not task_id:
        return None
    try:
        result = DBTaskResult.objects.filter(pk=task_id).first()
    except ValidationError:  # not a queue id (the immediate backend's ids are not UUIDs)
        return None
    if result is None:
        return None
    error = last_line(result.traceback)
    waiting = result.status == TaskResultStatus.READY and bool(error)
    return TaskState(
        status=result.status,
        attempts=len(result.worker_ids),
        max_attempts=settings.TASKS_MAX_ATTEMPTS,
        error=error,
        retry_at=result.run_after if waiting else None,
    )


def failed_tasks() -> DBTaskResultQuerySet:
    """Tasks that failed on their last attempt, newest first."""
    return DBTaskResult.objects.failed().order_by("-finished_at")


def retrying_tasks() -> DBTaskResultQuerySet:
    """Tasks that failed and wait to be tried again, soonest first."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(traceback="").order_by("run_after")
